package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.plenary.FormClient;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.attack.MatrixFixture.Owned;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page's markup is valid HTML, as an outside reviewer's validator reads it: every GET route outside the API
 * (read from Spring's handler mapping, as {@link PageMatrixAttackTests} walks them) is fetched by every kind of
 * reader in English, and by the focal point and the chair in each of the six languages; each HTML answer is saved
 * under {@code target/page-markup/}. {@code src/test/shell/html-validate.sh} (html-validate from the npm registry,
 * its rules in {@code src/test/shell/htmlvalidate.json}) must find no error in any of them, and
 * {@code src/test/shell/page-languages.py} no English content value on a Chinese, Arabic or Russian page outside an
 * element that says it is English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-page-markup;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/page-markup-${random.uuid}"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageMarkupTests {

  private static final List<String> READERS = List.of("anonymous", "stranger", "bob", "chair", "focal", "alice", "tsb");
  private static final List<String> LANGUAGES = List.of("en", "fr", "es", "ru", "zh", "ar");
  private static final Path PAGES = Path.of("target/page-markup");
  /** Error pages: a page that does not exist, a form's address read (405), a document that is not there. */
  private static final List<String> ERRORS = List.of("/no-such-page", "/account/password",
      "/groups/cloud/meetings/no-such-meeting", "/documents/FG-Cloud-I-9999", Failing.FAILURE, Failing.BUSY);

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired org.plenary.group.GroupCatalog groups;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  private MatrixFixture fixture;
  private Owned owned;
  private int saved;

  @BeforeAll
  void plant() throws Exception {
    fixture = new MatrixFixture(port, accounts, organizations, tokens, groups, meetings);
    fixture.stranger();
    owned = fixture.owned();
    saved = savePages();
  }

  @Test
  void everyPageOfEveryReaderInEveryLanguageIsValidHtml() throws Exception {
    assertThat(saved).as("pages saved").isGreaterThan(300);
    if (!onPath("npm")) {
      System.err.println("[WARNING] SKIPPED PageMarkupTests' html-validate: npm is not installed");
      org.junit.jupiter.api.Assumptions.abort("npm is not installed");
    }
    assertThat(run("bash", "src/test/shell/html-validate.sh")).as("html-validate over " + saved + " pages").isEmpty();
  }

  @Test
  void englishContentOnChineseArabicAndRussianPagesSaysItIsEnglish() throws Exception {
    assertThat(run("python3", "src/test/shell/page-languages.py")).as("page-languages.py").isEmpty();
  }

  private static boolean onPath(String program) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
  }

  /** The script's report when it fails, nothing when it passes. */
  private static String run(String... command) throws Exception {
    var arguments = new ArrayList<>(List.of(command));
    arguments.add(PAGES.toString());
    Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", command) + " ended").isTrue();
    return process.exitValue() == 0 ? "" : report;
  }

  private int savePages() throws Exception {
    FileSystemUtils.deleteRecursively(PAGES);
    int saved = 0;
    for (String reader : READERS) {
      HttpClient session = reader.equals("anonymous")
          ? HttpClient.newBuilder().cookieHandler(new CookieManager()).build()
          : new FormClient(port).signedIn(reader);
      List<String> languages = List.of("chair", "focal").contains(reader) ? LANGUAGES : List.of("en");
      for (String language : languages) {
        var uris = new ArrayList<String>(ERRORS);
        for (String template : PageMatrixAttackTests.routes(mappings, RequestMethod.GET)) {
          if (template.startsWith(Failing.ROOT)) {
            continue;
          }
          uris.addAll(PageMatrixAttackTests.uris(template, owned, fixture.meeting));
        }
        {
          for (String uri : uris) {
            HttpResponse<byte[]> answer = session.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + uri)).header("Accept-Language", language)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as("GET " + uri + " as " + reader + " in " + language)
                .isLessThan(uri.startsWith(Failing.ROOT) ? 504 : 500);
            if (answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
              Path file = PAGES.resolve(reader + "-" + language).resolve(fileName(uri) + "-"
                  + answer.statusCode() + ".html");
              Files.createDirectories(file.getParent());
              Files.write(file, answer.body());
              saved++;
            }
          }
        }
      }
    }
    return saved;
  }

  @Test
  void everyPageIsStyledAndInItsReadersLanguageErrorPagesIncluded() throws Exception {
    var soft = new org.assertj.core.api.SoftAssertions();
    try (var folders = Files.list(PAGES)) {
      for (Path folder : folders.toList()) {
        String language = folder.getFileName().toString().replaceAll(".*-", "");
        try (var files = Files.list(folder)) {
          for (Path file : files.toList()) {
            String page = Files.readString(file);
            soft.assertThat(page).as(folder.getFileName() + "/" + file.getFileName())
                .contains("<html lang=\"" + language + "\"").contains("/css/plenary.css").contains("<h1");
          }
        }
      }
    }
    try (var errors = Files.list(PAGES.resolve("chair-ar"))) {
      soft.assertThat(errors.map(f -> f.getFileName().toString().replaceAll(".*-", "")).distinct())
          .as("error pages walked").contains("404.html", "405.html", "500.html", "503.html");
    }
    soft.assertAll();
  }

  /**
   * Test-only pages that fail as a page can in production: a fault no handler expected (500) and work refused
   * because the node is busy ({@link org.plenary.shared.ServerBusy}, 503 — the answer a database out of reach gets
   * too), so that their error pages are walked in every language like the others.
   */
  @org.springframework.boot.test.context.TestConfiguration
  static class Failing {

    static final String ROOT = "/page-markup-test/";
    static final String FAILURE = ROOT + "failure";
    static final String BUSY = ROOT + "busy";

    @org.springframework.context.annotation.Bean
    FailingPages failingPages() {
      return new FailingPages();
    }
  }

  @org.plenary.shared.PageController
  static class FailingPages {

    @org.springframework.web.bind.annotation.GetMapping(Failing.FAILURE)
    String failure() {
      throw new IllegalStateException("a fault no handler expected");
    }

    @org.springframework.web.bind.annotation.GetMapping(Failing.BUSY)
    String busy() {
      throw new org.plenary.shared.ServerBusy("test: busy", null);
    }
  }

  private static String fileName(String uri) {
    String name = uri.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+", "");
    return name.isEmpty() ? "root" : name;
  }
}
