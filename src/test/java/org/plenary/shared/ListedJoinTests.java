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
 * with a Latin comma or semicolon of their own. An aside is put in the language's parentheses through
 * {@code web.aside} ("FG Cloud (FG-Cloud)", "云计算焦点组（FG-Cloud）"), never with a literal {@code " ("}, and a page
 * joins nothing with a punctuation literal inside a {@code th:} expression ({@code ' (' + x + ')'},
 * {@code #strings.listJoin(x, ', ')}). The bundles punctuate in their script: no Latin comma, colon or parenthesis
 * against a Chinese character, no full-width sign in Arabic. The allowed places are {@link LabelledJoinTests}'s (an
 * operator's English, exceptions, HTTP headers) and the few below, where the text is data rather than words for a
 * reader.
 */
class ListedJoinTests {

  /** A Java string literal. */
  private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  /** What stands before a literal that is given as the separator of a join. */
  private static final Pattern JOINS = Pattern.compile("(joining|String\\.join|append)\\(\\s*$");

  /** A comma or semicolon written between two elements of a page. */
  private static final Pattern TEMPLATE_JOIN = Pattern.compile("(</[a-zA-Z:]+>|/>)[,;]\\s*(<|$)");

  /** An element whose only text is a punctuation sign and that no {@code th:text} words in the reader's language. */
  private static final Pattern TEMPLATE_SIGN = Pattern.compile(
      "<([a-zA-Z:]+)(?![^>]*th:u?text)[^>]*>\\s*[,;:()\u00b7\uff08\uff09\uff0c\uff1a\uff1b]\\s*</\\1>");

  /** A Latin parenthesis written around an element: {@code #{web.aside.open}} and {@code #{web.aside.close}} word it. */
  private static final Pattern TEMPLATE_PARENTHESIS = Pattern.compile("\\((?=<[a-zA-Z])|(?<=</[a-zA-Z:]{1,20}>)\\)");

  /** A Thymeleaf attribute's expression that becomes words (not a link, a form value or a class). */
  private static final Pattern TEMPLATE_EXPRESSION = Pattern.compile(
      "th:(?:u?text|title|alt|placeholder|aria-[a-z]+|content|replace|insert)=\"([^\"]*)\"");

  /** A string literal of a template expression. */
  private static final Pattern TEMPLATE_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");

  /** Punctuation that differs by language: Latin and full-width commas, colons, semicolons, parentheses; "·". */
  private static final Pattern SIGN = Pattern.compile("[,;:()\u00b7\uff08\uff09\uff0c\uff1a\uff1b]");

  /** A Latin comma, colon, semicolon or parenthesis against a Chinese character (an HTML entity's ";" aside). */
  private static final Pattern LATIN_BY_HAN = Pattern.compile(
      "\\p{IsHan}\\s*[,;:()]|(?<!&[a-z]{1,6})[,;:()]\\s*\\p{IsHan}");

  /** A full-width sign, or a Latin comma or semicolon after an Arabic letter. */
  private static final Pattern NOT_ARABIC = Pattern.compile("[\uff08\uff09\uff0c\uff1a\uff1b\u3001]|\\p{IsArabic}[,;]");

  private static final Map<String, String> DATA = Map.ofEntries(
      Map.entry("account/Accounts.java", "SQL column lists"),
      Map.entry("account/Organizations.java", "SQL column lists and keyset conditions (a sort key column per language)"),
      Map.entry("output/Terms.java", "the related terms as stored in their column, split back on ';'"),
      Map.entry("meeting/CircularFacts.java", "facts in no language, frozen with an issued circular and compared with later ones; "
          + "CircularText says them to each reader"),
      Map.entry("meeting/CircularDesk.java", "an audit record's digests, in no language"),
      Map.entry("output/Deliverables.java", "the editors as stored in their column"),
      Map.entry("ftp/TransferCommands.java", "PASV and EPSV replies: the address and protocol in the form RFC 959 and 2428 fix"),
      Map.entry("search/KnownMeetings.java", "facet labels built once for every reader from a code, a number and a title"),
      Map.entry("notification/MailMessage.java", "mail addresses, as a To header writes them and split back on ', '"),
      Map.entry("shared/Download.java", "a Content-Disposition header"),
      Map.entry("demo/", "the demo's content: addresses as typed by a secretariat"));

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
        if (joins(i == 0 ? "" : lines.get(i - 1), line, i + 1 == lines.size() ? "" : lines.get(i + 1))
            && !LabelledJoinTests.NOT_FOR_A_READER_LINE.matcher(line).matches()
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
  void noPageJoinsWithPunctuationOfItsOwn() throws IOException {
    var found = new ArrayList<String>();
    Path root = Path.of("src/main/resources/templates");
    for (Path file : files(root, ".html")) {
      found.addAll(templateJoins(root.relativize(file).toString(), Files.readString(file)));
    }
    assertThat(found).as("punctuation joined in a template; use #{web.aside(a, b)}, #{web.labelled(a, b)}, "
        + "${@listed.items(list)} or a th:text=\"#{web.enumerated('', '')}\" separator").isEmpty();
  }

  /** Each place of {@code page} where a th: expression joins with a punctuation literal, or a bare sign is written. */
  static List<String> templateJoins(String name, String page) {
    var found = new ArrayList<String>();
    var expression = TEMPLATE_EXPRESSION.matcher(page);
    while (expression.find()) {
      String text = expression.group(1);
      var literal = TEMPLATE_LITERAL.matcher(text);
      while (literal.find()) {
        String before = text.substring(0, literal.start()).stripTrailing();
        String after = text.substring(literal.end()).stripLeading();
        if (SIGN.matcher(literal.group()).find()
            && (before.endsWith("+") || after.startsWith("+") || before.matches("(?s).*listJoin\\(.*,"))) {
          found.add(name + ":" + line(page, expression.start()) + "  " + literal.group() + " in " + text.strip());
        }
      }
    }
    for (Pattern bare : List.of(TEMPLATE_SIGN, TEMPLATE_PARENTHESIS)) {
      var sign = bare.matcher(page);
      while (sign.find()) {
        found.add(name + ":" + line(page, sign.start()) + "  " + sign.group());
      }
    }
    return found;
  }

  private static int line(String text, int at) {
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void theTemplateScanFindsTheJoinsAndOnlyThem() {
    assertThat(templateJoins("t", "<td th:text=\"${a} + ' (' + ${b} + ')'\">x</td>")).hasSize(2);
    assertThat(templateJoins("t", "<td th:text=\"${#strings.listJoin(list, ', ')}\">x</td>")).hasSize(1);
    assertThat(templateJoins("t", "<td th:text=\"${a} + '：' + ${b}\">x</td>")).hasSize(1);
    assertThat(templateJoins("t", "<p>\n<th:block th:unless=\"${i.last}\">, </th:block></p>")).hasSize(1);
    assertThat(templateJoins("t", "<th:block th:text=\"#{web.listed('', '')}\">, </th:block>")).isEmpty();
    assertThat(templateJoins("t", "<span>FG</span> (<bdi>x</bdi>)")).hasSize(2);
    assertThat(templateJoins("t", "<a th:href=\"@{/c/{id}.pdf(id=${c})}\">x</a><th:block th:text=\"#{web.aside.close}\">)</th:block>"))
        .isEmpty();
    assertThat(templateJoins("t", "<a th:href=\"@{/g/{s}(s=${g})}\" th:text=\"#{'group.role.' + ${r}}\">x</a>")).isEmpty();
    assertThat(templateJoins("t", "<button th:value=\"'remove:' + ${i.index}\">x</button>")).isEmpty();
    assertThat(templateJoins("t", "<td th:text=\"${i.count} + '. ' + ${a}\">x</td>")).isEmpty();
  }

  @Test
  void theBundlesPunctuateInTheirScript() throws IOException {
    var found = new ArrayList<String>();
    Path root = Path.of("src/main/resources/i18n");
    for (Path file : files(root, ".properties")) {
      String name = file.getFileName().toString();
      Pattern wrong = name.endsWith("_zh.properties") ? LATIN_BY_HAN : name.endsWith("_ar.properties") ? NOT_ARABIC : null;
      if (wrong == null) {
        continue;
      }
      var bundle = new java.util.Properties();
      try (var reader = Files.newBufferedReader(file)) {
        bundle.load(reader);
      }
      bundle.forEach((key, value) -> {
        if (wrong.matcher(value.toString()).find()) {
          found.add(name + " " + key + "=" + value);
        }
      });
    }
    assertThat(found).as("Latin punctuation against Chinese, or full-width signs in Arabic").isEmpty();
  }

  @Test
  void theBundleScanFindsTheWrongSigns() {
    assertThat(LATIN_BY_HAN.matcher("截止日期: 6月7日").find()).isTrue();
    assertThat(LATIN_BY_HAN.matcher("会议(日内瓦)").find()).isTrue();
    assertThat(LATIN_BY_HAN.matcher("以 <code>Authorization: Bearer &lt;令牌&gt;</code> 发送").find()).isFalse();
    assertThat(NOT_ARABIC.matcher("اجتماع（جنيف）").find()).isTrue();
    assertThat(NOT_ARABIC.matcher("جنيف, سويسرا").find()).isTrue();
    assertThat(NOT_ARABIC.matcher("جنيف، CICG, Montbrillant").find()).isFalse();
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
    assertThat(Listed.aside(messages, Locale.ENGLISH, "FG Cloud", "FG-Cloud")).isEqualTo("FG Cloud (FG-Cloud)");
    assertThat(Listed.aside(messages, Locale.CHINESE, "云计算焦点组", "FG-Cloud")).isEqualTo("云计算焦点组（FG-Cloud）");
    assertThat(Listed.aside(messages, Locale.CHINESE, "云计算焦点组", null)).isEqualTo("云计算焦点组");
  }

  @Test
  void aZoneIsNamedWithTheLanguagesComma() {
    var at = java.time.Instant.parse("2010-06-14T07:30:00Z");
    var geneva = java.time.ZoneId.of("Europe/Zurich");
    assertThat(Times.display(at, geneva, Locale.forLanguageTag("ar"))).contains("، Europe/Zurich)").doesNotContain(", ");
    assertThat(Times.display(at, geneva, Locale.CHINESE)).contains("，Europe/Zurich）").contains("（")
        .doesNotContain(", ").doesNotContain(" (");
  }

  /** {@link #joins(String, String, String)} of a line alone. */
  static boolean joins(String line) {
    return joins("", line, "");
  }

  /**
   * Whether a literal of the line ends (or starts) with ", ", "; " or " (" (or ")") and is concatenated there, on
   * this line or the one before or after, or is ", " or "; " given to a join, an append or a collector.
   */
  static boolean joins(String previous, String line, String next) {
    var literal = LITERAL.matcher(line);
    while (literal.find()) {
      String text = line.substring(literal.start() + 1, literal.end() - 1);
      String before = line.substring(0, literal.start()).stripTrailing();
      String after = line.substring(literal.end()).stripLeading();
      boolean ends = text.endsWith(", ") || text.endsWith("; ");
      boolean starts = text.startsWith(", ") || text.startsWith("; ");
      if (ends && after.startsWith("+") || starts && before.endsWith("+")
          || (text.equals(", ") || text.equals("; ")) && JOINS.matcher(before).find()
          || aside(text, before.isEmpty() ? previous.stripTrailing() : before, after.isEmpty() ? next.stripLeading() : after)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code text} opens an aside (" (") or closes one (")", "): ") where it is concatenated, or is a
   * middle dot or a full-width sign so concatenated: an aside is {@code web.aside}, "（…）" in Chinese.
   */
  private static boolean aside(String text, String before, String after) {
    boolean opens = text.endsWith(" (") || text.endsWith(" \u00b7 ") || text.matches(".*[\uff08\uff0c\uff1a\uff1b]");
    boolean closes = text.equals(")") || text.startsWith("): ") || text.startsWith(" \u00b7 ")
        || text.matches("[\uff09\uff0c\uff1a\uff1b].*");
    return opens && after.startsWith("+") || closes && before.endsWith("+");
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
    assertThat(joins("group.name() + \" (\" + group.acronym() + \")\"")).isTrue();
    assertThat(joins("", "lines.put(n, n + \" (\" + title + \"): \"", "    + Listed.items(numbers));")).isTrue();
    assertThat(joins("code + \" \u00b7 \" + title")).isTrue();
    assertThat(joins("name + \"\uff08\" + acronym")).isTrue();
    assertThat(joins("Reply.of(227, \"ftp.pasv\", \"(\" + address)")).isFalse();
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (var files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(suffix)).toList();
    }
  }
}
