package org.plenary.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenary.JsonApi;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.FormClient;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A registration's organization corrected while someone else corrects it or decides on it: what is corrected,
 * approved or rejected is the registration its editor or decider saw. The API gives its version as the ETag and
 * refuses an act on an older one with 412 and a sentence saying what it is now; the registration's page and the
 * desk carry the version they show. Over a real port, on H2 here and on PostgreSQL in
 * {@link PostgresConcurrentRegistrationEditTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-concurrent-registration-edits;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class ConcurrentRegistrationEditTests {

  private static final Pattern VERSION = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"");
  private static final AtomicInteger NEXT = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired OrganizationDirectory organizations;

  private final HttpClient http = HttpClient.newHttpClient();

  private JsonApi api() {
    return new JsonApi(http, "http://127.0.0.1:" + port);
  }
  private String meeting;

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    meeting = DemoMeetings.upcoming(groups, meetings);
  }

  @Test
  void anActOnARegistrationCorrectedMeanwhileIsRefusedWith412AndNothingDone() throws Exception {
    Cast cast = cast();
    long id = register(cast);
    String path = "/api/v1/registrations/" + id;
    HttpResponse<String> read = send("GET", path, token("tsb"), null, null);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"v\\d+\"");
    assertThat(read.body()).contains("\"editVersion\":" + etag.replaceAll("\\D", ""));

    // One administrator moves it to B; a second, on the version read before, is told instead of replacing it.
    HttpResponse<String> moved = send("PUT", path + "/organization", token("tsb"), etag, "{\"organizationId\": " + cast.orgB + "}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    String after = moved.headers().firstValue("ETag").orElseThrow();
    assertThat(after).isNotEqualTo(etag);
    HttpResponse<String> stale = send("PUT", path + "/organization", token("tsb"), etag, "{\"organizationId\": null}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(stale.body()).contains("was changed by someone else since you opened it")
        .contains("for Reg Org B " + cast.n);
    assertThat(send("PUT", path + "/organization", token("tsb"), null,
        "{\"organizationId\": null, \"editVersion\": " + etag.replaceAll("\\D", "") + "}").statusCode()).isEqualTo(412);

    // The secretariat approving what it read before the move: refused, still waiting, no number given.
    HttpResponse<String> approve = send("POST", path + "/approve", token("tsb"), etag, null);
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(412);
    HttpResponse<String> reject = send("POST", path + "/reject", token("tsb"), etag, "{\"reason\": \"no\"}");
    assertThat(reject.statusCode()).as(reject.body()).isEqualTo(412);
    assertThat(send("GET", path, token("tsb"), null, null).body()).contains("\"status\":\"SUBMITTED\"")
        .contains("\"organizationId\":" + cast.orgB).contains("\"registrationNumber\":null");
    // On what it is now, approved; a correction made on the version before the approval is refused.
    HttpResponse<String> approved = send("POST", path + "/approve", token("tsb"), after, null);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(send("PUT", path + "/organization", token("tsb"), after, "{\"organizationId\": " + cast.orgA + "}")
        .statusCode()).isEqualTo(412);
    assertThat(send("GET", path, token("tsb"), null, null).body()).contains("\"organizationId\":" + cast.orgB);
  }

  @Test
  void theFocalPointsPageAndDeskDecideOnlyWhatTheyShowed() throws Exception {
    Cast cast = cast();
    long id = register(cast);
    HttpClient focal = signedIn(cast.focalA);
    String show = page(focal, "/registrations/" + id).body();
    String desk = page(focal, "/desk").body();
    Matcher listed = Pattern.compile("name=\"versions\\[" + id + "]\" value=\"(\\d+)\"").matcher(desk);
    assertThat(listed.find()).as("the desk carries the version it lists").isTrue();
    // The administrator corrects it meanwhile, to another organization the focal point also answers for.
    organizations.appointFocalPoint(new OrganizationId(cast.orgB), accounts.find(cast.focalA).orElseThrow().id());
    assertThat(send("PUT", "/api/v1/registrations/" + id + "/organization", token("tsb"), null,
        "{\"organizationId\": " + cast.orgB + "}").statusCode()).isEqualTo(200);

    var fromPage = postForm(focal, "/registrations/" + id + "/approve", Map.of("_csrf", FormClient.csrf(show), "editVersion", version(show)));
    assertThat(fromPage.statusCode()).isEqualTo(302);
    assertThat(page(focal, "/registrations/" + id).body()).contains("was changed by someone else since you opened it");
    var fromDesk = postForm(focal, "/desk/registrations", Map.of("_csrf", FormClient.csrf(desk), "action", "approve:" + id,
        "versions[" + id + "]", listed.group(1)));
    assertThat(fromDesk.statusCode()).isEqualTo(302);
    assertThat(page(focal, "/desk").body()).contains("was changed by someone else since you opened it");
    assertThat(send("GET", "/api/v1/registrations/" + id, token("tsb"), null, null).body())
        .contains("\"status\":\"SUBMITTED\"");

    // Shown again, as it is now: approving it is the focal point's choice, made knowing of the change.
    String again = page(focal, "/registrations/" + id).body();
    assertThat(postForm(focal, "/registrations/" + id + "/approve", Map.of("_csrf", FormClient.csrf(again), "editVersion", version(again)))
        .statusCode()).isEqualTo(302);
    assertThat(send("GET", "/api/v1/registrations/" + id, token("tsb"), null, null).body())
        .contains("\"status\":\"APPROVED\"");
  }

  @Test
  void theAdministratorsStaleCorrectionIsShownAgainWithTheChoiceKeptAndWhy() throws Exception {
    Cast cast = cast();
    long id = register(cast);
    HttpClient admin = signedIn("tsb");
    String show = page(admin, "/registrations/" + id).body();
    assertThat(send("PUT", "/api/v1/registrations/" + id + "/organization", token("tsb"), null,
        "{\"organizationId\": " + cast.orgB + "}").statusCode()).isEqualTo(200);

    var shown = postForm(admin, "/registrations/" + id + "/organization",
        Map.of("_csrf", FormClient.csrf(show), "editVersion", version(show), "organizationId", ""));
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("was changed by someone else since you opened it")
        .contains("<option value=\"\" selected=\"selected\"");
    assertThat(send("GET", "/api/v1/registrations/" + id, token("tsb"), null, null).body())
        .contains("\"organizationId\":" + cast.orgB);
    // Saved again on the version now shown: the administrator's choice.
    assertThat(postForm(admin, "/registrations/" + id + "/organization",
        Map.of("_csrf", FormClient.csrf(shown.body()), "editVersion", version(shown.body()), "organizationId", "")).statusCode())
        .isEqualTo(302);
    assertThat(send("GET", "/api/v1/registrations/" + id, token("tsb"), null, null).body())
        .contains("\"organizationId\":null");
  }

  @Test
  void aFocalPointMovedToAnotherOrganizationNoLongerDecidesForTheOneItLeft() throws Exception {
    Cast cast = cast();
    long id = register(cast);
    String focalToken = token(cast.focalA);
    HttpClient focal = signedIn(cast.focalA);
    String mailed = page(focal, "/registrations/" + id).body();
    assertThat(mailed).as("the page the received mail links to offers the decision").contains("/registrations/" + id + "/approve");

    HttpResponse<String> moved = send("PUT", "/api/v1/accounts/" + cast.focalA + "/organization", token("tsb"), null,
        "{\"organizationId\": " + cast.orgB + "}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

    // The token and the session it had before the move: no longer a focal point of A, on the API, the page and the desk.
    assertThat(send("POST", "/api/v1/registrations/" + id + "/approve", focalToken, null, null).statusCode()).isIn(403, 404);
    postForm(focal, "/registrations/" + id + "/approve", Map.of("_csrf", FormClient.csrf(mailed), "editVersion", version(mailed)));
    assertThat(page(focal, "/registrations/" + id).statusCode()).isIn(403, 404);
    assertThat(page(focal, "/desk").body()).doesNotContain("Reg Person " + cast.n);
    assertThat(send("GET", "/api/v1/registrations/" + id, token("tsb"), null, null).body()).contains("\"status\":\"SUBMITTED\"");
    // Nobody mails it A's registrations any more; the end of the appointment is kept with the move.
    assertThat(organizations.focalPoints(new OrganizationId(cast.orgA))).extracting(a -> a.username()).doesNotContain(cast.focalA);
    assertThat(send("GET", "/api/v1/accounts/" + cast.focalA + "/changes", token("tsb"), null, null).body())
        .contains("\"field\":\"focalPoint\"").contains("Reg Org A " + cast.n);
  }

  private record Cast(int n, long orgA, long orgB, String focalA, String participant) {}

  private Cast cast() {
    int n = NEXT.incrementAndGet();
    String suffix = n + "x" + port;
    OrganizationId a = organizations.create("Reg Org A " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    OrganizationId b = organizations.create("Reg Org B " + n, OrganizationCategory.SECTOR_MEMBER, "DE");
    String focal = account("rfa" + suffix, a);
    organizations.appointFocalPoint(a, accounts.find(focal).orElseThrow().id());
    return new Cast(n, a.value(), b.value(), focal, account("rpa" + suffix, a));
  }

  private String account(String username, OrganizationId organization) {
    accounts.create(new NewAccount(username, username + "@example.org", username, organization, "FR", Set.of()),
        username + "-pass", false);
    return username;
  }

  private long register(Cast cast) throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/registrations",
        token(cast.participant), null, """
            {"fullName": "Reg Person %d", "email": "x@example.org", "organizationId": %d, "countryCode": "FR",
             "attendance": "IN_PERSON"}""".formatted(cast.n, cast.orgA));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Long.parseLong(created.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
  }

  private String token(String username) throws Exception {
    String password = username.matches("tsb|chair|focal|alice|bob") ? username + "-demo" : username + "-pass";
    HttpResponse<String> issued = send("POST", "/api/v1/tokens", null, null,
        "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
    assertThat(issued.statusCode()).as(issued.body()).isIn(200, 201);
    return issued.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }

  private HttpResponse<String> send(String method, String path, String token, String ifMatch, String json) throws Exception {
    return api().send(method, path, token, ifMatch, json);
  }

  private HttpResponse<String> page(HttpClient client, String path) throws Exception {
    return new FormClient(port).page(client, path);
  }

  private HttpResponse<String> postForm(HttpClient client, String path, Map<String, String> form) throws Exception {
    return new FormClient(port).postForm(client, path, form);
  }

  private HttpClient signedIn(String username) throws Exception {
    return new FormClient(port).signedIn(username);
  }

  private static String version(String page) {
    Matcher m = VERSION.matcher(page);
    assertThat(m.find()).as("the form carries the version it shows").isTrue();
    return m.group(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
