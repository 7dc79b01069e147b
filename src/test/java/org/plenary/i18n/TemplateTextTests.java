package org.plenary.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attoparser.AbstractMarkupHandler;
import org.attoparser.MarkupParser;
import org.attoparser.config.ParseConfiguration;
import org.junit.jupiter.api.Test;

/**
 * No template holds a word a person reads that does not come from a message bundle: every text node
 * with letters, and every readable attribute (title, placeholder, aria-label, alt, an input button's value),
 * is produced by a {@code th:*} attribute, and no {@code th:*} expression carries a literal sentence
 * or capitalized word ({@code head('Groups and meetings')}). Text inside an element that
 * {@code th:text}, {@code th:utext}, {@code th:replace} or {@code th:insert} replaces is the designer's
 * sample and does not count. Templates are parsed with Thymeleaf's own parser (attoparser).
 */
class TemplateTextTests {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates");

  private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert", "th:remove",
      "sec:authentication", "th:errors", "th:inline", "data-th-text", "data-th-utext");
  private static final Set<String> READABLE = Set.of("title", "placeholder", "aria-label", "alt", "aria-description");
  private static final Set<String> SHOWN_EXPRESSIONS = Set.of("th:text", "th:utext", "th:replace", "th:insert",
      "th:title", "th:placeholder", "th:aria-label", "th:alt", "th:value", "th:attr");
  private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
      "meta", "source", "track", "wbr");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
  private static final Pattern WORDS = Pattern.compile("\\p{L}+\\s+\\p{L}+|(^|\\s)\\p{Lu}\\p{Ll}+");

  @Test
  void everyTextAPersonReadsComesFromAMessage() throws IOException {
    var problems = new ArrayList<String>();
    for (Path template : templates()) {
      problems.addAll(literalText(template));
    }
    assertThat(problems).as("literal text in templates (use th:text=\"#{key}\" and a key in every language)").isEmpty();
  }

  /**
   * {@code web.LanguageDialect} gives every page's {@code <html>} its {@code lang} and {@code dir} from the reader's
   * language; a template that sets them itself ({@code th:lang="${#locale.language}"}) overrides it, and the
   * pseudo-locale {@code en-XA} or a regional tag came out as {@code lang="en"}.
   */
  @Test
  void noTemplateNamesThePagesLanguage() throws IOException {
    var found = new ArrayList<String>();
    Pattern html = Pattern.compile("<html\\b[^>]*\\bth:(?:lang|dir|attr)\\b");
    for (Path template : templates()) {
      if (html.matcher(Files.readString(template, StandardCharsets.UTF_8)).find()) {
        found.add(TEMPLATES.relativize(template).toString());
      }
    }
    assertThat(found).as("templates that set <html> lang or dir themselves (LanguageDialect does)").isEmpty();
  }

  @Test
  void findsLiteralTextAttributesAndWordsInExpressions() throws IOException {
    Path sample = Files.createTempFile("sample", ".html");
    Files.writeString(sample, """
        <html><body>
        <h1 th:text="#{x.title}">Sample heading</h1>
        <p>Plain words</p>
        <input type="text" placeholder="username">
        <button type="submit" th:title="#{x.hint}">Save</button>
        <div th:replace="~{fragments/layout :: head('Groups and meetings')}"></div>
        <time th:replace="~{fragments/layout :: time(${at}, 'UTC')}"></time>
        </body></html>
        """);
    assertThat(literalText(sample)).hasSize(4)
        .anyMatch(p -> p.contains(":3 ") && p.contains("Plain words"))
        .anyMatch(p -> p.contains(":4 ") && p.contains("placeholder"))
        .anyMatch(p -> p.contains(":5 ") && p.contains("Save"))
        .anyMatch(p -> p.contains(":6 ") && p.contains("Groups and meetings"));
    Files.delete(sample);
  }

  static List<Path> templates() throws IOException {
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
  }

  static List<String> literalText(Path template) throws IOException {
    var handler = new Checker(TEMPLATES.toAbsolutePath().equals(template.toAbsolutePath().getParent()) || !template.startsWith(TEMPLATES)
        ? template.toString() : TEMPLATES.relativize(template).toString());
    try (Reader in = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
      new MarkupParser(ParseConfiguration.htmlConfiguration()).parse(in, handler);
    } catch (org.attoparser.ParseException e) {
      throw new IllegalStateException(template + " does not parse", e);
    }
    return handler.problems;
  }

  /** Walks the elements keeping, for each open one, whether its content is replaced at rendering. */
  private static final class Checker extends AbstractMarkupHandler {

    private final String name;
    private final List<String> problems = new ArrayList<>();
    private final Deque<Boolean> replaced = new ArrayDeque<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String element;
    private int line;

    Checker(String name) {
      this.name = name;
    }

    @Override
    public void handleOpenElementStart(char[] buffer, int offset, int length, int line, int col) {
      start(new String(buffer, offset, length), line);
    }

    @Override
    public void handleStandaloneElementStart(char[] buffer, int offset, int length, boolean minimized, int line, int col) {
      start(new String(buffer, offset, length), line);
    }

    @Override
    public void handleAttribute(char[] buffer, int nameOffset, int nameLength, int nameLine, int nameCol,
        int operatorOffset, int operatorLength, int operatorLine, int operatorCol, int valueContentOffset,
        int valueContentLength, int valueOuterOffset, int valueOuterLength, int valueLine, int valueCol) {
      attributes.put(new String(buffer, nameOffset, nameLength).toLowerCase(),
          new String(buffer, valueContentOffset, valueContentLength));
    }

    @Override
    public void handleOpenElementEnd(char[] buffer, int offset, int length, int line, int col) {
      boolean inside = check();
      if (!VOID.contains(element.toLowerCase())) {
        replaced.push(inside || untranslated() || attributes.keySet().stream().anyMatch(REPLACING::contains)
            || Set.of("script", "style").contains(element.toLowerCase()));
      }
    }

    @Override
    public void handleStandaloneElementEnd(char[] buffer, int offset, int length, boolean minimized, int line, int col) {
      check();
    }

    @Override
    public void handleCloseElementStart(char[] buffer, int offset, int length, int line, int col) {
      close(new String(buffer, offset, length));
    }

    @Override
    public void handleAutoCloseElementStart(char[] buffer, int offset, int length, int line, int col) {
      close(new String(buffer, offset, length));
    }

    @Override
    public void handleText(char[] buffer, int offset, int length, int line, int col) {
      String text = new String(buffer, offset, length).replaceAll("&#?\\w+;", " ").strip();
      if (!insideReplaced() && LETTER.matcher(text).find()) {
        problems.add(name + ":" + line + " text \"" + text.replaceAll("\\s+", " ") + "\"");
      }
    }

    private void start(String name, int line) {
      this.element = name;
      this.line = line;
      attributes.clear();
    }

    private void close(String name) {
      if (!VOID.contains(name.toLowerCase()) && !replaced.isEmpty()) {
        replaced.pop();
      }
    }

    private boolean insideReplaced() {
      return replaced.stream().anyMatch(Boolean::booleanValue);
    }

    /** Checks the element's attributes; answers whether the element sits in replaced content. */
    private boolean check() {
      boolean inside = insideReplaced();
      boolean self = attributes.containsKey("th:replace") || attributes.containsKey("th:insert");
      if (inside || untranslated()) {
        return true;
      }
      attributes.forEach((attribute, value) -> {
        if (!self && readable(attribute) && LETTER.matcher(value).find() && !produced(attribute)) {
          problems.add(name + ":" + line + " attribute " + attribute + "=\"" + value + "\" of <" + element + ">");
        }
        if (SHOWN_EXPRESSIONS.contains(attribute)) {
          Matcher literal = LITERAL.matcher(value);
          while (literal.find()) {
            if (WORDS.matcher(literal.group(1)).find()) {
              problems.add(name + ":" + line + " words '" + literal.group(1) + "' in " + attribute);
            }
          }
        }
      });
      return false;
    }

    /** Data marked {@code translate="no"} (codes, format names, an example reference) is not text to translate. */
    private boolean untranslated() {
      return "no".equalsIgnoreCase(attributes.get("translate"));
    }

    private boolean readable(String attribute) {
      if (READABLE.contains(attribute)) {
        return true;
      }
      String type = attributes.getOrDefault("type", "").toLowerCase();
      // A <button>'s value is sent, not shown (its content is what a person reads).
      return "value".equals(attribute)
          && "input".equalsIgnoreCase(element) && Set.of("submit", "button", "reset").contains(type);
    }

    private boolean produced(String attribute) {
      return attributes.containsKey("th:" + attribute) || attributes.containsKey("data-th-" + attribute)
          || attributes.getOrDefault("th:attr", "").contains(attribute + "=");
    }
  }
}
