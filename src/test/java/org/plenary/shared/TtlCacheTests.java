package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TtlCacheTests {

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T08:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void loadsAgainOnceAnEntryIsOlderThanItsTimeToLive() {
    var clock = new MovingClock();
    var cache = new TtlCache<String, Integer>(Duration.ofSeconds(5), 100, clock);
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
}
