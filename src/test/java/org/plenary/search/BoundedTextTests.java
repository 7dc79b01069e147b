package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Text extracted up to its cap is cut there by whole characters: a pair cut in two left half a character in the index. */
class BoundedTextTests {

  private static final String EMOJI = "\uD83D\uDE00";

  @Test
  void aPairThatStraddlesTheCapIsLeftOutWhole() {
    var text = new BoundedText(5, System.nanoTime() + 60_000_000_000L);
    assertThatThrownBy(() -> text.write("abcd" + EMOJI + "x")).isInstanceOf(BoundedText.Stop.class);
    assertThat(text.toString()).isEqualTo("abcd");
    assertThat(text.note().code()).isEqualTo("tooLong");
  }

  @Test
  void aPairWhoseSecondHalfComesInTheNextWriteIsLeftOutAtTheCap() throws Exception {
    var text = new BoundedText(5, System.nanoTime() + 60_000_000_000L);
    text.write("abcd\uD83D");
    assertThatThrownBy(() -> text.write("\uDE00")).isInstanceOf(BoundedText.Stop.class);
    assertThat(text.toString()).isEqualTo("abcd");
    assertThat(text.toString().codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).isTrue();
  }
}
