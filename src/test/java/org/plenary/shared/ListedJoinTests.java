package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Parts of a reader's text are joined through the bundles' {@code web.listed}, {@code web.clauses} and
 * {@code web.enumerated} ({@link Listed}), never with a literal {@code ", "} or {@code "; "}: Arabic writes "، " and
 * "؛ ", Chinese "，", "；" and "、", French a narrow no-break space before the semicolon. A zone's name and id, a venue
 * and its address, a hotel and its address, collocated meetings, chairs, a deadline's clause on the desk each joined
 * with a Latin comma or semicolon of their own. The allowed places are {@link LabelledJoinTests}'s (an operator's
 * English, exceptions, HTTP headers) and the few below, where the text is data rather than words for a reader.
 */
class ListedJoinTests {

  /** A Java string literal. */
  private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  /** What stands before a literal that is given as the separator of a join. */
  private static final Pattern JOINS = Pattern.compile("(joining|String\\.join|append)\\(\\s*$");

  /** A comma or semicolon written between two elements of a page. */
  private static final Pattern TEMPLATE_JOIN = Pattern.compile("(</[a-zA-Z:]+>|/>)[,;]\\s*(<|$)");

  private static final Map<String, String> DATA = Map.of(
      "account/Accounts.java", "SQL column lists",
      "output/Terms.java", "the related terms as stored in their column, split back on ';'",
      "meeting/CircularFacts.java", "facts in no language, frozen with an issued circular and compared with later ones; "
          + "CircularText says them to each reader",
      "meeting/CircularDesk.java", "an audit record's digests, in no language",
      "output/Deliverables.java", "the editors as stored in their column",
      "notification/MailMessage.java", "mail addresses, as a To header writes them and split back on ', '",
      "shared/Download.java", "a Content-Disposition header",
      "demo/", "the demo's content: addresses as typed by a secretariat");

  @Test
  void noTextForAReaderJoinsPartsWithALiteralCommaOrSemicolon() throws IOException {
    var allowed = new HashMap<>(LabelledJoinTests.NOT_FOR_A_READER);
    allowed.putAll(DATA);
    var found = new ArrayList<String>();
    Path root = Path.of("src/main/java/org/plenary");
    for (Path file : files(root, ".java")) {
      String name = root.relativize(file).toString().replace('\\', '/');
      if (allowed.keySet().stream().anyMatch(name::startsWith)) {
        continue;
      }
      var lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (joins(line) && !LabelledJoinTests.NOT_FOR_A_READER_LINE.matcher(line).matches()
            && !line.contains("HttpHeaders.") && !line.contains("Header(")) {
          found.add(name + ":" + (i + 1) + "  " + line.strip());
        }
      }
    }
    assertThat(found).as("parts joined with a literal comma or semicolon; use Listed (web.listed, web.clauses)").isEmpty();
  }

  @Test
  void noPageWritesALiteralCommaOrSemicolonBetweenTwoElements() throws IOException {
    var found = new ArrayList<String>();
    Path root = Path.of("src/main/resources/templates");
    for (Path file : files(root, ".html")) {
      var lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (TEMPLATE_JOIN.matcher(lines.get(i)).find()) {
          found.add(root.relativize(file) + ":" + (i + 1) + "  " + lines.get(i).strip());
        }
      }
    }
    assertThat(found).as("a literal comma or semicolon between elements; use #{web.listed('', '')} or #{web.clauses('', '')}")
        .isEmpty();
  }

  @Test
  void thePunctuationIsTheLanguagesOwn() {
    var messages = new MessageBundles().messageSource();
    assertThat(Listed.parts(messages, Locale.ENGLISH, "CICG", null, "Geneva", "")).isEqualTo("CICG, Geneva");
    assertThat(Listed.parts(messages, Locale.forLanguageTag("ar"), "CICG", "جنيف")).isEqualTo("CICG، جنيف");
    assertThat(Listed.parts(messages, Locale.CHINESE, "国际会议中心", "日内瓦")).isEqualTo("国际会议中心，日内瓦");
    assertThat(Listed.clauses(messages, Locale.FRENCH, List.of("FG Smart Grid", "FG FN"))).isEqualTo("FG Smart Grid\u202f; FG FN");
    assertThat(Listed.clauses(messages, Locale.forLanguageTag("ar"), List.of("أ", "ب"))).isEqualTo("أ؛ ب");
    assertThat(Listed.clauses(messages, Locale.CHINESE, List.of("甲", "乙"))).isEqualTo("甲；乙");
    assertThat(Listed.items(messages, Locale.CHINESE, List.of("李明", "王芳", "张伟"))).isEqualTo("李明、王芳、张伟");
    assertThat(Listed.items(messages, Locale.ENGLISH, List.of())).isEmpty();
  }

  @Test
  void aZoneIsNamedWithTheLanguagesComma() {
    var at = java.time.Instant.parse("2010-06-14T07:30:00Z");
    var geneva = java.time.ZoneId.of("Europe/Zurich");
    assertThat(Times.display(at, geneva, Locale.forLanguageTag("ar"))).contains("، Europe/Zurich)").doesNotContain(", ");
    assertThat(Times.display(at, geneva, Locale.CHINESE)).contains("，Europe/Zurich)").doesNotContain(", ");
  }

  /**
   * Whether a literal of the line ends (or starts) with ", " or "; " and is concatenated there, or is ", " or "; "
   * given to a join, an append or a collector.
   */
  static boolean joins(String line) {
    var literal = LITERAL.matcher(line);
    while (literal.find()) {
      String text = line.substring(literal.start() + 1, literal.end() - 1);
      String before = line.substring(0, literal.start()).stripTrailing();
      String after = line.substring(literal.end()).stripLeading();
      boolean ends = text.endsWith(", ") || text.endsWith("; ");
      boolean starts = text.startsWith(", ") || text.startsWith("; ");
      if (ends && after.startsWith("+") || starts && before.endsWith("+")
          || (text.equals(", ") || text.equals("; ")) && JOINS.matcher(before).find()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theScanFindsTheJoinsAndOnlyThem() {
    assertThat(joins("return text + \" (\" + name + \", \" + zone + \")\";")).isTrue();
    assertThat(joins("venue + (address == null ? \"\" : \", \" + address)")).isTrue();
    assertThat(joins("list.stream().collect(Collectors.joining(\"; \"))")).isTrue();
    assertThat(joins("out.append(\", \").append(range)")).isTrue();
    assertThat(joins("name.replaceAll(\"[^a-z]+\", \"-\")")).isFalse();
    assertThat(joins("String.join(\",\", Csv.cell(a), Csv.cell(b))")).isFalse();
    assertThat(joins("say(\"key\", \"a, b\")")).isFalse();
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (var files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(suffix)).toList();
    }
  }
}
