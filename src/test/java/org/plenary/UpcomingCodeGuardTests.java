package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No test computes a meeting code from its own date: the demo's upcoming meeting was dated by the application's clock
 * when the context started, and a test's {@code LocalDate.now()} (the machine's zone, maybe after midnight, maybe in
 * the next month) names a meeting that does not exist. Tests ask {@link DemoMeetings#upcoming} or the API instead.
 */
class UpcomingCodeGuardTests {

  /** A code derived from a date that the statement takes from now(): deriveCode(…now()…) or "yyMM" … now(). */
  static final Pattern OWN_DATE_CODE = Pattern.compile(
      "deriveCode\\([^;]*\\bnow\\(\\)|ofPattern\\(\"yyMM\"\\)[^;]*\\bnow\\(\\)|\\bnow\\(\\)[^;]*\\+\\s*\"-gva\"");

  @Test
  void noTestComputesTheUpcomingMeetingCodeFromItsOwnDate() throws IOException {
    assertThat(offenders(Path.of("src/test/java"))).as("take the code from DemoMeetings.upcoming or the API").isEmpty();
  }

  @Test
  void theGuardFindsACodeComputedFromTheTestsOwnDate() throws IOException {
    Path dir = Files.createTempDirectory(Path.of("target"), "guard");
    Files.writeString(dir.resolve("OldTests.java"), "class OldTests {\n  String code = MeetingCatalog.deriveCode(\n"
        + "      LocalDate.now().plusWeeks(8), \"gva\");\n  String other = DateTimeFormatter.ofPattern(\"yyMM\")"
        + ".format(LocalDate.now().plusWeeks(8)) + \"-gva\";\n}\n");
    assertThat(offenders(dir)).hasSize(2);
  }

  private static List<String> offenders(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("UpcomingCodeGuardTests.java"))
          .flatMap(p -> {
            try {
              String text = Files.readString(p).replaceAll("\\s+", " ");
              return OWN_DATE_CODE.matcher(text).results().map(m -> root.relativize(p) + ": " + m.group());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).toList();
    }
  }
}
