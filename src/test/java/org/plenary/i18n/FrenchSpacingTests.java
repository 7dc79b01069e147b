package org.plenary.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * French puts a narrow no-break space (U+202F) before {@code ; ! ?}, a no-break space (narrow or not) before
 * {@code :}, and one inside {@code « »}; a plain space there lets the line break before the sign. Every French
 * message of every bundle is read (as Spring reads it) and each sign checked; code ({@code <code>…</code>}, the
 * header {@code Authorization: Bearer}) is not prose and keeps its own spelling. The templates join a label and its
 * value with {@code web.labelled}, never a literal {@code ': '} that would be English in French.
 */
class FrenchSpacingTests {

  private static final Path RESOURCES = Path.of("src/main/resources");
  private static final Pattern CODE = Pattern.compile("<code>.*?</code>|Authorization: Bearer");
  /** A sign that closes a word in prose: followed by a space, the end, or a closing mark. */
  private static final Pattern SIGN = Pattern.compile("[;!?:](?=[\\s\\u00a0\\u202f»)]|$)");

  @Test
  void everyFrenchMessageSpacesItsHighSignsAndGuillemetsAsFrenchDoes() throws IOException {
    List<String> wrong = new ArrayList<>();
    List<Path> bundles;
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      bundles = files.filter(p -> p.getFileName().toString().endsWith("_fr.properties")).sorted().toList();
    }
    assertThat(bundles).as("French bundles found").hasSizeGreaterThan(10);
    for (Path bundle : bundles) {
      Properties messages = new Properties();
      try (Reader in = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
        messages.load(in);
      }
      for (String key : messages.stringPropertyNames()) {
        String text = CODE.matcher(messages.getProperty(key)).replaceAll("");
        String problem = problem(text);
        if (problem != null) {
          wrong.add(RESOURCES.relativize(bundle) + " " + key + ": " + problem);
        }
      }
    }
    assertThat(wrong).as("French messages spaced as English").isEmpty();
  }

  @Test
  void theCheckFindsAPlainSpaceAndAMissingOne() {
    assertThat(problem("Mots : nuage")).isNotNull();
    assertThat(problem("Mots: nuage")).isNotNull();
    assertThat(problem("Rien ; fini")).isNotNull();
    assertThat(problem("Vraiment ?")).isNotNull();
    assertThat(problem("« nuage\u202f»")).isNotNull();
    assertThat(problem("Mots\u202f: «\u202fnuage\u202f» ; ")).isNotNull();
    assertThat(problem("Mots\u202f: «\u202fnuage\u202f»\u202f; vraiment\u202f? 09:30, https://x.org/?lang=fr")).isNull();
    assertThat(problem("Mots\u00a0: «\u00a0nuage\u00a0»")).isNull();
  }

  @Test
  void templatesJoinALabelAndItsValueThroughTheirLanguage() throws IOException {
    List<String> literal = new ArrayList<>();
    try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
      for (Path template : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        List<String> lines = Files.readAllLines(template, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains("': '")) {
            literal.add(template + ":" + (i + 1));
          }
        }
      }
    }
    assertThat(literal).as("a label joined to its value by a literal ': ' (use #{web.labelled(label, value)})").isEmpty();
  }

  /** What is wrong with the spacing of this French text, or null. */
  static String problem(String text) {
    Matcher sign = SIGN.matcher(text);
    while (sign.find()) {
      int at = sign.start();
      char before = at == 0 ? '\u202f' : text.charAt(at - 1);
      boolean right = text.charAt(at) == ':' ? before == '\u202f' || before == '\u00a0' : before == '\u202f';
      if (!right) {
        return "«" + text.substring(Math.max(0, at - 12), Math.min(text.length(), at + 4)) + "» wants U+202F before "
            + text.charAt(at);
      }
    }
    for (int at = text.indexOf('«'); at >= 0; at = text.indexOf('«', at + 1)) {
      if (at + 1 >= text.length() || (text.charAt(at + 1) != '\u202f' && text.charAt(at + 1) != '\u00a0')) {
        return "a « without a no-break space after it";
      }
    }
    for (int at = text.indexOf('»'); at >= 0; at = text.indexOf('»', at + 1)) {
      if (at == 0 || (text.charAt(at - 1) != '\u202f' && text.charAt(at - 1) != '\u00a0')) {
        return "a » without a no-break space before it";
      }
    }
    return null;
  }
}
