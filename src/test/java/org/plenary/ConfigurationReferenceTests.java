package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The README's configuration reference (every table headed {@code | key | default | meaning |}) and the
 * code say the same: every {@code plenary.*} key the code reads ({@code @Value}, {@code getProperty},
 * {@code @ConfigurationProperties}, {@code @ConditionalOnProperty}, {@code application*.properties}) has a
 * row; every row's key is read by Plenary or is one of Spring Boot's own (its configuration metadata);
 * a row's default is the one in force (the properties file's value, else the code's default) where that
 * default is one word; a default written in the code agrees with the properties file; and every
 * {@code plenary.*} name the README's prose mentions still exists.
 */
class ConfigurationReferenceTests {

  private static final Path README = Path.of("README.md");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final List<Path> PROPERTIES = List.of(Path.of("src/main/resources/application.properties"),
      Path.of("src/main/resources/application-demo.properties"));
  /** {@code ${key}} or {@code ${key:default}}, the default possibly holding one nested {@code ${…}}. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([a-z][a-zA-Z0-9.-]*)(?::((?:[^{}\"]|\\$\\{[^}]*\\})*))?\\}");
  private static final Pattern GET_PROPERTY = Pattern.compile(
      "get(?:Required)?Property\\(\\s*\"([a-z][a-zA-Z0-9.-]*)\"(?:\\s*,\\s*(?:\\w+\\.class\\s*,\\s*)?([^)]*))?\\)");
  private static final Pattern CONDITIONAL = Pattern.compile("@ConditionalOnProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern CONFIGURATION_PROPERTIES =
      Pattern.compile("@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*)?\"([^\"]+)\"\\s*\\)\\s*public\\s+(?:record|class)\\s+(\\w+)");
  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern PLENARY_NAME = Pattern.compile("`(plenary\\.[a-z0-9.-]*[a-z0-9])`");
  /** A default the README can quote as it is: one word, no spaces, no JDBC URL. */
  private static final Pattern ONE_WORD = Pattern.compile("[\\w.,:/<>@+-]+");

  @Test
  void everyKeyTheCodeReadsIsInTheReferenceAndEveryKeyThereIsRead() throws IOException {
    Map<String, String> documented = reference(Files.readString(README));
    Map<String, String> read = codeKeys();
    var problems = new ArrayList<String>();
    read.keySet().stream().filter(k -> k.startsWith("plenary.") && !documented.containsKey(k))
        .forEach(k -> problems.add(k + " is read by the code but has no row in the README's configuration reference"));
    Set<String> spring = springBootKeys();
    for (String key : documented.keySet()) {
      boolean known = read.containsKey(key) || (!key.startsWith("plenary.") && (spring.contains(key)
          || spring.contains(key.substring(0, key.lastIndexOf('.')))));
      if (!known) {
        problems.add(key + " has a row in the README but nothing reads it");
      }
    }
    assertThat(problems).as("keys of the configuration reference against the code").isEmpty();
  }

  @Test
  void everyRowStatesTheDefaultInForce() throws IOException {
    Map<String, String> documented = reference(Files.readString(README));
    Map<String, String> inForce = codeKeys();
    var problems = new ArrayList<String>();
    documented.forEach((key, cell) -> {
      String value = inForce.get(key);
      if (value != null && !value.isEmpty() && ONE_WORD.matcher(value).matches() && !quotes(cell, value)) {
        problems.add(key + ": the README says " + cell + ", the default in force is " + value);
      }
    });
    assertThat(problems).as("defaults of the configuration reference against the code").isEmpty();
  }

  @Test
  void aDefaultWrittenInTheCodeAgreesWithTheProperties() throws IOException {
    Map<String, String> properties = properties(PROPERTIES.getFirst());
    var problems = new ArrayList<String>();
    for (var use : codeDefaults()) {
      String set = properties.get(use.key());
      if (set != null && use.stated() && use.fallback() != null && !use.fallback().isEmpty()
          && !normalised(set).equals(normalised(use.fallback()))) {
        problems.add(use.where() + ": " + use.key() + " falls back to " + use.fallback()
            + " where application.properties sets " + set);
      }
    }
    assertThat(problems).as("code defaults against application.properties").isEmpty();
  }

