package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.JsonApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Two administrators deciding on one organization's focal points: the second, who read the list before the first
 * appointed or removed one, neither undoes nor doubles the first's decision in silence. The API gives the list's
 * version as its ETag and refuses an appointment or removal on a version no longer current with a 412 problem; the
 * organizations page carries each list's version and says, when refused, who the focal points are now. Over a real
 * port, on H2 here and on PostgreSQL in {@link PostgresFocalPointVersionTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-focal-point-versions;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
class FocalPointVersionTests {

  private static final Pattern ETAG = Pattern.compile("\"v(\\d+)\"");
  private static final String ACCOUNT = """
      {"username": "%s", "email": "%1$s@example.org", "displayName": "Delegate %1$s", "countryCode": "CH",
       "password": "a-fine-password", "oneTimePassword": false}""";

  private final HttpClient http = HttpClient.newHttpClient();
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  private String tsb;

  @BeforeEach
  void signIn() throws Exception {
    HttpResponse<String> token = send("POST", "/api/v1/tokens", null, null, "{\"username\":\"tsb\",\"password\":\"tsb-demo\"}");
    tsb = token.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void aDecisionOnAListSomeoneChangedMeanwhileIsRefusedWith412AndNothingChanged() throws Exception {
    long organizationId = organization("Focal Org One");
    String list = "/api/v1/organizations/" + organizationId + "/focal-points";
    opened("fpa1");
    opened("fpb1");
    HttpResponse<String> read = send("GET", list, tsb, null, null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches(ETAG);
    assertThat(read.body()).contains("\"focalPoints\":[]").contains("\"editVersion\":" + number(etag));

    // The first administrator appoints fpa1; the second, on the list as it was, fpb1: told, not added besides.
    HttpResponse<String> first = send("POST", list + "/fpa1", tsb, etag, null);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
    String after = first.headers().firstValue("ETag").orElseThrow();
    assertThat(after).matches(ETAG).isNotEqualTo(etag);
    HttpResponse<String> second = send("POST", list + "/fpb1", tsb, etag, null);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(412);
    assertThat(second.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(second.body()).contains("The list of focal points of Focal Org One was changed by someone else")
        .contains("nothing was saved");
    HttpResponse<String> now = send("GET", list, tsb, null, null);
    assertThat(now.body()).contains("\"focalPoints\":[\"fpa1\"]");
    assertThat(now.headers().firstValue("ETag")).contains(after);

    // A removal on the list read before the appointment would undo a decision its maker never saw: refused.
    assertThat(send("DELETE", list + "/fpa1", tsb, etag, null).statusCode()).isEqualTo(412);
    assertThat(send("GET", list, tsb, null, null).body()).contains("\"focalPoints\":[\"fpa1\"]");
    // The same appointment twice is one decision: the second, on the version before, is told.
    assertThat(send("POST", list + "/fpa1", tsb, etag, null).statusCode()).isEqualTo(412);

    // The account's move out of the organization ends its appointment there: a version of the list too.
    assertThat(send("PUT", "/api/v1/accounts/fpa1/organization", tsb, null, "{\"organizationId\": " + organizationId + "}")
        .statusCode()).isEqualTo(200);
    assertThat(send("GET", list, tsb, null, null).headers().firstValue("ETag")).as("a move into it changes no list")
        .contains(after);
    assertThat(send("PUT", "/api/v1/accounts/fpa1/organization", tsb, null, "{\"organizationId\": null}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> moved = send("GET", list, tsb, null, null);
    assertThat(moved.body()).contains("\"focalPoints\":[]");
    assertThat(moved.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(after);
    assertThat(send("POST", list + "/fpb1", tsb, after, null).statusCode()).isEqualTo(412);

    // On the current version, or without If-Match (or *), as before.
    HttpResponse<String> appointed = send("POST", list + "/fpb1", tsb, moved.headers().firstValue("ETag").orElseThrow(), null);
    assertThat(appointed.statusCode()).as(appointed.body()).isEqualTo(204);
    HttpResponse<String> removed = send("DELETE", list + "/fpb1", tsb, appointed.headers().firstValue("ETag").orElseThrow(), null);
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
    assertThat(send("POST", list + "/fpb1", tsb, "*", null).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", list + "/fpb1", tsb, null, null).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", list + "/fpb1", tsb, null, null).statusCode()).as("no longer one").isEqualTo(404);
    assertThat(send("GET", list, null, null, null).statusCode()).as("administrators only").isEqualTo(401);
    assertThat(send("GET", "/api/v1/organizations/987654/focal-points", tsb, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void decisionsMadeAtOnceOnOneVersionLetOneThrough() throws Exception {
    String list = "/api/v1/organizations/" + organization("Focal Org Two") + "/focal-points";
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 8; i++) {
      opened("fpc" + i);
    }
    String etag = send("GET", list, tsb, null, null).headers().firstValue("ETag").orElseThrow();
    for (int i = 0; i < 8; i++) {
      String username = "fpc" + i;
      tasks.add(() -> send("POST", list + "/" + username, tsb, etag, null));
    }
    int appointed = 0;
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (Future<HttpResponse<String>> done : pool.invokeAll(tasks)) {
        assertThat(done.get().statusCode()).as(done.get().body()).isIn(204, 412);
        appointed += done.get().statusCode() == 204 ? 1 : 0;
      }
    }
    assertThat(appointed).isEqualTo(1);
    assertThat(send("GET", list, tsb, null, null).body()).matches("(?s).*\"focalPoints\":\\[\"fpc\\d\"].*");
  }

  @Test
  void theOrganizationsPageCarriesTheListsVersionAndSaysWhoTheFocalPointsAreWhenRefused() throws Exception {
    long id = organization("Focal Org Three");
    opened("fpd1");
    opened("fpe1");
    var tsbUser = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/admin/organizations").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    String version = version(page, "/admin/organizations/" + id + "/focal-points\"");
    assertThat(send("POST", "/api/v1/organizations/" + id + "/focal-points/fpd1", tsb, null, null).statusCode())
        .isEqualTo(204);

    MvcResult refused = mvc.perform(post("/admin/organizations/" + id + "/focal-points").with(tsbUser).with(csrf())
        .param("editVersion", version).param("username", "fpe1")).andReturn();
    assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/admin/organizations");
    assertThat((String) refused.getFlashMap().get("problem"))
        .contains("Someone else appointed or removed a focal point of Focal Org Three")
        .contains("Its focal points are now: fpd1.");
    assertThat(send("GET", "/api/v1/organizations/" + id + "/focal-points", tsb, null, null).body())
        .contains("\"focalPoints\":[\"fpd1\"]");

    // The page read again carries the version now current: each removal form too.
    String again = mvc.perform(get("/admin/organizations").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    String removal = version(again, "/admin/organizations/" + id + "/focal-points/remove\"");
    assertThat(removal).isNotEqualTo(version);
    assertThat(send("POST", "/api/v1/organizations/" + id + "/focal-points/fpe1", tsb, null, null).statusCode())
        .isEqualTo(204);
    MvcResult staleRemoval = mvc.perform(post("/admin/organizations/" + id + "/focal-points/remove").with(tsbUser)
        .with(csrf()).param("editVersion", removal).param("username", "fpd1")).andReturn();
    assertThat((String) staleRemoval.getFlashMap().get("problem")).contains("Its focal points are now: fpd1, fpe1.");
    String current = version(mvc.perform(get("/admin/organizations").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8), "/admin/organizations/" + id + "/focal-points/remove\"");
    MvcResult done = mvc.perform(post("/admin/organizations/" + id + "/focal-points/remove").with(tsbUser)
        .with(csrf()).param("editVersion", current).param("username", "fpd1")).andReturn();
    assertThat((String) done.getFlashMap().get("notice")).isEqualTo("fpd1 is no longer a focal point.");
    assertThat(send("GET", "/api/v1/organizations/" + id + "/focal-points", tsb, null, null).body())
        .contains("\"focalPoints\":[\"fpe1\"]");
  }

  private long organization(String name) throws Exception {
    HttpResponse<String> made = send("POST", "/api/v1/organizations", tsb, null,
        "{\"name\": \"" + name + "\", \"category\": \"SECTOR_MEMBER\", \"countryCode\": \"CH\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return Long.parseLong(made.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
  }

  private void opened(String username) throws Exception {
    HttpResponse<String> made = send("POST", "/api/v1/accounts", tsb, null, ACCOUNT.formatted(username));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
  }

  /** The version the first form posting to {@code action} carries. */
  private static String version(String page, String action) {
    int start = page.indexOf(action);
    assertThat(start).as("the page has a form posting to %s", action).isPositive();
    Matcher m = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(page.substring(start, page.indexOf("</form>", start)));
    assertThat(m.find()).as("the form carries the version it shows").isTrue();
    return m.group(1);
  }

  private static String number(String etag) {
    Matcher m = ETAG.matcher(etag);
    assertThat(m.matches()).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> send(String method, String path, String token, String ifMatch, String json) throws Exception {
    return new JsonApi(http, "http://127.0.0.1:" + port).send(method, path, token, ifMatch, json);
  }
}
