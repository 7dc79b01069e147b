package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Text with a control character (NUL, a bell, a form feed, U+FFFF) typed into a title or a name, on the
 * API and on a page's form: refused as the reader's mistake naming the field, and nothing is stored.
 * PostgreSQL stores no NUL at all: there such a title was a 500 ("invalid byte sequence for encoding
 * UTF8: 0x00", {@code PostgresStoredTextAttackTests}); the embedded database kept it, and the Atom feed and
 * Office documents that print it are XML, which takes none of them. Tab and line breaks stay allowed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-text;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-text-${random.uuid}"})
@ActiveProfiles("demo")
class StoredTextAttackTests {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final List<String> HOSTILE = List.of("\u0000", "\u0007", "\u000C", "\u001B[31m", "\uFFFF");

  @LocalServerPort int port;
  @Autowired AccessTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired AccountDirectory accounts;

  private final HttpClient http = HttpClient.newHttpClient();
  private String meeting;

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    meeting = DemoMeetings.upcoming(groups, meetings);
  }

  @Test
  void aControlCharacterInTheTextOfAnApiBodyIsAProblemNamingTheFieldAndNothingIsStored() throws Exception {
    String token = "Bearer " + tokens.issue(accounts.find("alice").orElseThrow().id(), "text").token();
    String register = "/api/v1/groups/cloud/meetings/" + meeting + "/contributions";
    int before = register(register).length();
    for (String hostile : HOSTILE) {
      String escaped = "\\u%04x".formatted((int) hostile.charAt(0)) + hostile.substring(1);
      HttpResponse<String> allocated = api("POST", register, token,
          "{\"title\": \"Roadmap " + escaped + " draft\", \"source\": \"Orange\"}");
      assertThat(allocated.statusCode()).as(escaped + ": " + allocated.body()).isEqualTo(400);
      assertThat(allocated.body()).as(escaped).contains("\"field\":\"title\"", "control character");
      HttpResponse<String> registered = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/registrations", token,
          "{\"fullName\": \"Alice " + escaped + "\", \"email\": \"alice@example.org\", \"countryCode\": \"FR\", "
              + "\"attendance\": \"REMOTE\"}");
      assertThat(registered.statusCode()).as(escaped + ": " + registered.body()).isEqualTo(400);
      assertThat(registered.body()).as(escaped).contains("\"field\":\"fullName\"");
    }
    assertThat(register(register).length()).as("the register after the refusals").isEqualTo(before);
    // Tab is text; a title's line breaks become one space (aLineBreakInAOneLineField…).
    assertThat(api("POST", register, token, "{\"title\": \"Roadmap\\tdraft\\r\\nsecond line\", \"source\": \"Orange\"}")
        .statusCode()).isEqualTo(201);
  }

  @Test
  void aControlCharacterInAPageFormIsAFieldErrorAndNothingIsStored() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String signIn = page(browser, "/sign-in").body();
    HttpResponse<String> signedIn = post(browser, "/sign-in", csrf(signIn), "username=bob&password=bob-demo");
    assertThat(signedIn.statusCode()).isEqualTo(302);
    String form = "/groups/cloud/meetings/" + meeting + "/documents/new";
    String register = "/api/v1/groups/cloud/meetings/" + meeting + "/contributions";
    int before = register(register).length();
    for (String hostile : HOSTILE) {
      HttpResponse<String> sent = post(browser, form, csrf(page(browser, form).body()),
          "title=" + URLEncoder.encode("Plan " + hostile + " B", StandardCharsets.UTF_8) + "&source=Orange");
      assertThat(sent.statusCode()).as("%04x".formatted((int) hostile.charAt(0))).isEqualTo(200);
      assertThat(sent.body()).as("%04x".formatted((int) hostile.charAt(0))).contains("cannot be stored");
    }
    assertThat(register(register).length()).as("the register after the refusals").isEqualTo(before);
  }

  /**
   * Half of a character: JSON can write a UTF-16 surrogate alone ({@code "\\ud800"}), which no UTF-8 holds. The embedded
   * database kept it, PostgreSQL's driver stored "?" in its place, and the page showed "?" while the API echoed the half
   * back: refused naming the field, in the reader's language; a whole character written as its two halves is text.
   */
  @Test
  void halfOfACharacterInTheTextOfAnApiBodyIsRefusedNamingTheFieldAndAWholeOneIsText() throws Exception {
    String token = "Bearer " + tokens.issue(accounts.find("alice").orElseThrow().id(), "text").token();
    String register = "/api/v1/groups/cloud/meetings/" + meeting + "/contributions";
    int before = register(register).length();
    for (String halved : List.of("Lone \\ud800 high", "Lone \\udc00 low", "Swapped \\ude00\\ud83d", "Ends \\ud83d")) {
      HttpResponse<String> allocated = api("POST", register, token,
          "{\"title\": \"" + halved + "\", \"source\": \"Orange\"}");
      assertThat(allocated.statusCode()).as(halved + ": " + allocated.body()).isEqualTo(400);
      assertThat(allocated.body()).as(halved).contains("\"field\":\"title\"", "half of a character");
    }
    HttpResponse<String> french = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + register))
        .header("Accept-Language", "fr").header("Authorization", token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"x\\ud800\", \"source\": \"Orange\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(french.body()).contains("la moitié d’un caractère");
    assertThat(register(register).length()).as("the register after the refusals").isEqualTo(before);
    assertThat(api("POST", register, token, "{\"title\": \"Smile \\ud83d\\ude00\", \"source\": \"Orange\"}")
        .statusCode()).isEqualTo(201);
  }

  /**
   * RIGHT-TO-LEFT OVERRIDE left open in a title ("report_" U+202E "fdp.exe" reads "report_exe.pdf") reverses whatever a
   * page, listing or mail puts after it: refused naming the field, in the reader's language, on the API and on a
   * form; an override closed by its POP DIRECTIONAL FORMATTING, an isolate closed, and the marks Arabic uses stay.
   */
  @Test
  void aDirectionOverrideLeftOpenIsRefusedNamingTheFieldAndAClosedOneOrAMarkIsText() throws Exception {
    String token = "Bearer " + tokens.issue(accounts.find("alice").orElseThrow().id(), "text").token();
    String register = "/api/v1/groups/cloud/meetings/" + meeting + "/contributions";
    int before = register(register).length();
    for (String open : List.of("report_\\u202efdp.exe", "\\u202bعربي", "\\u2067abc", "\\u2068a\\u202ab\\u202c",
        "\\u202d\\u2066x\\u202c\\u2069")) {
      HttpResponse<String> allocated = api("POST", register, token,
          "{\"title\": \"" + open + "\", \"source\": \"Orange\"}");
      assertThat(allocated.statusCode()).as(open + ": " + allocated.body()).isEqualTo(400);
      assertThat(allocated.body()).as(open).contains("\"field\":\"title\"", "direction override");
    }
    HttpResponse<String> french = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + register))
        .header("Accept-Language", "fr").header("Authorization", token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"x\\u202e\", \"source\": \"Orange\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(french.body()).contains("forçage ou un enchâssement de direction");
    assertThat(register(register).length()).as("the register after the refusals").isEqualTo(before);
    for (String closed : List.of("report\\u202e fdp\\u202c.exe", "\\u202bعربي\\u202c", "\\u2068abc\\u2069 \\u200f\\u061c\\u200e",
        "\\u2067x\\u202ey\\u2069", "stray closers \\u202c\\u2069")) {
      assertThat(api("POST", register, token, "{\"title\": \"" + closed + "\", \"source\": \"Orange\"}").statusCode())
          .as(closed).isEqualTo(201);
    }
  }

  @Test
  void aDirectionOverrideLeftOpenInAPageFormIsAFieldErrorSayingSo() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String signIn = page(browser, "/sign-in").body();
    assertThat(post(browser, "/sign-in", csrf(signIn), "username=bob&password=bob-demo").statusCode()).isEqualTo(302);
    String form = "/groups/cloud/meetings/" + meeting + "/documents/new";
    String register = "/api/v1/groups/cloud/meetings/" + meeting + "/contributions";
    int before = register(register).length();
    HttpResponse<String> sent = post(browser, form, csrf(page(browser, form).body()),
        "title=" + URLEncoder.encode("report_\u202Efdp.exe", StandardCharsets.UTF_8) + "&source=Orange");
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("leaves a direction override or embedding open").doesNotContain("control character");
    assertThat(register(register).length()).as("the register after the refusal").isEqualTo(before);
  }

  /**
   * A line break in a one-line field (a full name, an organization, a title): a full name typed with one wrote
   * paragraphs of its own into the mails quoting it. Refused naming the field, in the reader's language, on the API
   * and on a page's form; a contribution's title, which people paste from a PDF, is flattened to one space; a reason
   * keeps its lines. Nothing is stored for a refusal.
   */
  @Test
  void aLineBreakInAOneLineFieldIsRefusedNamingItAndAPastedTitleIsFlattened() throws Exception {
    String token = "Bearer " + tokens.issue(accounts.find("alice").orElseThrow().id(), "text").token();
    String registrations = "/api/v1/groups/cloud/meetings/" + meeting + "/registrations";
    for (String lineBreak : List.of("\\n", "\\r\\n", "\\r", "\\u0085", "\\u2028", "\\u2029")) {
      HttpResponse<String> registered = api("POST", registrations, token,
          "{\"fullName\": \"Alice" + lineBreak + "Bcc: mallory@example.org\", \"email\": \"alice@example.org\", "
              + "\"countryCode\": \"FR\", \"attendance\": \"REMOTE\"}");
      assertThat(registered.statusCode()).as(lineBreak + ": " + registered.body()).isEqualTo(400);
      assertThat(registered.body()).as(lineBreak).contains("\"field\":\"fullName\"", "This field is one line");
    }
    HttpResponse<String> french = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + registrations))
        .header("Accept-Language", "fr").header("Authorization", token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"fullName\": \"A\\nB\", \"email\": \"alice@example.org\", "
            + "\"countryCode\": \"FR\", \"attendance\": \"REMOTE\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(french.body()).contains("Ce champ tient sur une ligne\u202f:");
    String register = "/api/v1/groups/cloud/meetings/" + meeting + "/contributions";
    HttpResponse<String> pasted = api("POST", register, token,
        "{\"title\": \"A roadmap for  \\r\\n cloud\\u2028computing\", \"source\": \"Orange\"}");
    assertThat(pasted.statusCode()).as(pasted.body()).isEqualTo(201);
    assertThat(pasted.body()).contains("\"title\":\"A roadmap for cloud computing\"");

    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(post(browser, "/sign-in", csrf(page(browser, "/sign-in").body()), "username=bob&password=bob-demo")
        .statusCode()).isEqualTo(302);
    String form = "/groups/cloud/meetings/" + meeting + "/register";
    HttpResponse<String> sent = post(browser, form, csrf(page(browser, form).body()), "fullName="
        + URLEncoder.encode("Bob\r\nBuilder", StandardCharsets.UTF_8) + "&email=bob%40example.org&countryCode=FR"
        + "&attendance=REMOTE");
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("This field is one line").doesNotContain("control character");
    String documents = "/groups/cloud/meetings/" + meeting + "/documents/new";
    HttpResponse<String> flattened = post(browser, documents, csrf(page(browser, documents).body()),
        "title=" + URLEncoder.encode("Plan\r\nfor B", StandardCharsets.UTF_8) + "&source=Orange");
    assertThat(flattened.statusCode()).as(flattened.body()).isIn(200, 302, 303);
    assertThat(register(register)).contains("Plan for B").doesNotContain("Plan\\r\\nfor B");
  }

  /**
   * Texts of a page's forms that were loose parameters (a term, a living-list entry) and the desk's reason per row: a
   * line break in a one-line one, a NUL, an open override or a value longer than its column were stored (or a 500 from
   * the column), since no form's binder saw them. Each is refused naming the field in the page's language, nothing
   * stored: a form's field comes back beside it with what was typed (after the redirect), the desk's reason per
   * row too; a definition keeps its lines.
   */
  @Test
  void aLooseTextOfAPageIsRefusedNamingItInThePagesLanguageAndNothingIsStored() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(post(browser, "/sign-in", csrf(page(browser, "/sign-in").body()), "username=tsb&password=tsb-demo")
        .statusCode()).isEqualTo(302);
    String terms = "/groups/cloud/terms";
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("term=" + encoded("Zorbl\r\nBcc: x") + "&definition=d", "This field is one line");
    refused.put("term=" + encoded("Zorbl\u2028two") + "&definition=d", "This field is one line");
    refused.put("term=" + encoded("Zorbl\u0000") + "&definition=d", "control character");
    refused.put("term=Zorbl&definition=" + encoded("d\u202Eexe.pdf"), "direction override");
    refused.put("term=" + "Zorbl".repeat(41) + "&definition=d", "at most 200 characters; this text has 205");
    refused.put("term=Zorbl&definition=d&note=" + "n".repeat(2001), "at most 2,000 characters");
    for (var sent : refused.entrySet()) {
      assertThat(refusedOn(browser, terms, sent.getKey(), "en")).as(sent.getKey()).contains(sent.getValue());
    }
    assertThat(refusedOn(browser, terms, "term=" + encoded("Zorbl\nB") + "&definition=d", "fr"))
        .contains("Ce champ tient sur une ligne\u202f:");
    String living = "/groups/cloud/living-list";
    for (String organization : List.of("Zorbl\nOrg", "Zorbl" + "o".repeat(200), "Zorbl\u0007")) {
      assertThat(refusedOn(browser, living, "organization=" + encoded(organization) + "&contact=" + encoded("Ann"), "en"))
          .as(organization).contains("organization-error");
    }
    assertThat(refusedOn(browser, living, "organization=Zorbl&contact=" + encoded("Ann\nBcc: mallory@example.org"),
        "en")).contains("This field is one line");
    assertThat(page(browser, terms).body()).doesNotContain("Zorbl");
    assertThat(page(browser, living).body()).doesNotContain("Zorbl");
    HttpResponse<String> desk = post(browser, "/desk/registrations", csrf(page(browser, terms).body()),
        "action=reject:1&" + encoded("reasons[1]") + "=" + encoded("no\u0000"));
    assertThat(desk.statusCode()).isEqualTo(302);
    assertThat(page(browser, "/desk").body()).contains("control character");
    HttpResponse<String> kept = post(browser, terms, csrf(page(browser, terms).body()),
        "term=Zorbl&definition=" + encoded("one\r\ntwo"));
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(302);
    assertThat(page(browser, terms).body()).contains("Zorbl");
  }

  /** Sends {@code form} to the page's form at {@code path}: refused, it comes back to the page, which is answered. */
  private String refusedOn(HttpClient browser, String path, String form, String language) throws Exception {
    HttpResponse<String> answer = post(browser, path, csrf(page(browser, path).body()), form, language);
    assertThat(answer.statusCode()).as(form).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElseThrow()).as(form).endsWith(path);
    String shown = page(browser, path).body();
    assertThat(shown).as(form).contains("aria-invalid=\"true\"");
    return shown;
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private String register(String path) throws Exception {
    return api("GET", path, null, null).body();
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
    return post(browser, path, csrf, form, "en");
  }

  private HttpResponse<String> post(HttpClient browser, String path, String csrf, String form, String language)
      throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", language)
        .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a form with a CSRF token").isTrue();
    return m.group(1);
  }
}