  @Test
  void everyPlenaryNameTheReadmeMentionsExists() throws IOException {
    String readme = Files.readString(README);
    Set<String> keys = codeKeys().keySet();
    String sources = allSources();
    var problems = new TreeSet<String>();
    Matcher m = PLENARY_NAME.matcher(readme);
    while (m.find()) {
      String name = m.group(1);
      boolean exists = keys.contains(name) || keys.stream().anyMatch(k -> k.startsWith(name + "."))
          || sources.contains("\"" + name + "\"") || sources.contains("\"" + name + ".");
      if (!exists) {
        problems.add(name + " is named in the README but neither read nor written by the code");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theReferenceIsReadAsWritten() {
    String table = """
        | key | default | meaning |
        | --- | --- | --- |
        | `plenary.a` | `5` | a |
        | `spring.datasource.url`, `…username` | H2 | the database |

        | key | default | meaning |
        | --- | --- | --- |
        | `plenary.b.c`, `plenary.b.d` | unset | b |
        """;
    assertThat(reference(table)).containsOnlyKeys("plenary.a", "spring.datasource.url", "spring.datasource.username",
        "plenary.b.c", "plenary.b.d");
    assertThat(quotes("`5` (ms)", "5")).isTrue();
    assertThat(quotes("`50` a", "5")).isFalse();
    assertThat(kebab("maxConnectionsPerAddress")).isEqualTo("max-connections-per-address");
    assertThat(normalised("${plenary.data-dir}/search")).isEqualTo("<data-dir>/search");
    assertThat(normalised("http://localhost:${server.port:8080}")).isEqualTo("http://localhost:8080");
  }

  /** Key to its default cell, from every table headed {@code | key | default | meaning |}. */
  static Map<String, String> reference(String readme) {
    var rows = new LinkedHashMap<String, String>();
    boolean inTable = false;
    for (String line : readme.split("\n")) {
      if (line.startsWith("| key | default |")) {
        inTable = true;
      } else if (!line.startsWith("|")) {
        inTable = false;
      } else if (inTable && !line.startsWith("| ---")) {
        String[] cells = line.split("\\|");
        String previous = null;
        Matcher m = TICKED.matcher(cells[1]);
        while (m.find()) {
          String key = m.group(1);
          if (key.startsWith("…") && previous != null) {
            key = previous.substring(0, previous.lastIndexOf('.') + 1) + key.substring(1);
          }
          rows.put(key, cells[2].strip());
          previous = key;
        }
      }
    }
    return rows;
  }

  /** Every key Plenary reads, with the default in force ("" where it has none, or none that can be written). */
  static Map<String, String> codeKeys() throws IOException {
    var keys = new TreeMap<String, String>();
    for (var use : codeDefaults()) {
      keys.merge(use.key(), use.fallback() == null ? "" : normalised(use.fallback()),
          (a, b) -> a.isEmpty() ? b : a);
    }
    for (Path file : PROPERTIES) {
      properties(file).forEach((key, value) -> {
        if (key.startsWith("plenary.")) {
          keys.putIfAbsent(key, "");
        }
      });
    }
    properties(PROPERTIES.getFirst()).forEach((key, value) -> keys.put(key, normalised(value)));
    return keys;
  }

  /** A read of {@code key}; {@code stated}: a default written as the key's ({@code ${key:default}}, or on a {@code plenary.*} key). */
  record Use(String key, String fallback, String where, boolean stated) {
    Use(String key, String fallback, String where) {
      this(key, fallback, where, true);
    }
  }

  /** Each place the code reads a key, with the default it gives (null: none written). */
  static List<Use> codeDefaults() throws IOException {
    var uses = new ArrayList<Use>();
    for (Path file : javaFiles()) {
      String source = Files.readString(file);
      String where = SOURCES.relativize(file).toString();
      Matcher m = PLACEHOLDER.matcher(source);
      while (m.find()) {
        uses.add(new Use(m.group(1), m.group(2), where));
      }
      m = GET_PROPERTY.matcher(source);
      while (m.find()) {
        String fallback = m.group(2) == null ? null : m.group(2).strip();
        if (fallback != null && fallback.matches("\"[^\"]*\"")) {
          fallback = fallback.substring(1, fallback.length() - 1);
        } else if (fallback != null && !fallback.matches("true|false|-?\\d+")) {
          fallback = null;
        }
        // getProperty("spring.datasource.url", "") guards a test context; it states no default of its own.
        uses.add(new Use(m.group(1), fallback, where, m.group(1).startsWith("plenary.")));
      }
      m = CONDITIONAL.matcher(source);
      while (m.find()) {
        uses.add(new Use(m.group(1), null, where));
      }
      m = CONFIGURATION_PROPERTIES.matcher(source);
      while (m.find()) {
        String type = SOURCES.relativize(file).toString().replace('/', '.').replaceFirst("\\.java$", "");
        try {
          bound(m.group(1), Class.forName(type), where, uses);
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(type, e);
        }
      }
    }
    return uses;
  }

  private static void bound(String prefix, Class<?> type, String where, List<Use> uses) {
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + kebab(component.getName());
      if (component.getType().isRecord()) {
        bound(key, component.getType(), where, uses);
        continue;
      }
      DefaultValue fallback = component.getAnnotation(DefaultValue.class);
      uses.add(new Use(key, fallback == null || fallback.value().length == 0 ? null : String.join(",", fallback.value()),
          where));
    }
  }

  /** Keys Spring Boot's own modules declare (their {@code spring-configuration-metadata.json}). */
  static Set<String> springBootKeys() throws IOException {
    var keys = new HashSet<String>();
    Pattern name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
    for (URL url : Collections.list(ConfigurationReferenceTests.class.getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        Matcher m = name.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    }
    return keys;
  }

  static boolean quotes(String cell, String value) {
    return cell.contains("`" + value + "`");
  }

  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  /** {@code ${plenary.data-dir}} as the README writes it, and a nested placeholder by its default. */
  static String normalised(String value) {
    return value.replace("${plenary.data-dir}", "<data-dir>").replaceAll("\\$\\{[^:}]+:([^}]*)\\}", "$1");
  }

  private static Map<String, String> properties(Path file) throws IOException {
    var properties = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    var map = new TreeMap<String, String>();
    properties.forEach((k, v) -> map.put((String) k, (String) v));
    return map;
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String allSources() throws IOException {
    var all = new StringBuilder();
    for (Path file : javaFiles()) {
      all.append(Files.readString(file));
    }
    return all.toString();
  }
}
