package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.plenary.JsonApi;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two administrators editing one account: the second, who read it before the first saved, does not replace
 * the first's change of its roles or of whether it may sign in. The API gives the account's version as its ETag
 * (and {@code editVersion} in the list) and refuses an edit on a version no longer current with a 412 problem;
 * the accounts page carries each account's version and shows a refused edit again with what was ticked and why.
 * Over a real port, on H2 here and on PostgreSQL in {@link PostgresConcurrentAccountEditTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-concurrent-account-edits;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
class ConcurrentAccountEditTests {

  private static final Pattern ETAG = Pattern.compile("\"v(\\d+)\"");
  private static final String ACCOUNT = """
      {"username": "%s", "email": "%1$s@example.org", "displayName": "Delegate %1$s", "countryCode": "CH",
       "password": "a-fine-password", "oneTimePassword": false}""";

  private final HttpClient http = HttpClient.newHttpClient();

  private JsonApi api() {
    return new JsonApi(http, "http://127.0.0.1:" + port);
  }
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
  void rolesSetOnAVersionSomeoneChangedMeanwhileAreRefusedWith412AndNothingSaved() throws Exception {
    String account = "/api/v1/accounts/" + opened("roles1");
    HttpResponse<String> read = send("GET", account, tsb, null, null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches(ETAG);
    assertThat(read.body()).contains("\"editVersion\":" + number(etag));

    // The first administrator makes them a secretariat member; the second, on the same version, an administrator.
    HttpResponse<String> first = send("PUT", account + "/roles", tsb, etag, "{\"roles\": [\"SECRETARIAT\"]}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String after = first.headers().firstValue("ETag").orElseThrow();
    assertThat(after).matches(ETAG).isNotEqualTo(etag);
    HttpResponse<String> second = send("PUT", account + "/roles", tsb, etag, "{\"roles\": [\"ADMIN\"]}");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(412);
    assertThat(second.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(second.body()).contains("roles1 was changed by someone else since you opened it").contains("nothing was saved");
    assertThat(send("GET", account, tsb, null, null).body()).contains("\"roles\":[\"SECRETARIAT\"]");

    // The version in the body where no If-Match is sent, as the list gives it.
    assertThat(send("PUT", account + "/roles", tsb, null, "{\"roles\": [], \"editVersion\": " + number(etag) + "}")
        .statusCode()).isEqualTo(412);
    assertThat(send("GET", "/api/v1/accounts", tsb, null, null).body())
        .contains("\"username\":\"roles1\"").contains("\"editVersion\":" + number(after));

    // Disabling and enabling are edits of the account too: on a stale version, refused; each gives its version.
    assertThat(send("POST", account + "/disable", tsb, etag, null).statusCode()).isEqualTo(412);
    assertThat(send("GET", account, tsb, null, null).body()).contains("\"enabled\":true");
    HttpResponse<String> disabled = send("POST", account + "/disable", tsb, after, null);
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.body()).contains("\"enabled\":false");
    assertThat(send("PUT", account + "/roles", tsb, after, "{\"roles\": [\"ADMIN\"]}").statusCode())
        .as("a role change made on the account as it was before it was disabled").isEqualTo(412);
    assertThat(send("POST", account + "/enable", tsb, disabled.headers().firstValue("ETag").orElseThrow(), null)
        .statusCode()).isEqualTo(200);
    // Without If-Match, or with *, whatever is current is replaced, as before.
    assertThat(send("PUT", account + "/roles", tsb, "*", "{\"roles\": [\"ADMIN\"]}").statusCode()).isEqualTo(200);
    assertThat(send("PUT", account + "/roles", tsb, null, "{\"roles\": []}").statusCode()).isEqualTo(200);
  }

  @Test
  void rolesSetAtOnceWithoutAVersionAreMadeOneAfterTheOther() throws Exception {
    String account = "/api/v1/accounts/" + opened("roles2");
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 16; i++) {
      String roles = i % 2 == 0 ? "[\"SECRETARIAT\", \"ADMIN\"]" : "[\"ADMIN\"]";
      tasks.add(() -> send("PUT", account + "/roles", tsb, null, "{\"roles\": " + roles + "}"));
    }
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (Future<HttpResponse<String>> done : pool.invokeAll(tasks)) {
        assertThat(done.get().statusCode()).as(done.get().body()).isEqualTo(200);
      }
    }
    String roles = send("GET", account, tsb, null, null).body().replaceAll("(?s).*\"roles\":(\\[[^]]*]).*", "$1");
    assertThat(roles).isIn("[\"SECRETARIAT\",\"ADMIN\"]", "[\"ADMIN\"]");
    assertThat(send("GET", account, tsb, null, null).headers().firstValue("ETag").orElseThrow()).isNotEqualTo("\"v0\"");
  }

  @Test
  void theAccountsPageKeepsWhatWasTickedAndSaysWhyWhenSomeoneSavedMeanwhile() throws Exception {
    opened("roles3");
    long id = users.loadUserByUsername("roles3") instanceof PlenaryUser u ? u.id().value() : -1;
    var tsbUser = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/admin/accounts").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    String version = version(page, id, "roles");
    assertThat(send("PUT", "/api/v1/accounts/roles3/roles", tsb, null, "{\"roles\": [\"SECRETARIAT\"]}").statusCode())
        .isEqualTo(200);

    String shown = mvc.perform(post("/admin/accounts/" + id + "/roles").with(tsbUser).with(csrf())
            .param("editVersion", version).param("roles", "ADMIN"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    String row = row(shown, id, "roles");
    assertThat(row).contains("roles3 was changed by someone else since you opened it")
        .contains("id=\"roles-" + id + "-error\"").contains("value=\"ADMIN\" checked")
        .doesNotContain("value=\"SECRETARIAT\" checked");
    assertThat(send("GET", "/api/v1/accounts/roles3", tsb, null, null).body()).contains("\"roles\":[\"SECRETARIAT\"]");

    // Shown again with the version now current: saving it again is the administrator's choice.
    mvc.perform(post("/admin/accounts/" + id + "/roles").with(tsbUser).with(csrf())
            .param("editVersion", version(shown, id, "roles")).param("roles", "ADMIN"))
        .andExpect(status().is3xxRedirection());
    assertThat(send("GET", "/api/v1/accounts/roles3", tsb, null, null).body()).contains("\"roles\":[\"ADMIN\"]");

    // A sign-in switched on a page older than the last change is refused the same way.
    String stale = version(shown, id, "enabled");
    String disabledShown = mvc.perform(post("/admin/accounts/" + id + "/enabled").with(tsbUser).with(csrf())
            .param("editVersion", stale).param("enabled", "false"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(row(disabledShown, id, "enabled")).contains("id=\"enabled-" + id + "-error\"")
        .contains("changed by someone else since you opened it");
    assertThat(send("GET", "/api/v1/accounts/roles3", tsb, null, null).body()).contains("\"enabled\":true");
  }

  @Test
  void anAccountsOrganizationIsChangedUnderItsVersionAndTheChangeIsKept() throws Exception {
    String account = "/api/v1/accounts/" + opened("org1");
    String organizations = send("GET", "/api/v1/organizations", tsb, null, null).body();
    Matcher ids = Pattern.compile("\"id\":(\\d+),\"name\":\"([^\"]+)\"").matcher(organizations);
    assertThat(ids.find()).isTrue();
    String firstId = ids.group(1);
    String firstName = ids.group(2);
    assertThat(ids.find()).isTrue();
    String secondId = ids.group(1);
    String secondName = ids.group(2);
    String etag = send("GET", account, tsb, null, null).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> moved = send("PUT", account + "/organization", tsb, etag, "{\"organizationId\": " + firstId + "}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(moved.body()).contains("\"organizationId\":" + firstId);
    String after = moved.headers().firstValue("ETag").orElseThrow();
    assertThat(after).isNotEqualTo(etag);
    // A second administrator, on the version read before, is told rather than replacing the first's choice.
    HttpResponse<String> stale = send("PUT", account + "/organization", tsb, etag, "{\"organizationId\": " + secondId + "}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(stale.body()).contains("org1 was changed by someone else since you opened it");
    assertThat(send("GET", account, tsb, null, null).body()).contains("\"organizationId\":" + firstId);
    // And a role change made on the version before the move is refused too.
    assertThat(send("PUT", account + "/roles", tsb, etag, "{\"roles\": [\"ADMIN\"]}").statusCode()).isEqualTo(412);

    HttpResponse<String> unknown = send("PUT", account + "/organization", tsb, after, "{\"organizationId\": 987654}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.body()).contains("organizationId").contains("There is no organization 987654.");
    assertThat(send("PUT", account + "/organization", tsb, after, "{\"organizationId\": null}").statusCode()).isEqualTo(200);

    String changes = send("GET", account + "/changes", tsb, null, null).body();
    assertThat(changes).contains("\"field\":\"organization\"", "\"from\":null", "\"to\":\"" + firstName + "\"",
        "\"from\":\"" + firstName + "\"", "\"to\":null", "\"by\":\"tsb\"");
    assertThat(changes).doesNotContain(secondName);
    assertThat(send("GET", account + "/changes", null, null, null).statusCode())
        .as("administrators only").isEqualTo(401);
  }

  @Test
  void theAccountsPageChangesTheOrganizationAndShowsAStaleChoiceAgainWithWhy() throws Exception {
    opened("org2");
    long id = users.loadUserByUsername("org2") instanceof PlenaryUser u ? u.id().value() : -1;
    var tsbUser = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/admin/accounts").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    String version = version(page, id, "organization");
    Matcher option = Pattern.compile("<option value=\"(\\d+)\">").matcher(row(page, id, "organization"));
    assertThat(option.find()).isTrue();
    String chosen = option.group(1);
    assertThat(send("PUT", "/api/v1/accounts/org2/roles", tsb, null, "{\"roles\": [\"SECRETARIAT\"]}").statusCode())
        .isEqualTo(200);

    String shown = mvc.perform(post("/admin/accounts/" + id + "/organization").with(tsbUser).with(csrf())
            .param("editVersion", version).param("organizationId", chosen))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(row(shown, id, "organization")).contains("org2 was changed by someone else since you opened it")
        .contains("id=\"organization-" + id + "-error\"").contains("value=\"" + chosen + "\" selected");
    assertThat(send("GET", "/api/v1/accounts/org2", tsb, null, null).body()).contains("\"organizationId\":null");

    mvc.perform(post("/admin/accounts/" + id + "/organization").with(tsbUser).with(csrf())
            .param("editVersion", version(shown, id, "organization")).param("organizationId", chosen))
        .andExpect(status().is3xxRedirection());
    assertThat(send("GET", "/api/v1/accounts/org2", tsb, null, null).body()).contains("\"organizationId\":" + chosen);
  }

  private String opened(String username) throws Exception {
    HttpResponse<String> made = send("POST", "/api/v1/accounts", tsb, null, ACCOUNT.formatted(username));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return username;
  }

  /** The form of the account's row on the accounts page that posts to {@code action}, up to its end. */
  private static String row(String page, long id, String action) {
    int start = page.indexOf("/admin/accounts/" + id + "/" + action + "\"");
    assertThat(start).as("the page has the account's %s form", action).isPositive();
    return page.substring(start, page.indexOf("</form>", start));
  }

  private static String version(String page, long id, String action) {
    Matcher m = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(row(page, id, action));
    assertThat(m.find()).as("the form carries the version it shows").isTrue();
    return m.group(1);
  }

  private static String number(String etag) {
    Matcher m = ETAG.matcher(etag);
    assertThat(m.matches()).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> send(String method, String path, String token, String ifMatch, String json) throws Exception {
    return api().send(method, path, token, ifMatch, json);
  }
}
