package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

  private final Clock clock = Clock.fixed(Instant.parse("2026-06-14T07:30:00Z"), ZoneOffset.UTC);

  @Test
  void millionsOfUsernamesAndAddressesDoNotGrowTheCountersPastTheirBound() {
    var throttle = new SignInThrottle(5, 20, Duration.ofMinutes(15), 1_000, clock);
    for (int i = 0; i < 1_000_000; i++) {
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      throttle.attempt(address, "guess-" + i);
      throttle.failed(address, "guess-" + i);
    }
    assertThat(throttle.tracked()).isLessThanOrEqualTo(3_000);
  }

  @Test
  void countsPerUsernameAndPerAddressAndASuccessClearsOnlyItsOwnUsername() {
    var throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15), 1_000, clock);
    guess(throttle, "192.0.2.1", "victim");
    guess(throttle, "192.0.2.2", "VICTIM");
    assertThat(throttle.attempt("192.0.2.1", "mallory")).isEmpty();
    throttle.succeeded("192.0.2.1", "mallory");
    guess(throttle, "192.0.2.3", "Victim");
    assertThat(throttle.lockedUntil("198.51.100.7", "victim")).contains(Instant.parse("2026-06-14T07:45:00Z"));
    assertThat(throttle.attempt("198.51.100.7", "victim")).isPresent();
    assertThat(throttle.lockedUntil("198.51.100.7", "mallory")).as("a refused attempt is not counted").isEmpty();

    for (int i = 0; i < 4; i++) {
      guess(throttle, "203.0.113.9", "spray-" + i);
      assertThat(throttle.attempt("203.0.113.9", "own")).isEmpty();
      throttle.succeeded("203.0.113.9", "own");
    }
    guess(throttle, "203.0.113.9", "spray-4");
    assertThat(throttle.lockedUntil("203.0.113.9", "own")).as("the fifth failure, after four successes").isPresent();
    assertThat(throttle.attempt("203.0.113.9", "own")).isPresent();
    assertThat(throttle.lockedUntil("203.0.113.10", "own")).isEmpty();
  }

  /** An IPv6 host has a /64 to take addresses from: a guesser changing its address within it is still one address. */
  @Test
  void anIpv6AddressCountsAsItsSlash64() {
    var throttle = new SignInThrottle(100, 5, Duration.ofMinutes(15), 1_000, clock);
    for (int i = 0; i < 5; i++) {
      guess(throttle, "2001:db8:1:2:" + Integer.toHexString(i + 1) + "::1", "spray-" + i);
    }
    assertThat(throttle.lockedUntil("2001:db8:1:2:ffff:ffff:ffff:ffff", "own")).as("the same /64").isPresent();
    assertThat(throttle.attempt("2001:0db8:0001:0002::abcd", "own")).as("written otherwise").isPresent();
    assertThat(throttle.lockedUntil("2001:db8:1:3::1", "own")).as("the next /64").isEmpty();
    assertThat(throttle.lockedUntil("192.0.2.77", "own")).isEmpty();
  }

  @Test
  void parallelGuessesGetNoMoreChecksThanTheLimit() throws Exception {
    var throttle = new SignInThrottle(3, 100, Duration.ofMinutes(15), 1_000, clock);
    var checked = new AtomicInteger();
    run(40, i -> {
      if (throttle.attempt("192.0.2." + (i % 50), "victim").isEmpty()) {
        checked.incrementAndGet();
        pause();
        throttle.failed("192.0.2." + (i % 50), "victim");
      }
    });
    assertThat(checked).hasValue(3);
  }

  @Test
  void manyCorrectSignInsAtOnceAllSucceedWithNoMoreThanTheLimitBeingChecked() throws Exception {
    var throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15), 1_000, clock);
    var checking = new AtomicInteger();
    var most = new AtomicInteger();
    var refused = new AtomicInteger();
    run(60, i -> {
      if (throttle.attempt("192.0.2.1", "alice").isPresent()) {
        refused.incrementAndGet();
        return;
      }
      most.accumulateAndGet(checking.incrementAndGet(), Math::max);
      pause();
      checking.decrementAndGet();
      throttle.succeeded("192.0.2.1", "alice");
    });
    assertThat(refused).hasValue(0);
    assertThat(most.get()).isBetween(1, 3);
    assertThat(throttle.lockedUntil("192.0.2.1", "alice")).isEmpty();
  }

  @Test
  void aSignInThatWaitedInVainBehindOthersBeingCheckedIsToldSoAndNothingCountsAsAFailure() throws Exception {
    var moving = new org.plenary.shared.MovingClock();
    var throttle = new SignInThrottle(1, 5, Duration.ofMinutes(15), 1_000, moving);
    assertThat(throttle.attempt("192.0.2.1", "alice")).as("the one check allowed at once").isEmpty();
    var pool = Executors.newSingleThreadExecutor();
    Future<java.util.Optional<SignInResult.LockedOut>> waiting = pool.submit(() -> throttle.attempt("192.0.2.2", "alice"));
    Thread.sleep(100);
    assertThat(waiting).as("it waits its turn").isNotDone();
    moving.advance(SignInThrottle.WAIT.plusSeconds(1));
    SignInResult.LockedOut refused = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
    pool.shutdown();
    assertThat(refused.busy()).isTrue();
    assertThat(refused.message()).contains("being checked at the same time").doesNotContain("failed");
    assertThat(refused.retryAfterSeconds()).isBetween(1L, SignInThrottle.WAIT.toSeconds() + 1);
    throttle.succeeded("192.0.2.1", "alice");
    assertThat(throttle.lockedUntil("192.0.2.2", "alice")).as("no failure was counted").isEmpty();
    assertThat(throttle.attempt("192.0.2.2", "alice")).as("its turn has come").isEmpty();
  }

  private static void guess(SignInThrottle throttle, String address, String username) {
    assertThat(throttle.attempt(address, username)).isEmpty();
    throttle.failed(address, username);
  }

  private interface Task {
    void run(int i) throws Exception;
  }

  /** Runs {@code count} tasks released together on as many threads, and waits for them all. */
  private static void run(int count, Task task) throws Exception {
    var pool = Executors.newFixedThreadPool(count);
    var start = new CountDownLatch(1);
    var futures = new ArrayList<Future<?>>();
    for (int i = 0; i < count; i++) {
      int n = i;
      futures.add(pool.submit(() -> {
        start.await();
        task.run(n);
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
  }

  private static void pause() throws InterruptedException {
    Thread.sleep(20);
  }

  @Test
  void aTypoStormAtADeclaredVenueLocksOutNoDelegateWhileEachUsernameStaysCounted() {
    var venue = org.plenary.shared.VenueAddresses.parse("198.51.100.0/24, 2001:db8:5::/48");
    var throttle = new SignInThrottle(5, 20, Duration.ofMinutes(15), 1_000, clock, venue);
    for (int d = 0; d < 300; d++) {
      String address = d % 2 == 0 ? "198.51.100.7" : "2001:db8:5:1::" + Integer.toHexString(d);
      assertThat(throttle.attempt(address, "delegate-" + d)).as("typo of delegate %d", d).isEmpty();
      throttle.failed(address, "delegate-" + d);
      assertThat(throttle.attempt(address, "delegate-" + d)).as("second try of delegate %d", d).isEmpty();
      throttle.succeeded(address, "delegate-" + d);
    }
    assertThat(throttle.lockedUntil("198.51.100.7")).isEmpty();
    for (int i = 0; i < 5; i++) {
      guess(throttle, "198.51.100.7", "victim");
    }
    assertThat(throttle.attempt("198.51.100.8", "victim")).as("a username is locked at the venue too").isPresent();

    // The same storm from an address outside the venue is a sprayer, stopped after twenty failures.
    for (int d = 0; d < 20; d++) {
      guess(throttle, "192.0.2.9", "sprayed-" + d);
    }
    assertThat(throttle.attempt("192.0.2.9", "sprayed-20")).isPresent();
  }

  /** An undeclared venue: its address counts each failing username once, however often that name failed. */
  @Test
  void anAddressCountsEachFailingUsernameOnce() {
    var throttle = new SignInThrottle(5, 20, Duration.ofMinutes(15), 1_000, clock);
    for (int d = 0; d < 19; d++) {
      for (int typo = 0; typo < 3; typo++) {
        guess(throttle, "192.0.2.50", "delegate-" + d);
      }
    }
    assertThat(throttle.lockedUntil("192.0.2.50")).as("57 typos of 19 delegates").isEmpty();
    assertThat(throttle.attempt("192.0.2.50", "delegate-19")).isEmpty();
    throttle.succeeded("192.0.2.50", "delegate-19");
    for (int i = 0; i < 5; i++) {
      guess(throttle, "192.0.2.51", "hammered");
    }
    assertThat(throttle.attempt("192.0.2.52", "hammered")).as("a username hammered is locked").isPresent();
    guess(throttle, "192.0.2.50", "delegate-19");
    assertThat(throttle.lockedUntil("192.0.2.50")).as("the twentieth name").isPresent();
  }
}
