package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TtlCacheTests {

  /** Refreshes are queued here and run when the test says. */
  private static final Executor NEVER = task -> {};

  @Test
  void loadsAgainOnceAnEntryIsOlderThanItsTimeToLive() {
    var clock = new MovingClock();
    var cache = new TtlCache<String, Integer>(Duration.ofSeconds(5), 100, clock, NEVER);
    var loads = new AtomicInteger();
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(4));
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void dropsExpiredEntriesInsteadOfKeepingThemUntilTheCacheIsFull() {
    var clock = new MovingClock();
    var cache = new TtlCache<Integer, String>(Duration.ofSeconds(5), 10_000, clock);
    for (int i = 0; i < 500; i++) {
      cache.get(i, () -> "token");
    }
    clock.advance(Duration.ofSeconds(6));
    cache.get(-1, () -> "fresh");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void keepsAtMostItsMaximumOfEntries() {
    var cache = new TtlCache<Integer, String>(Duration.ofMinutes(5), 50, new MovingClock());
    for (int i = 0; i < 1000; i++) {
      cache.get(i, () -> "value");
    }
    assertThat(cache.size()).isLessThanOrEqualTo(50);
  }

  @Test
  void clearForgetsEverything() {
    var cache = new TtlCache<String, Integer>(Duration.ofMinutes(5), 100, new MovingClock());
    var loads = new AtomicInteger();
    cache.get("k", loads::incrementAndGet);
    cache.clear();
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void loadsAKeyInUseAgainInTheBackgroundBeforeItExpires() {
    var clock = new MovingClock();
    List<Runnable> queued = new ArrayList<>();
    var cache = new TtlCache<String, Integer>(Duration.ofSeconds(4), 100, clock, queued::add);
    var loads = new AtomicInteger();
    cache.get("k", loads::incrementAndGet);
    clock.advance(Duration.ofMillis(2_999));
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(1);
    assertThat(queued).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(1);
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(1);
    assertThat(queued).as("one refresh, however many readers").hasSize(1);
    queued.getFirst().run();
    clock.advance(Duration.ofSeconds(2)); // 5 s after the first load, 2 s after the refresh
    assertThat(cache.get("k", loads::incrementAndGet)).isEqualTo(2);
    assertThat(loads).hasValue(2);
  }

  @Test
  void readersOfAnExpiredKeyWaitForOneLoad() throws Exception {
    var cache = new TtlCache<String, Integer>(Duration.ofSeconds(5), 100, new MovingClock(), NEVER);
    var loads = new AtomicInteger();
    var release = new CountDownLatch(1);
    ExecutorService readers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(readers.submit(() -> cache.get("k", () -> {
          loads.incrementAndGet();
          await(release);
          return 42;
        })));
      }
      Thread.sleep(200); // all eight are asking by now
      release.countDown();
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(42);
      }
      assertThat(loads).hasValue(1);
    } finally {
      readers.shutdownNow();
    }
  }

  @Test
  void neverGivesAValueWhoseLoadBeganBeforeAClear() throws Exception {
    var cache = new TtlCache<String, String>(Duration.ofMinutes(5), 100, new MovingClock(), NEVER);
    var reading = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    ExecutorService slow = Executors.newSingleThreadExecutor();
    try {
      Future<String> before = slow.submit(() -> cache.get("k", () -> {
        reading.countDown();
        await(release);
        return "before the write";
      }));
      assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
      cache.clear();
      assertThat(cache.get("k", () -> "after the write")).isEqualTo("after the write");
      release.countDown();
      assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo("before the write");
      assertThat(cache.get("k", () -> "loaded again")).isEqualTo("after the write");
    } finally {
      slow.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
