package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.FormClient;
import org.plenary.JsonApi;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A decision's reason or a page's form refused (too long, a line break where one line is asked, a direction override
 * left open, a required reason left empty) comes back on its page, after the redirect, with the sentence beside its
 * field in the page's language, the field marked invalid, and the text as it was typed: it was a sentence above the
 * page (or a 400 error page) and an empty field. Over a real port, with the flash kept in the session's table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-refused-forms;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class RefusedFormsKeepWhatWasTypedTests {

  private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired org.plenary.meeting.CircularDesk circulars;

  private final HttpClient http = HttpClient.newHttpClient();
  private String meeting;

  @BeforeEach
  void upcomingMeeting() {
    meeting = DemoMeetings.upcoming(groups, meetings);
  }

  @Test
  void aRefusedRejectionReasonComesBackBesideItsFieldWithItsText() throws Exception {
    long id = registration();
    HttpClient tsb = new FormClient(port).signedIn("tsb");
    String page = "/registrations/" + id;
    String tooLong = "Причина отказа; ".repeat(63) + "конец";
    String russian = refused(tsb, page, page + "/reject", Map.of("reason", tooLong), "ru", "reason");
    assertThat(russian).containsPattern("-error\">В этом поле не более 1.000 символов, а в этом тексте 1.013\\.")
        .contains("value=\"" + tooLong + "\"");
    String override = "Motif \u202Ecaché";
    String arabic = refused(tsb, page, page + "/reject", Map.of("reason", override), "ar", "reason");
    assertThat(arabic).contains("-error\">يترك هذا النص تجاوزًا").contains("value=\"" + override); // the page closes what it leaves open
    String control = refused(tsb, page, page + "/reject", Map.of("reason", "Motif\u0000 caché"), "fr", "reason");
    assertThat(control).contains("-error\">Ce texte contient un caractère de contrôle")
        .contains("value=\"Motif\uFFFD caché\""); // the page cannot carry a NUL: U+FFFD marks where it stood
    String empty = refused(tsb, page, page + "/reject", Map.of("reason", "   "), "zh", "reason");
    assertThat(empty).contains("-error\">请说明拒绝注册的原因。").doesNotContain("Say why the registration is rejected.");
    assertThat(api("GET", "/api/v1/registrations/" + id, "tsb", null).body()).contains("\"status\":\"SUBMITTED\"");
  }

  /** The desk's reason per row: a rejection refused (the registration changed since the desk was read) keeps it. */
  @Test
  void theDesksReasonComesBackInItsRowWhenTheRejectionIsRefused() throws Exception {
    long id = registration();
    HttpClient tsb = new FormClient(port).signedIn("tsb");
    String desk = get(tsb, "/desk").body();
    assertThat(desk).contains("name=\"reasons[" + id + "]\"");
    String reason = "Нет мест в зале";
    HttpResponse<String> answer = new FormClient(port).postForm(tsb, "/desk/registrations", Map.of("_csrf",
        FormClient.csrf(desk), "action", "reject:" + id, "reasons[" + id + "]", reason, "versions[" + id + "]", "999"));
    assertThat(answer.statusCode()).isEqualTo(302);
    String shown = get(tsb, "/desk").body();
    assertThat(shown).contains("class=\"problem\"")
        .containsPattern("id=\"reason-" + id + "\"[^>]*value=\"" + reason + "\"");
    assertThat(api("GET", "/api/v1/registrations/" + id, "tsb", null).body()).contains("\"status\":\"SUBMITTED\"");
  }

  /**
   * A page's bounds count characters, as the API's {@code maxLength} does: a rejection's reason (the desk's own bound)
   * and a token's name (the form's {@code @Size}) of characters beyond U+FFFF ({@code 𠀀}, two UTF-16 units each) are
   * taken at their bound and stored whole, and refused one past it with the count in characters; at half the bound
   * they were refused as too long.
   */
  @Test
  void aPagesBoundsCountCharactersBeyondTheBasicPlaneAsOne() throws Exception {
    String wide = "\uD840\uDC00";
    long id = registration();
    HttpClient tsb = new FormClient(port).signedIn("tsb");
    String page = "/registrations/" + id;
    String refused = refused(tsb, page, page + "/reject", Map.of("reason", wide.repeat(1001)), "en", "reason");
    assertThat(refused).contains("-error\">This field takes at most 1,000 characters; this text has 1,001.");
    String before = get(tsb, page).body();
    var version = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(before);
    assertThat(version.find()).isTrue();
    HttpResponse<String> rejected = new FormClient(port).postForm(tsb, page + "/reject", Map.of("_csrf",
        FormClient.csrf(before), "editVersion", version.group(1), "reason", wide.repeat(1000)));
    assertThat(rejected.statusCode()).isEqualTo(302);
    assertThat(api("GET", "/api/v1/registrations/" + id, "tsb", null).body()).contains("\"status\":\"REJECTED\"")
        .contains("\"rejectReason\":\"" + wide.repeat(1000) + "\"");

    HttpClient alice = new FormClient(port).signedIn("alice");
    String token = refused(alice, "/account", "/account/tokens", Map.of("name", wide.repeat(101)), "en", "token-name");
    assertThat(token).contains("-error\">This field takes at most 100 characters; this text has 101.");
    String account = get(alice, "/account").body();
    HttpResponse<String> issued = new FormClient(port).postForm(alice, "/account/tokens", Map.of("_csrf",
        FormClient.csrf(account), "name", wide.repeat(100)));
    assertThat(issued.statusCode()).as(issued.body()).isIn(200, 302);
    assertThat(get(alice, "/account").body()).contains(wide.repeat(100)).doesNotContain("token-name-error");
  }

  /**
   * The desk's reasons by row were a map read loose and checked before the handler: a NUL or an override left open
   * was a 400 error page that lost every reason typed. They are a form now: refused beside the row, with its text.
   */
  @Test
  void aRowsReasonRefusedByTheBinderComesBackBesideItsRowOnTheDesk() throws Exception {
    long id = registration();
    long other = registration();
    HttpClient tsb = new FormClient(port).signedIn("tsb");
    String control = refused(tsb, "/desk", "/desk/registrations", Map.of("action", "reject:" + id,
        "reasons[" + id + "]", "Motif\u0000 caché", "reasons[" + other + "]", "Complet"), "fr", "reason-" + id);
    assertThat(control).contains("-error\">Ce texte contient un caractère de contrôle")
        .containsPattern("id=\"reason-" + id + "\"[^>]*value=\"Motif\uFFFD caché\"")
        .containsPattern("id=\"reason-" + other + "\"[^>]*value=\"Complet\"")
        .doesNotContain("id=\"reason-" + other + "-error\"");
    String override = refused(tsb, "/desk", "/desk/registrations", Map.of("action", "reject:" + id,
        "reasons[" + id + "]", "Motif \u202Ecaché"), "ar", "reason-" + id);
    assertThat(override).contains("-error\">يترك هذا النص تجاوزًا");
    String tooLong = refused(tsb, "/desk", "/desk/registrations", Map.of("action", "reject:" + id,
        "reasons[" + id + "]", "x".repeat(1001)), "en", "reason-" + id);
    assertThat(tooLong).contains("-error\">This field takes at most 1,000 characters; this text has 1,001.");
    assertThat(api("GET", "/api/v1/registrations/" + id, "tsb", null).body()).contains("\"status\":\"SUBMITTED\"");
    assertThat(api("GET", "/api/v1/registrations/" + other, "tsb", null).body()).contains("\"status\":\"SUBMITTED\"");
  }

  /**
   * A circular's reason per warning was read as a map the same way (a 400 error page for a NUL): refused beside its
   * warning with what was typed, nothing issued; a reason of several lines keeps them and issues the circular.
   */
  @Test
  void aWarningsReasonRefusedByTheBinderComesBackBesideItsWarning() throws Exception {
    circulars.setRules("cloud", new org.plenary.meeting.AnnouncementRules(10, org.plenary.meeting.AnnouncementRules.DEFAULTS.contributionDays()));
    try {
      HttpResponse<String> drafted = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/circulars", "tsb",
          "{\"number\": \"TSB Circular 7" + NEXT.incrementAndGet() + "\", \"dated\": \"" + java.time.LocalDate.now()
              + "\", \"signatory\": \"The Director\"}");
      assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
      String id = String.valueOf((Object) com.jayway.jsonpath.JsonPath.read(drafted.body(), "$.id"));
      HttpClient tsb = new FormClient(port).signedIn("tsb");
      String page = "/circulars/" + id;
      String typed = "La salle n’a été confirmée \u202Equ’hier";
      String arabic = refused(tsb, page, page + "/issue", Map.of("reasons[LATE_ANNOUNCEMENT]", typed), "ar",
          "reason-LATE_ANNOUNCEMENT");
      assertThat(arabic).contains("-error\">يترك هذا النص تجاوزًا").contains(typed);
      String control = refused(tsb, page, page + "/issue", Map.of("reasons[LATE_ANNOUNCEMENT]", "Hier\u0007"), "ru",
          "reason-LATE_ANNOUNCEMENT");
      assertThat(control).contains(">Hier\uFFFD</textarea>");
      assertThat(api("GET", "/api/v1/circulars/" + id, "tsb", null).body()).contains("\"status\":\"DRAFT\"");
      String before = get(tsb, page).body();
      HttpResponse<String> issued = new FormClient(port).postForm(tsb, page + "/issue", Map.of("_csrf",
          FormClient.csrf(before), "reasons[LATE_ANNOUNCEMENT]", "The venue was confirmed\non Monday only."));
      assertThat(issued.statusCode()).isEqualTo(302);
      assertThat(api("GET", "/api/v1/circulars/" + id, "tsb", null).body()).contains("\"status\":\"ISSUED\"");
    } finally {
      circulars.setRules("cloud", org.plenary.meeting.AnnouncementRules.DEFAULTS);
    }
  }

  @Test
  void aRefusedDocumentReasonComesBackBesideTheFormThatSentIt() throws Exception {
    String number = incomingDocument();
    HttpClient tsb = new FormClient(port).signedIn("tsb");
    String page = "/documents/" + number;
    String typed = "x".repeat(1001);
    String english = refused(tsb, page, page + "/reject", Map.of("reason", typed), "en", "reject-reason");
    assertThat(english).contains("-error\">This field takes at most 1,000 characters; this text has 1,001.")
        .contains("id=\"reject-reason\"").contains("value=\"" + typed + "\"")
        .doesNotContain("id=\"withdraw-reason-error\"");
    assertThat(api("GET", "/api/v1/contributions/" + number, "tsb", null).body()).contains("\"status\":\"INCOMING\"");
  }

  /**
   * The outputs' texts were loose parameters checked before their handler: a 201-character organization or a term
   * with a line break was a 400 error page, the entry lost. They are forms now, refused beside their field.
   */
  @Test
  void aRefusedOutputTextComesBackOnItsFormInsteadOfAnErrorPage() throws Exception {
    HttpClient chair = new FormClient(port).signedIn("chair");
    String list = "/groups/cloud/living-list";
    String organization = "Организация ".repeat(17) + "конец";
    String entry = refused(chair, list, list, Map.of("organization", organization, "bodyGroup", "SG13 Q17"), "ru",
        "organization");
    assertThat(entry).containsPattern("-error\">В этом поле не более 200 символов, а в этом тексте 209\\.")
        .contains("value=\"" + organization + "\"").contains("value=\"SG13 Q17\"");

    String terms = "/groups/cloud/terms";
    String french = refused(chair, terms, terms, Map.of("term", "Nuage\ninformatique", "definition",
        "Un modèle\nsur deux lignes."), "fr", "term");
    assertThat(french).contains("-error\">Ce champ").contains("Un modèle\nsur deux lignes.</textarea>");

    HttpClient alice = new FormClient(port).signedIn("alice");
    String account = refused(alice, "/account", "/account/tokens", Map.of("name", "t".repeat(101)), "es", "token-name");
    assertThat(account).contains("-error\">Este campo admite como máximo 100 caracteres; este texto tiene 101.")
        .contains("value=\"" + "t".repeat(101) + "\"");
  }

  /**
   * Posts {@code form} to {@code action} with the page's CSRF token in {@code lang}, follows the redirect back to
   * {@code page}, and answers the page shown, after checking that {@code field} is marked invalid, described by its
   * error, and that the error summary links to it.
   */
  private String refused(HttpClient client, String page, String action, Map<String, String> form, String lang,
      String field) throws Exception {
    String before = get(client, page + "?lang=" + lang).body();
    var sent = new LinkedHashMap<>(form);
    sent.put("_csrf", FormClient.csrf(before));
    var version = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(before);
    if (version.find()) {
      sent.put("editVersion", version.group(1));
    }
    var reviewed = Pattern.compile("name=\"reviewed\" value=\"([0-9a-f]+)\"").matcher(before);
    if (reviewed.find()) {
      sent.put("reviewed", reviewed.group(1));
    }
    String body = String.join("&", sent.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).toList());
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base() + action + "?lang=" + lang))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElseThrow()).matches(".*" + Pattern.quote(page) + "(#.*)?");
    HttpResponse<String> shown = get(client, page + "?lang=" + lang);
    assertThat(shown.statusCode()).isEqualTo(200);
    String html = shown.body();
    assertThat(html).contains("lang=\"" + lang + "\"")
        .contains("href=\"#" + field + "\"")
        .containsPattern("id=\"" + field + "-error\">[^<]+</p>");
    var tag = Pattern.compile("<(?:input|textarea)[^>]*\\bid=\"" + Pattern.quote(field) + "\"[^>]*>").matcher(html);
    assertThat(tag.find()).as("the field " + field).isTrue();
    assertThat(tag.group()).contains("aria-invalid=\"true\"").contains("aria-describedby=\"" + field + "-error\"");
    return html;
  }

  private long registration() throws Exception {
    String suffix = "k" + port + "n" + NEXT.incrementAndGet();
    var organization = organizations.create("Kept Text Org " + suffix, OrganizationCategory.SECTOR_MEMBER, "FR");
    String username = "kept" + suffix;
    accounts.create(new NewAccount(username, username + "@example.org", username, organization, "FR", Set.of()),
        username + "-pass", false);
    HttpResponse<String> created = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/registrations", username,
        """
        {"fullName": "Kept Text", "email": "kept@example.org", "organizationId": %d, "countryCode": "FR",
         "attendance": "IN_PERSON"}""".formatted(organization.value()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Long.parseLong(created.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
  }

  /**
   * The API's upload takes the part {@code file} once and nothing else: a part before it, one after it, or the file
   * twice is a 400 naming that part, and nothing is stored (the upload that follows, without {@code If-Match}, is not
   * refused for a waiting version). Such parts were skipped, and the first file taken.
   */
  @Test
  void theApisUploadRefusesAPartItDoesNotTakeNamingItAndStoresNothing() throws Exception {
    HttpResponse<String> allocated = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/contributions", "alice",
        "{\"title\": \"Parts\", \"source\": \"Alice Org\"}");
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    String number = allocated.body().replaceAll("(?s).*\"number\":\"([^\"]+)\".*", "$1");
    String file = "Content-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".txt\"\r\nContent-Type: text/plain\r\n\r\nA contribution.\r\n";
    String comment = "Content-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n";
    String replace = "Content-Disposition: form-data; name=\"replace\"\r\n\r\n*\r\n";
    Map<String, java.util.List<String>> refused = new LinkedHashMap<>();
    refused.put("comment", java.util.List.of(comment, file));
    refused.put("replace", java.util.List.of(file, replace));
    refused.put("file", java.util.List.of(file, file));
    for (var sent : refused.entrySet()) {
      HttpResponse<String> answer = upload(number, sent.getValue());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).as(sent.getKey()).contains("\"field\":\"" + sent.getKey() + "\"");
    }
    HttpResponse<String> whole = upload(number, java.util.List.of(file));
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(201);
  }

  /**
   * The page's upload form refuses a part it does not send, or one sent twice, and stores nothing: the sentence names
   * the part refused, as text (a name with markup in it is escaped), in the reader's language, beside the file's field
   * (marked invalid, the summary's link leading to it). It was keyed by the part's name, beside no field of the form,
   * its summary's link leading nowhere, and its sentence said the upload takes only "file", as the API's does.
   */
  @Test
  void thePagesUploadRefusesAPartItDoesNotSendNamingItBesideTheFile() throws Exception {
    HttpResponse<String> allocated = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/contributions", "alice",
        "{\"title\": \"Page parts\", \"source\": \"Alice Org\"}");
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    String number = allocated.body().replaceAll("(?s).*\"number\":\"([^\"]+)\".*", "$1");
    HttpClient alice = new FormClient(port).signedIn("alice");
    String file = "Content-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".txt\"\r\nContent-Type: text/plain\r\n\r\nA contribution.\r\n";
    String note = "Content-Disposition: form-data; name=\"<i>note</i>\"\r\n\r\nhello\r\n";
    String replaces = "Content-Disposition: form-data; name=\"replaces\"\r\n\r\n\r\n";

    String chinese = refusedUpload(alice, number, "zh", java.util.List.of(file, note));
    assertThat(chinese).contains("id=\"file-error\">表单发送了它没有的部分“&lt;i&gt;note&lt;/i&gt;”：未上传任何内容。")
        .doesNotContain("<i>note</i>").doesNotContain("only \"file\"");
    String russian = refusedUpload(alice, number, "ru", java.util.List.of(replaces, file, replaces));
    assertThat(russian).contains("id=\"file-error\">Форма отправила часть «replaces» больше одного раза");
    String arabic = refusedUpload(alice, number, "ar", java.util.List.of(file, file));
    assertThat(arabic).containsPattern("id=\"file-error\">أرسل النموذج الجزء [^<]*file[^<]* أكثر من مرة");
    assertThat(api("GET", "/api/v1/contributions/" + number, "alice", null).body()).doesNotContain(number + ".txt");
  }

  /** Posts the page's upload form with {@code parts} (and its CSRF token first) in {@code lang}; the page it leads back to. */
  private String refusedUpload(HttpClient client, String number, String lang, java.util.List<String> parts)
      throws Exception {
    String page = "/documents/" + number;
    String boundary = "page-parts-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
        + FormClient.csrf(get(client, page + "?lang=" + lang).body()) + "\r\n"
        + String.join("", parts.stream().map(p -> "--" + boundary + "\r\n" + p).toList()) + "--" + boundary + "--\r\n";
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base() + page + "/files?lang=" + lang))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    String shown = get(client, page + "?lang=" + lang).body();
    assertThat(shown).contains("href=\"#file\"");
    var input = Pattern.compile("<input type=\"file\"[^>]*>").matcher(shown);
    assertThat(input.find()).isTrue();
    assertThat(input.group()).contains("aria-invalid=\"true\"").contains("aria-describedby=\"file-error\"");
    return shown;
  }

  private HttpResponse<String> upload(String number, java.util.List<String> parts) throws Exception {
    String boundary = "parts-boundary";
    String multipart = String.join("", parts.stream().map(p -> "--" + boundary + "\r\n" + p).toList())
        + "--" + boundary + "--\r\n";
    return http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/contributions/" + number + "/files"))
        .header("Authorization", "Bearer " + token("alice"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String incomingDocument() throws Exception {
    HttpResponse<String> allocated = api("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/contributions", "alice",
        "{\"title\": \"Kept text\", \"source\": \"Alice Org\"}");
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    String number = allocated.body().replaceAll("(?s).*\"number\":\"([^\"]+)\".*", "$1");
    String boundary = "kept-text-boundary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".txt\"\r\nContent-Type: text/plain\r\n\r\nA contribution.\r\n--" + boundary + "--\r\n";
    HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/contributions/"
            + number + "/files")).header("Authorization", "Bearer " + token("alice"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isIn(200, 201);
    return number;
  }

  private HttpResponse<String> api(String method, String path, String username, String json) throws Exception {
    return new JsonApi(http, base()).send(method, path, token(username), null, json);
  }

  private String token(String username) throws Exception {
    String password = username.matches("tsb|chair|focal|alice|bob") ? username + "-demo" : username + "-pass";
    HttpResponse<String> issued = new JsonApi(http, base()).send("POST", "/api/v1/tokens", null, null,
        "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
    assertThat(issued.statusCode()).as(issued.body()).isIn(200, 201);
    return issued.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
