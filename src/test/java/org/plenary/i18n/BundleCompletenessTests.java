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
 * no key defined in two bundles. A seventh language is added to {@link Languages#SUPPORTED} and
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
