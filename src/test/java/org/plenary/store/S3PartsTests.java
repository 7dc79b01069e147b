package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3PartsTests {

  private static final int MB = 1 << 20;

  /**
   * Cuts a file of {@code size} bytes as {@link S3Upload} does, the bucket taking the oldest part
   * whenever the plan says wait; returns the part lengths, and checks the buffers held at every step.
   */
  private static List<Integer> cut(S3Parts plan, long size) {
    List<Integer> lengths = new ArrayList<>();
    Deque<Integer> sending = new ArrayDeque<>();
    long sendingBytes = 0;
    long handed = 0;
    while (handed < size) {
      int length = (int) Math.min(plan.next(handed), size - handed);
      int buffer = plan.next(handed);
      handed += length;
      boolean last = handed == size;
      int next = last ? 0 : plan.next(handed);
      while (!plan.maySend(sendingBytes, buffer, next)) {
        sendingBytes -= sending.remove();
      }
      sending.add(buffer);
      sendingBytes += buffer;
      lengths.add(length);
      assertThat(sendingBytes + next).as("part buffers held after part %d", lengths.size())
          .isLessThanOrEqualTo(Math.max(plan.budget(), 2L * buffer));
    }
    return lengths;
  }

  @Test
  void keepsThePartSizeAndPartsInFlightForFilesWithinTheBudget() {
    var plan = new S3Parts(8 * MB, 3);
    assertThat(plan.budget()).isEqualTo(32L * MB);
    assertThat(cut(plan, 30L * MB)).containsExactly(8 * MB, 8 * MB, 8 * MB, 6 * MB);
  }

  @Test
  void doublesThePartsOfALargeFileWithinTheSameMemory() {
    var plan = new S3Parts(8 * MB, 3);
    List<Integer> lengths = cut(plan, 1L << 30);
    assertThat(lengths.subList(0, 4)).containsOnly(8 * MB);
    assertThat(lengths.subList(4, lengths.size())).containsOnly(16 * MB);
    assertThat(lengths).hasSize(4 + 62);
    assertThat(lengths.stream().mapToLong(Integer::longValue).sum()).isEqualTo(1L << 30);
  }

  @Test
  void neverHoldsMoreThanTheBudgetOncePartsHaveDoubled() {
    var plan = new S3Parts(8 * MB, 3);
    // one doubled part on its way and the next filling: the budget, never a third
    assertThat(plan.maySend(0, 16 * MB, 16 * MB)).isTrue();
    assertThat(plan.maySend(16L * MB, 16 * MB, 16 * MB)).isFalse();
    // the last part leaves beside the others when nothing fills after it
    assertThat(plan.maySend(16L * MB, 16 * MB, 0)).isTrue();
  }

  @Test
  void keepsOnePartSizeWhenOnlyOnePartIsInFlight() {
    var plan = new S3Parts(5 * MB, 1);
    assertThat(cut(plan, 40L * MB)).containsOnly(5 * MB);
  }

  @Test
  void holdsAHundredGibibytesWithinTheTenThousandPartsOfS3() {
    assertThat(cut(new S3Parts(8 * MB, 3), 100L << 30)).hasSizeLessThanOrEqualTo(10_000);
  }

  @Test
  void refusesPartsSmallerThanS3AllowsAndNoPartInFlight() {
    assertThatThrownBy(() -> new S3Parts(4 * MB, 3)).hasMessageContaining("at least 5MB");
    assertThatThrownBy(() -> new S3Parts(8 * MB, 0)).hasMessageContaining("at least 1");
  }
}
