package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InListsTests {

  @Test
  void padsWithTheLastValueToTheNextPowerOfTwo() {
    assertThat(InLists.padded(List.of())).isEmpty();
    assertThat(InLists.padded(List.of(7L))).containsExactly(7L);
    assertThat(InLists.padded(List.of(1L, 2L))).containsExactly(1L, 2L);
    assertThat(InLists.padded(List.of(1L, 2L, 3L))).containsExactly(1L, 2L, 3L, 3L);
    assertThat(InLists.padded(List.of("a", "b", "c", "d", "e"))).containsExactly("a", "b", "c", "d", "e", "e", "e", "e");
  }

  @Test
  void keepsEveryValueInItsPlaceAndAddsOnlyCopiesOfThem() {
    for (int n = 1; n <= 100; n++) {
      List<String> keys = IntStream.rangeClosed(1, n).mapToObj(i -> "K" + i).toList();
      List<String> padded = InLists.padded(keys);
      assertThat(padded.size()).as("size for %d keys", n).isBetween(n, 2 * n - 1);
      assertThat(padded.subList(0, n)).isEqualTo(keys);
      assertThat(padded).containsOnlyElementsOf(keys);
    }
  }

  @Test
  void listsOfOneToAHundredGiveEightLengths() {
    var lengths = IntStream.rangeClosed(1, 100)
        .map(n -> InLists.padded(IntStream.range(0, n).boxed().toList()).size()).distinct().sorted().toArray();
    assertThat(lengths).containsExactly(1, 2, 4, 8, 16, 32, 64, 128);
  }
}
