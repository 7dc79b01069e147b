package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A text cut for a column, a line or a preview keeps whole characters: never half of a surrogate pair (a character
 * beyond U+FFFF, an emoji or 𠀀), which UTF-8 writes as '?' and a page as U+FFFD, nor a letter without its combining
 * mark, a flag without its second half, an emoji sequence without what its joiner joins.
 */
class CodePointsTests {

  private static final String EMOJI = "\uD83D\uDE00"; // 😀
  private static final String HAN_B = "\uD840\uDC00"; // 𠀀

  @Test
  void aCutCountsCharactersAndNeverSplitsAPair() {
    String text = "a".repeat(9) + EMOJI + "bc";
    // Ten UTF-16 units hold the nine letters and half the emoji; ten characters hold the whole emoji.
    assertThat(CodePoints.first(text, 10)).isEqualTo("a".repeat(9) + EMOJI);
    assertThat(CodePoints.first(HAN_B.repeat(5), 3)).isEqualTo(HAN_B.repeat(3));
    assertThat(CodePoints.first(text, 20)).isSameAs(text);
    assertThat(CodePoints.first(null, 3)).isNull();
    assertThat(CodePoints.first(text, 0)).isEmpty();
    assertWhole(CodePoints.first(HAN_B.repeat(700), 501));
  }

  @Test
  void aCutEndsBeforeACharacterWhoseMarksOrJoinedPartsWouldBeLeftBehind() {
    String accent = "caf" + "e\u0301" + "s";
    assertThat(CodePoints.first(accent, 4)).isEqualTo("caf");
    assertThat(CodePoints.first(accent, 5)).isEqualTo("cafe\u0301");
    String family = "\uD83D\uDC69\u200D\uD83D\uDC67"; // woman, zero-width joiner, girl
    assertThat(CodePoints.first("ab" + family + "c", 3)).isEqualTo("ab");
    String flag = "\uD83C\uDDEB\uD83C\uDDF7"; // FR: two regional indicators
    assertThat(CodePoints.first("ab" + flag + flag, 3)).isEqualTo("ab");
    assertThat(CodePoints.first("ab" + flag + flag, 5)).isEqualTo("ab" + flag);
    // One cluster longer than the bound itself is cut between characters rather than to nothing.
    assertThat(CodePoints.first("e" + "\u0301".repeat(10), 3)).isEqualTo("e\u0301\u0301");
  }

  @Test
  void aShortenedTextEndsInAnEllipsisWithinItsBound() {
    String text = "a".repeat(58) + EMOJI + "b".repeat(5);
    String shortened = CodePoints.shortened(text, 60);
    assertThat(shortened).isEqualTo("a".repeat(58) + EMOJI + "\u2026");
    assertThat(CodePoints.count(shortened)).isEqualTo(60);
    assertWhole(shortened);
    String exactly = EMOJI.repeat(60);
    assertThat(CodePoints.shortened(exactly, 60)).isSameAs(exactly);
  }

  @Test
  void aBufferCutInUnitsLeavesOutAFirstHalf() {
    String text = "ab" + EMOJI;
    assertThat(CodePoints.wholeEnd(text, 3)).isEqualTo(2);
    assertThat(CodePoints.wholeEnd(text, 4)).isEqualTo(4);
    assertThat(CodePoints.wholeEnd(text, 2)).isEqualTo(2);
    assertThat(CodePoints.wholeEnd(text, 0)).isZero();
  }

  @Test
  void anEchoedValueIsClampedByWholeCharacters() {
    String text = "x".repeat(Echoed.KEPT - 1) + HAN_B + "tail";
    String clamped = Echoed.clamp(text);
    assertThat(clamped).isEqualTo("x".repeat(Echoed.KEPT - 1) + HAN_B + "…");
    assertWhole(clamped);
  }

  static void assertWhole(String text) {
    assertThat(text.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).as("no half of a character in %s", text).isTrue();
    assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
  }
}
