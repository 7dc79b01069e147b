package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GlobTests {

  @Test
  void matchesWhatTheShellMatches() {
    assertThat(Glob.of("*.pdf").matches("FG-Cloud-I-0001.pdf")).isTrue();
    assertThat(Glob.of("*.pdf").matches("FG-Cloud-I-0001.pdfx")).isFalse();
    assertThat(Glob.of("FG-Cloud-I-00*").matches("FG-Cloud-I-0042r1.docx")).isTrue();
    assertThat(Glob.of("FG-Cloud-I-????.pdf").matches("FG-Cloud-I-0042.pdf")).isTrue();
    assertThat(Glob.of("FG-Cloud-I-????.pdf").matches("FG-Cloud-I-00042.pdf")).isFalse();
    assertThat(Glob.of("*.[dx]ocx").matches("a.docx")).isTrue();
    assertThat(Glob.of("*.[!p]*").matches("a.pdf")).isFalse();
    assertThat(Glob.of("*.[^p]*").matches("a.docx")).isTrue();
    assertThat(Glob.of("[a-c]*").matches("b.txt")).isTrue();
    assertThat(Glob.of("[a-c]*").matches("d.txt")).isFalse();
    assertThat(Glob.of("[]x]").matches("]")).as("a ] first in a set is a member").isTrue();
    assertThat(Glob.of("a[b").matches("a[b")).as("an unclosed [ is itself").isTrue();
    assertThat(Glob.of("**a**").matches("bab")).isTrue();
    assertThat(Glob.of("*").matches("")).isTrue();
    assertThat(Glob.of("?").matches("")).isFalse();
    assertThat(Glob.of("*a*b").matches("xaxb")).isTrue();
    assertThat(Glob.of("*a*b").matches("xbxa")).isFalse();
    String name = "FG-Cloud-I-0001.pdf";
    String spread = "*" + String.join("*", name.split("")) + "*";
    assertThat(Glob.of(spread).matches(name)).isTrue();
    assertThat(Glob.of("*" + "?".repeat(200) + "*").matches("x".repeat(200))).as("past 64 positions").isTrue();
    assertThat(Glob.of("*" + "?".repeat(200) + "*").matches("x".repeat(199))).isFalse();
  }

  /**
   * The review's finding: {@code *a*a*a…} or {@code *aaa…ab} of a kibibyte over 100,000 names made
   * the backtracking matcher try each {@code *} again at every character (seconds of a worker).
   * Now a name costs one step per character and per 64 positions of the pattern, and nothing when
   * the pattern needs more characters than the name has.
   */
  @Test
  void aHostilePatternCostsOneStepPerCharacterOfEachNameOverAHundredThousandNames() {
    List<String> names = IntStream.range(0, 100_000).mapToObj(i -> "a".repeat(200) + "%06d".formatted(i)).toList();
    long characters = names.stream().mapToLong(String::length).sum();
    for (String hostile : List.of("*a".repeat(512), "*" + "a".repeat(1022) + "b",
        "*" + "a".repeat(190) + "b", "*a".repeat(190) + "*b", "*" + "a".repeat(100) + "b")) {
      Glob glob = Glob.of(hostile);
      long started = System.nanoTime();
      long matched = names.stream().filter(glob::matches).count();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(matched).isZero();
      assertThat(glob.steps()).as(hostile.substring(0, 10)).isLessThanOrEqualTo(characters * glob.words());
      // Generous: about a second here on a loaded machine; the backtracking matcher took 11 to 15 s on the last three.
      assertThat(millis).as(hostile.substring(0, 10)).isLessThan(6_000);
    }
  }
}
