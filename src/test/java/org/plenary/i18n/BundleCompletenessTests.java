package org.plenary.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plenary.shared.Languages;

/**
 * Every message bundle — the root {@code messages}, each {@code i18n/messages/<module>} and the
 * circular's {@code i18n/circular} — is complete in the six languages: a file per language, the same
 * keys, the same placeholders per key, no empty value, a pattern {@link MessageFormat} can read, and
 * no key defined in two bundles, and no English left in another language's file. A seventh language is added to {@link Languages#SUPPORTED} and
 * checked here at once.
 */
class BundleCompletenessTests {

  private static final Path RESOURCES = Path.of("src/main/resources");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
  private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s=:][^=:]*?)\\s*[=:]");


  @Test
  void everyBundleHasTheSameKeysPlaceholdersAndNoEmptyValueInAllSixLanguages() throws IOException {
    var problems = new ArrayList<String>();
    for (String bundle : bundles()) {
      var found = new ArrayList<String>();
      Map<String, String> english = read(file(bundle, Languages.DEFAULT));
      for (Locale language : Languages.SUPPORTED) {
        Path path = file(bundle, language);
        if (!Files.exists(path)) {
          found.add(path + ": missing (every bundle has a file for each of the six languages)");
          continue;
        }
        Map<String, String> messages = read(path);
        for (String key : english.keySet()) {
          if (!messages.containsKey(key)) {
            found.add(path + ": no " + key);
          } else if (!placeholders(messages.get(key)).equals(placeholders(english.get(key)))) {
            found.add(path + ": " + key + " has placeholders " + placeholders(messages.get(key)) + ", English has "
                + placeholders(english.get(key)));
          }
        }
        messages.keySet().stream().filter(k -> !english.containsKey(k))
            .forEach(k -> found.add(path + ": " + k + " is not in the English file"));
        messages.forEach((key, value) -> found.addAll(shape(path, key, value, language)));
        duplicates(path).forEach(k -> found.add(path + ": " + k + " is defined twice"));
      }
      problems.addAll(found);
    }
    assertThat(problems).as("gaps in the message bundles").isEmpty();
  }

  @Test
  void noEnglishIsLeftInAnotherLanguage() throws IOException {
    var problems = new ArrayList<String>();
    for (String bundle : bundles()) {
      Map<String, String> english = read(file(bundle, Languages.DEFAULT));
      for (Locale language : Languages.SUPPORTED) {
        if (!language.equals(Languages.DEFAULT)) {
          Path path = file(bundle, language);
          read(path).forEach((key, value) -> english(key, value, english.get(key), language)
              .ifPresent(why -> problems.add(path + ": " + key + " " + why + ": " + value)));
        }
      }
    }
    assertThat(problems).as("English left in the other languages' bundles").isEmpty();
  }

  @Test
  void theEnglishScanFindsCopiesAndEnglishPhrases() {
    Locale french = Locale.FRENCH;
    Locale russian = Locale.of("ru");
    assertThat(english("a.b", "Upload the file", "Upload the file", french)).isPresent();
    assertThat(english("a.b", "Documents", "Documents", french)).isEmpty(); // one word: French writes it so too
    assertThat(english("a.b", "Contact", "Contact", russian)).isPresent();
    assertThat(english("a.b", "SHA-256", "SHA-256", russian)).isEmpty();
    assertThat(english("a.b", "Файл {0} was not found", "File {0} was not found", russian)).isPresent();
    assertThat(english("a.b", "Языки: en, fr, es, ru, zh", "Languages: en, fr, es, ru, zh", russian)).isEmpty();
    assertThat(english("a.b", "ФГ <a href=\"https://example.org/some/long/path\">ссылка</a>", "x", russian)).isEmpty();
    assertThat(english("format.date", "d MMMM yyyy", "d MMMM yyyy", russian)).isEmpty();
    assertThat(english("a.b", "{0} — Plenary", "{0} — Plenary", russian)).isEmpty();
    assertThat(english("a.b", "EPSV, PASV, EPRT", "x", russian)).isEmpty();
  }

  /** A word of Latin letters with a lower-case one, three letters or more: English text, not an acronym or code. */
  private static final Pattern LATIN_WORD = Pattern.compile("\\b[A-Za-z]*[a-z][A-Za-z]*\\b");
  private static final Pattern LATIN_PHRASE =
      Pattern.compile("\\b(?=[A-Za-z]*[a-z])[A-Za-z]{3,}\\b(?:[ ,]+\\b(?=[A-Za-z]*[a-z])[A-Za-z]{3,}\\b){2,}");
  private static final Set<Locale> LATIN_SCRIPT = Set.of(Locale.ENGLISH, Locale.FRENCH, Locale.of("es"));

  /**
   * Why {@code value} reads as English left untranslated: a copy of the English value with two words or more
   * (French and Spanish share many single words: Documents, Dates, Source), a copy with a word at all in a
   * language of another script, or three English words in a row there. Patterns of dates ({@code format.*}),
   * placeholders, markup, addresses and code in back-quotes are not words.
   */
  static java.util.Optional<String> english(String key, String value, String englishValue, Locale language) {
    if (key.startsWith("format.") || key.contains(".format.")) {
      return java.util.Optional.empty();
    }
    // The product's name is written in Latin letters in every language.
    String text = value.replaceAll("<[^>]*>|\\{[^}]*}|https?://\\S+|`[^`]*`|\\bPlenary\\b", " ");
    long words = LATIN_WORD.matcher(text).results().filter(m -> m.group().length() >= 3).count();
    if (value.equals(englishValue) && words >= (LATIN_SCRIPT.contains(language) ? 2 : 1)) {
      return java.util.Optional.of("is the English text");
    }
    if (!LATIN_SCRIPT.contains(language) && LATIN_PHRASE.matcher(text).find()) {
      return java.util.Optional.of("holds English words");
    }
    return java.util.Optional.empty();
  }

  @Test
  void noKeyIsDefinedInTwoBundlesAndEachModuleBundleUsesItsOwnPrefix() throws IOException {
    var owners = new HashMap<String, String>();
    var problems = new ArrayList<String>();
    for (String bundle : bundles()) {
      for (String key : read(file(bundle, Languages.DEFAULT)).keySet()) {
        String before = owners.putIfAbsent(key, bundle);
        if (before != null) {
          problems.add(key + " is defined in " + before + " and in " + bundle);
        }
        String module = bundle.startsWith("i18n/messages/") ? bundle.substring("i18n/messages/".length()) : null;
        if (module != null && !key.startsWith(module + ".")) {
          problems.add(bundle + ": " + key + " does not start with " + module + ".");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void findsTheRootBundleTheModuleBundlesAndTheCircular() throws IOException {
    assertThat(bundles()).contains("messages", "i18n/messages/web", "i18n/messages/account", "i18n/messages/common",
        "i18n/circular");
  }

  /** A value is never empty, and a pattern with arguments parses (an ASCII apostrophe would swallow text). */
  private static List<String> shape(Path path, String key, String value, Locale language) {
    if (value.isBlank()) {
      return List.of(path + ": " + key + " is empty");
    }
    if (placeholders(value).isEmpty()) {
      return List.of();
    }
    try {
      new MessageFormat(value, language);
    } catch (IllegalArgumentException e) {
      return List.of(path + ": " + key + " is not a valid pattern: " + e.getMessage());
    }
    return value.matches(".*[^']'[^'].*") ? List.of(path + ": " + key + " has a single ' (write ’ or '')") : List.of();
  }

  static List<String> bundles() throws IOException {
    var names = new TreeSet<String>();
    names.add("messages");
    names.add("i18n/circular");
    try (Stream<Path> files = Files.list(RESOURCES.resolve("i18n/messages"))) {
      files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".properties"))
          .map(f -> "i18n/messages/" + f.replaceFirst("(_[a-z]{2,3})?\\.properties$", "")).forEach(names::add);
    }
    return List.copyOf(names);
  }

  static Path file(String bundle, Locale language) {
    String suffix = language.equals(Languages.DEFAULT) ? "" : "_" + language.getLanguage();
    return RESOURCES.resolve(bundle + suffix + ".properties");
  }

  static Map<String, String> read(Path path) throws IOException {
    var properties = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    var messages = new TreeMap<String, String>();
    properties.forEach((k, v) -> messages.put((String) k, (String) v));
    return messages;
  }

  private static Set<Integer> placeholders(String value) {
    var indexes = new TreeSet<Integer>();
    Matcher m = PLACEHOLDER.matcher(value);
    while (m.find()) {
      indexes.add(Integer.parseInt(m.group(1)));
    }
    return indexes;
  }

  private static Set<String> duplicates(Path path) throws IOException {
    var seen = new TreeSet<String>();
    var twice = new TreeSet<String>();
    String previous = "";
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      Matcher m = KEY_LINE.matcher(line);
      if (!previous.endsWith("\\") && m.find() && !seen.add(m.group(1))) {
        twice.add(m.group(1));
      }
      previous = line;
    }
    return twice;
  }
}
