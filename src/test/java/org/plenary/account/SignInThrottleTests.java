package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

  private final Clock clock = Clock.fixed(Instant.parse("2026-06-14T07:30:00Z"), ZoneOffset.UTC);

  @Test
  void millionsOfUsernamesAndAddressesDoNotGrowTheCountersPastTheirBound() {
    var throttle = new SignInThrottle(5, 20, Duration.ofMinutes(15), 1_000, clock);
    for (int i = 0; i < 1_000_000; i++) {
      throttle.attempt("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "guess-" + i);
    }
    assertThat(throttle.tracked()).isLessThanOrEqualTo(2_000);
  }

  @Test
  void countsPerUsernameAndPerAddressAndASuccessClearsOnlyItsOwnUsernameAndItsOwnAttempt() {
    var throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15), 1_000, clock);
    assertThat(throttle.attempt("192.0.2.1", "victim")).isEmpty();
    assertThat(throttle.attempt("192.0.2.2", "VICTIM")).isEmpty();
    assertThat(throttle.attempt("192.0.2.1", "mallory")).isEmpty();
    throttle.succeeded("192.0.2.1", "mallory");
    assertThat(throttle.attempt("192.0.2.3", "Victim")).isEmpty();
    assertThat(throttle.lockedUntil("198.51.100.7", "victim")).contains(Instant.parse("2026-06-14T07:45:00Z"));
    assertThat(throttle.attempt("198.51.100.7", "victim")).isPresent();
    assertThat(throttle.lockedUntil("198.51.100.7", "mallory")).as("a refused attempt is not counted").isEmpty();

    for (int i = 0; i < 4; i++) {
      assertThat(throttle.attempt("203.0.113.9", "spray-" + i)).isEmpty();
      assertThat(throttle.attempt("203.0.113.9", "own")).isEmpty();
      throttle.succeeded("203.0.113.9", "own");
    }
    assertThat(throttle.attempt("203.0.113.9", "spray-4")).as("the fifth failure, after four successes").isEmpty();
    assertThat(throttle.lockedUntil("203.0.113.9", "own")).isPresent();
    assertThat(throttle.attempt("203.0.113.9", "own")).isPresent();
    assertThat(throttle.lockedUntil("203.0.113.10", "own")).isEmpty();
  }

  @Test
  void attemptsStillBeingCheckedCountSoParallelGuessesStopAtTheLimit() {
    var throttle = new SignInThrottle(3, 100, Duration.ofMinutes(15), 1_000, clock);
    long admitted = java.util.stream.IntStream.range(0, 200).parallel()
        .filter(i -> throttle.attempt("192.0.2." + (i % 50), "victim").isEmpty()).count();
    assertThat(admitted).isEqualTo(3);
  }
}
