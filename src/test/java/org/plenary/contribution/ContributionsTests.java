package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContributionsTests {

  @Test
  void padsAnInListToAPowerOfTwoWithItsLastKeyAndKeepsItsKeys() {
    assertThat(Contributions.padded(List.of())).isEmpty();
    assertThat(Contributions.padded(List.of("A"))).containsExactly("A");
    assertThat(Contributions.padded(List.of("A", "B"))).containsExactly("A", "B");
    assertThat(Contributions.padded(List.of("A", "B", "C"))).containsExactly("A", "B", "C", "C");
    for (int n = 1; n <= 100; n++) {
      List<String> keys = IntStream.rangeClosed(1, n).mapToObj(i -> "K" + i).toList();
      List<String> padded = Contributions.padded(keys);
      assertThat(Integer.bitCount(padded.size())).as("size for %d keys", n).isEqualTo(1);
      assertThat(padded.size()).isBetween(n, 2 * n - 1);
      assertThat(padded.subList(0, n)).isEqualTo(keys);
      assertThat(padded).containsOnlyElementsOf(keys);
    }
    // 1 to 100 keys give 8 statement texts, not 100.
    assertThat(IntStream.rangeClosed(1, 100).map(n -> Contributions.padded(java.util.Collections.nCopies(n, "K")).size())
        .distinct().count()).isEqualTo(8);
  }
}
