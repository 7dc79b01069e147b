package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashWarmUpTests {

  private static final long SLOW = 40_000_000;
  private static final long FAST = 700_000;

  /** Feeds the CPU times in order; returns after how many probes the warm-up stops (0: it never does). */
  private static int stopsAfter(long... cpuNanos) {
    var probes = new HashWarmUp.Probes();
    for (int i = 0; i < cpuNanos.length; i++) {
      if (probes.compiled(cpuNanos[i])) {
        return i + 1;
      }
    }
    return 0;
  }

  @Test
  void stopsOnceTwoMebibytesInARowHashAtAQuarterOfTheSlowestOnesTime() {
    assertThat(stopsAfter(SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, FAST, FAST, FAST)).isEqualTo(11);
  }

  @Test
  void keepsHashingAfterOneFastMebibyteBetweenSlowOnes() {
    assertThat(stopsAfter(SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, FAST, SLOW, FAST, SLOW)).isZero();
  }

  @Test
  void hashesAtLeastTheMinimumEvenWhenCompiledFromTheStart() {
    assertThat(stopsAfter(SLOW, FAST, FAST, FAST, FAST, FAST, FAST, FAST, FAST)).isEqualTo(HashWarmUp.MIN_PROBES);
  }

  @Test
  void neverStopsEarlyWhenTheSpeedDoesNotChange() {
    assertThat(stopsAfter(FAST, FAST, FAST, FAST, FAST, FAST, FAST, FAST, FAST, FAST)).isZero();
  }

  @Test
  void pausesTenTimesAsLongAsAMebibyteTookAndAtLeastTenMilliseconds() {
    assertThat(HashWarmUp.pauseMillis(FAST)).isEqualTo(10);
    assertThat(HashWarmUp.pauseMillis(6_000_000)).isEqualTo(60);
    assertThat(HashWarmUp.pauseMillis(SLOW)).isEqualTo(400);
  }

  @Test
  void theRealHashingStopsWithinTheCapAndHashesAtLeastTheMinimum() throws InterruptedException {
    assertThat(HashWarmUp.run()).isBetween(HashWarmUp.MIN_PROBES, HashWarmUp.MAX_PROBES);
  }
}
