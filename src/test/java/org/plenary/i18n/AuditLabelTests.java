package org.plenary.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plenary.shared.Languages;

/**
 * The document page names each line of the audit trail with {@code contribution.audit.<ACTION>}, built from the
 * action the code wrote; an action written without its label showed {@code ??contribution.audit.ALLOCATED_en??} on
 * every document page. Every action the contribution module writes ({@code audit(…, "X", …)}, {@code new Audit(…,
 * "X", …)}) has its label in each of the six languages.
 */
class AuditLabelTests {

  private static final Path CONTRIBUTION = Path.of("src/main/java/org/plenary/contribution");
  private static final Pattern WRITTEN = Pattern.compile("(?:\\baudit\\(|new Audit\\()[^;]*?\"([A-Z][A-Z_]+)\"");

  @Test
  void everyAuditActionTheCodeWritesHasItsLabelInEachLanguage() throws IOException {
    Set<String> actions = actions();
    assertThat(actions).as("actions found in %s", CONTRIBUTION).contains("ALLOCATED", "UPLOADED", "PUBLISHED");
    var missing = new ArrayList<String>();
    for (Locale language : Languages.SUPPORTED) {
      Map<String, String> messages = BundleCompletenessTests.read(BundleCompletenessTests.file("messages", language));
      actions.stream().filter(a -> !messages.containsKey("contribution.audit." + a))
          .forEach(a -> missing.add(language + ": contribution.audit." + a));
    }
    assertThat(missing).as("audit actions without a label").isEmpty();
  }

  private static Set<String> actions() throws IOException {
    var found = new TreeSet<String>();
    try (Stream<Path> files = Files.list(CONTRIBUTION)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = WRITTEN.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    return found;
  }
}
