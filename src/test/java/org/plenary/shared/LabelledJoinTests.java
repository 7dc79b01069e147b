package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A label and its value are joined in Java through the bundles' {@code web.labelled} ({@link Labelled}), never with
 * a literal {@code ": "}: French writes a narrow no-break space before the colon, Chinese a full-width colon. The
 * deadlines of a calendar and of a meeting's mail, a CSV's translations, the fields of every PDF and the lines of a
 * progress report or terms PDF each joined with {@code ": "} of their own.
 */
class LabelledJoinTests {

  /** A string literal that ends or starts with a colon and a space (or a full-width colon), joined with {@code +}. */
  private static final Pattern LITERAL_JOIN = Pattern.compile("\"[^\"]*(: |：)\"\\s*\\+|\\+\\s*\"(: |：)[^\"]*\"");

  /** Lines whose text is an exception's or the console's (logged, or an operator's English), or an HTTP header. */
  static final Pattern NOT_FOR_A_READER_LINE = Pattern.compile(".*(throw new|Exception\\(|println|withDetail|Content-).*");

  /** Where text is for an operator in English, never a reader of the six languages. */
  static final Map<String, String> NOT_FOR_A_READER = Map.of(
      "ops/", "backup, restore and health: the operator's console and logs",
      "archive/", "the verify command's report on an operator's console",
      "store/", "the document store's health and errors, logged",
      "search/KeptText.java", "a damaged index file, logged",
      "shared/InvalidInputException.java", "the exception's message, logged; readers get the fields one by one");

  @Test
  void noTextForAReaderJoinsALabelWithALiteralColon() throws IOException {
    var found = new ArrayList<String>();
    Path root = Path.of("src/main/java/org/plenary");
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        if (NOT_FOR_A_READER.keySet().stream().anyMatch(name::startsWith)) {
          continue;
        }
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (LITERAL_JOIN.matcher(lines.get(i)).find() && !NOT_FOR_A_READER_LINE.matcher(lines.get(i)).matches()) {
            found.add(name + ":" + (i + 1) + "  " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(found).as("labels joined with a literal colon; use Labelled.join (web.labelled)").isEmpty();
  }

  @Test
  void theJoinIsTheLanguagesOwn() {
    var messages = new MessageBundles().messageSource();
    assertThat(Labelled.join(messages, Locale.ENGLISH, "Deadline", "7 June")).isEqualTo("Deadline: 7 June");
    assertThat(Labelled.join(messages, Locale.FRENCH, "Date limite", "7 juin")).isEqualTo("Date limite\u202f: 7 juin");
    assertThat(Labelled.join(messages, Locale.CHINESE, "截止日期", "6月7日")).isEqualTo("截止日期：6月7日");
    assertThat(Labelled.label(messages, Locale.FRENCH, "Nom")).isEqualTo("Nom\u202f: ");
  }
}
