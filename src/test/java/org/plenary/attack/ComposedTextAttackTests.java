package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Text typed or pasted with decomposed letters ("e" then a combining acute: macOS, text copied from many PDFs) was
 * stored as it came: the register and the search facets showed "Société" twice, once of each form, and a rule that a
 * value be unique (a circular's number) let the decomposed twin of a taken value through. Every text the API and the
 * pages take is now composed (NFC), a password never: the sign-in form and FTP read it as sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-composed;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-composed-${random.uuid}"})
@ActiveProfiles("demo")
class ComposedTextAttackTests {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final String SOCIETE = "Société Zéphyr";
  private static final String SOCIETE_NFD = Normalizer.normalize(SOCIETE, Normalizer.Form.NFD);

  @LocalServerPort int port;
  @Autowired AccessTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired AccountDirectory accounts;
  @Autowired FtpServer ftp;

  private final HttpClient http = HttpClient.newHttpClient();
  private String meeting;

  @BeforeEach
  void upcomingMeeting() {
    meeting = DemoMeetings.upcoming(groups, meetings);
  }

  @Test
  void aDecomposedSourceOnTheApiAndOnAPageIsStoredAsTheComposedOneAndCountsAsOneFacet() throws Exception {
    assertThat(SOCIETE_NFD).isNotEqualTo(SOCIETE);
    String token = "Bearer " + tokens.issue(accounts.find("alice").orElseThrow().id(), "nfc").token();
    String register = "/api/v1/groups/cloud/meetings/" + meeting + "/contributions";
    HttpResponse<String> composed = api("POST", register, token, "{\"title\": \"Résumé\", \"source\": \"" + SOCIETE + "\"}");
    HttpResponse<String> decomposed = api("POST", register, token,
        "{\"title\": \"" + escaped(Normalizer.normalize("Résumé", Normalizer.Form.NFD)) + "\", \"source\": \""
            + escaped(SOCIETE_NFD) + "\"}");
    assertThat(composed.statusCode()).as(composed.body()).isEqualTo(201);
    assertThat(decomposed.statusCode()).as(decomposed.body()).isEqualTo(201);
    assertThat(decomposed.body()).contains("\"source\":\"" + SOCIETE + "\"", "\"title\":\"Résumé\"");

    HttpClient browser = signedIn("bob", "bob-demo");
    String form = "/groups/cloud/meetings/" + meeting + "/documents/new";
    HttpResponse<String> typed = post(browser, form, csrf(page(browser, form).body()), "title="
        + encoded(Normalizer.normalize("Évaluation", Normalizer.Form.NFD)) + "&source=" + encoded(SOCIETE_NFD));
    assertThat(typed.statusCode()).as(typed.body()).isIn(302, 303);

    String listed = api("GET", register + "?limit=200", null, null).body();
    assertThat(listed).contains("\"title\":\"Évaluation\"").doesNotContain(SOCIETE_NFD);
    assertThat(listed.split(Pattern.quote("\"source\":\"" + SOCIETE + "\""), -1)).hasSize(4);
    String secretariat = "Bearer " + tokens.issue(accounts.find("tsb").orElseThrow().id(), "nfc").token();
    String facets = "";
    for (long end = System.nanoTime() + 60_000_000_000L; !facets.contains("\"count\":3") && System.nanoTime() < end; ) {
      Thread.sleep(100);
      facets = api("GET", "/api/v1/search?q=" + encoded("zéphyr"), secretariat, null).body();
    }
    assertThat(facets).as("one facet of three documents").contains("\"value\":\"" + SOCIETE + "\",")
        .contains("\"count\":3").doesNotContain(SOCIETE_NFD);
  }

  @Test
  void theDecomposedTwinOfATakenCircularNumberIsRefusedNamingTheField() throws Exception {
    String token = "Bearer " + tokens.issue(accounts.find("tsb").orElseThrow().id(), "nfc").token();
    String number = "Circulaire TSB n° 7 — Genève";
    HttpResponse<String> first = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/circulars", token,
        circular(number));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    HttpResponse<String> twin = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/circulars", token,
        circular(escaped(Normalizer.normalize(number, Normalizer.Form.NFD))));
    assertThat(twin.statusCode()).as(twin.body()).isEqualTo(400);
    assertThat(twin.body()).contains("\"field\":\"number\"", "is the number of another circular");
  }

  /**
   * A circular drafted for a meeting already held (the demo's June 2010 meeting) is late by a negative number of days,
   * which the warning's sentence took for a date ("-6020"): a 500 with a stack trace. It is a number again.
   */
  @Test
  void aCircularDraftedForAMeetingAlreadyHeldIsAnsweredWithItsLateWarning() throws Exception {
    String token = "Bearer " + tokens.issue(accounts.find("tsb").orElseThrow().id(), "nfc").token();
    HttpResponse<String> drafted = api("POST", "/api/v1/groups/cloud/meetings/1006-gva/circulars", token,
        circular("Circular after the fact"));
    assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
    assertThat(drafted.body()).contains("LATE_ANNOUNCEMENT", "after the meeting had begun").doesNotContainPattern("-\\d+ days");
  }

  /**
   * A password is the sender's characters: one set decomposed signs in decomposed on the token API, the page and FTP
   * alike (were the API to compose it, it would refuse what the page and FTP accept), and its composed look-alike is
   * another password everywhere.
   */
  @Test
  void aDecomposedPasswordIsTakenAsSentOnEveryChannel() throws Exception {
    String password = Normalizer.normalize("mot-de-passe-Éléonore", Normalizer.Form.NFD);
    accounts.create(new NewAccount("nfd-eleonore", "eleonore@nfd.example", "Éléonore", null, null, Set.of()), password,
        false);
    assertThat(api("POST", "/api/v1/tokens", null, "{\"username\": \"nfd-eleonore\", \"password\": \""
        + escaped(password) + "\"}").statusCode()).isEqualTo(201);
    assertThat(api("POST", "/api/v1/tokens", null, "{\"username\": \"nfd-eleonore\", \"password\": \""
        + Normalizer.normalize(password, Normalizer.Form.NFC) + "\"}").statusCode()).isEqualTo(401);
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> signIn = post(browser, "/sign-in", csrf(page(browser, "/sign-in").body()),
        "username=nfd-eleonore&password=" + encoded(password));
    assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    FTPClient client = new FTPClient();
    client.setControlEncoding("UTF-8");
    client.connect("127.0.0.1", ftp.port());
    try {
      assertThat(client.login("nfd-eleonore", password)).as(client.getReplyString()).isTrue();
    } finally {
      client.disconnect();
    }
  }

  private static String circular(String number) {
    return "{\"number\": \"" + number + "\", \"dated\": \"" + LocalDate.now() + "\", \"signatory\": \"Malcolm Johnson\"}";
  }

  /** {@code text} with every character past ASCII as a JSON escape, so the body carries exactly these code points. */
  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(c < 0x80 ? Character.toString(c) : "\\u%04x".formatted(c)));
    return out.toString();
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private HttpClient signedIn(String username, String password) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(post(browser, "/sign-in", csrf(page(browser, "/sign-in").body()),
        "username=" + username + "&password=" + password).statusCode()).isEqualTo(302);
    return browser;
  }

  private HttpResponse<String> api(String method, String path, String authorization, String json) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept-Language", "en")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> page(HttpClient browser, String path) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HttpClient browser, String path, String csrf, String form) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
        .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a form with a CSRF token").isTrue();
    return m.group(1);
  }
}
