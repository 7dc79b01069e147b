package org.plenary.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scripts under {@code static/js} write no words of their own: what they show (a moved row announced,
 * an upload's progress, the reader's own time zone) comes from the page ({@code #plenary-words}, patterns in
 * {@code data-*} attributes), rendered from the bundles in the reader's language. Fails, naming file and line,
 * on a string literal that reads as words, and on a literal with a letter given to {@code textContent},
 * {@code innerHTML}, {@code title}, a readable attribute or a dialog.
 */
class ScriptTextTests {

  private static final Path SCRIPTS = Path.of("src/main/resources/static/js");

  private static final Pattern LITERAL = Pattern.compile("'(?:[^'\\\\\\n]|\\\\.)*'|\"(?:[^\"\\\\\\n]|\\\\.)*\"|`(?:[^`\\\\]|\\\\.)*`");
  /** Two words: a letter, a space or punctuation, a letter ("Upload failed", "Moved to 3"). */
  private static final Pattern WORDS = Pattern.compile("\\p{L}[ ,;:!?.]+\\p{L}");
  /** What comes just before a literal that becomes visible text. */
  private static final Pattern SHOWN = Pattern.compile("(?:\\.(?:textContent|innerHTML|innerText|title|placeholder|value)\\s*\\+?=\\s*"
      + "|setAttribute\\(\\s*['\"](?:title|alt|placeholder|aria-label|aria-description)['\"]\\s*,\\s*"
      + "|\\b(?:alert|confirm|prompt)\\(\\s*)$");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  /** Literals that are code, not words: a directive, Swagger UI's class names for its settings row (api-docs.js). */
  private static final List<String> CODE = List.of("'use strict'", "'schemes wrapper'");

  @Test
  void noScriptWritesWordsOfItsOwn() throws IOException {
    var found = new ArrayList<String>();
    try (Stream<Path> files = Files.walk(SCRIPTS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
        found.addAll(words(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    assertThat(found).as("words written in scripts; put them in a bundle and on the page (#plenary-words)").isEmpty();
  }

  @Test
  void theScanFindsWordsInLiteralsAndShownText() {
    assertThat(words("x.js", """
        // A comment says 'what it does' freely.
        status.textContent = 'Uploading…';
        button.setAttribute('aria-label', "Close");
        alert(`Upload failed`);
        var message = "Upload failed, try again";
        el.textContent = ' ' + word('your-time', [zone]);
        'use strict';
        """)).containsExactly("x.js:2 'Uploading…'", "x.js:3 \"Close\"", "x.js:4 `Upload failed`",
        "x.js:5 \"Upload failed, try again\"");
  }

  static List<String> words(String name, String script) {
    String code = withoutComments(script);
    var found = new ArrayList<String>();
    Matcher literal = LITERAL.matcher(code);
    while (literal.find()) {
      String text = literal.group();
      boolean shown = SHOWN.matcher(code.substring(Math.max(0, literal.start() - 80), literal.start())).find()
          && LETTER.matcher(text).find();
      if (!CODE.contains(text) && (WORDS.matcher(text).find() || shown)) {
        found.add(name + ":" + line(code, literal.start()) + " " + text);
      }
    }
    return found;
  }

  /** Comments blanked, line breaks kept, so that lines still count. */
  private static String withoutComments(String script) {
    var out = new StringBuilder(script.length());
    Matcher m = Pattern.compile(LITERAL.pattern() + "|//[^\\n]*|/\\*(?s:.*?)\\*/").matcher(script);
    int at = 0;
    while (m.find()) {
      out.append(script, at, m.start());
      String token = m.group();
      out.append(token.startsWith("//") || token.startsWith("/*") ? token.replaceAll("[^\\n]", " ") : token);
      at = m.end();
    }
    return out.append(script.substring(at)).toString();
  }

  private static int line(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }
}
