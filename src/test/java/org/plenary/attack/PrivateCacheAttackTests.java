package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person's answers are never kept by a shared cache (a proxy of a delegation, a CDN) for the next reader: each
 * answer that depends on who asks says {@code private} or {@code no-store}. Real HTTP, demo mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-private-cache;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-private-cache-${random.uuid}",
    "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
class PrivateCacheAttackTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void noAnswerForOneReaderMayBeKeptByASharedCache() throws Exception {
    String meeting = DemoMeetings.upcoming(groups, meetings);
    String alice = token("alice");
    String registered = send("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/registrations", alice, """
        {"fullName": "Alice Cache", "countryCode": "FR", "attendance": "IN_PERSON"}""").body();
    long id = JSON.readTree(registered).get("id").asLong();
    assertThat(send("POST", "/api/v1/registrations/" + id + "/approve", token("focal"), null).statusCode()).isEqualTo(200);
    String admin = token("tsb");

    for (var ask : List.of(
        List.of(alice, "/api/v1/registrations/" + id),
        List.of(alice, "/api/v1/registrations/" + id + "/confirmation.pdf"),
        List.of(alice, "/api/v1/groups/cloud/meetings/" + meeting + "/registrations"),
        List.of(alice, "/api/v1/me/desk"),
        List.of(alice, "/api/v1/account"),
        List.of(admin, "/api/v1/accounts/alice"),
        List.of(admin, "/api/v1/accounts"),
        List.of(admin, "/api/v1/groups/cloud/meetings/" + meeting + "/registrations"))) {
      HttpResponse<String> answer = send("GET", ask.get(1), ask.get(0), null);
      assertThat(answer.statusCode()).as(ask.get(1)).isEqualTo(200);
      assertThat(answer.headers().firstValue("Cache-Control")).as(ask.get(1))
          .hasValueSatisfying(value -> assertThat(value).as(ask.get(1)).containsAnyOf("private", "no-store"));
    }
  }

  /**
   * A 304 or 412 says what the whole answer said (RFC 9110, 15.4.5): a private meeting's file, ZIP and manifest, read
   * again by a signed-in reader with their ETag, were 304s without any Cache-Control (the listing's said it), so what
   * a cache kept of the answer was never told again that it was one reader's.
   */
  @Test
  void aSignedInReadersNotModifiedOrPreconditionFailedSaysPrivateAsTheWholeAnswerDoes() throws Exception {
    ArchiveFixture fixture = ArchiveFixture.create("pcache", "FG Pcache", groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, "pcache", "shut", false);
    String number = fixture.publish("shut", "Shut plan", "shut text");
    String reader = "Bearer " + tokens.issue(accounts.find("pcache-author").orElseThrow().id(), "cache").token();
    String folder = "/t/fg/pcache/docs/shut/in";
    for (String path : List.of(folder + "/" + number + ".pdf", folder + ".zip", folder + "/MANIFEST.json", folder + "/")) {
      HttpResponse<String> whole = send("GET", path, reader, null);
      assertThat(whole.statusCode()).as(path).isEqualTo(200);
      String said = whole.headers().firstValue("Cache-Control").orElseThrow();
      assertThat(said).as(path).contains("private");
      String etag = whole.headers().firstValue("ETag").orElseThrow();
      for (var condition : List.of(List.of("If-None-Match", etag, "304"), List.of("If-None-Match", "*", "304"),
          List.of("If-Match", "\"other\"", "412"))) {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", reader).header(condition.get(0), condition.get(1)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + " " + condition).isEqualTo(Integer.parseInt(condition.get(2)));
        assertThat(answer.headers().firstValue("Cache-Control")).as(path + " " + condition).hasValue(said);
      }
    }
  }

  /**
   * A signed-in reader's page carried an ETag made of the folder's state and their name only: demoted from the
   * secretariat, they revalidated the page their browser kept and got 304, the secretariat's view kept. The ETag
   * now holds a digest of the rights that shape the view.
   */
  @Test
  void aDemotedReadersOldViewIsNotRevalidated() throws Exception {
    ArchiveFixture fixture = ArchiveFixture.create("demote", "FG Demote", groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, "demote", "open", true);
    fixture.publish("open", "Open plan", "open text");
    String clerk = "Bearer " + tokens.issue(fixture.clerk().id(), "cache").token();
    String folder = "/t/fg/demote/docs/open/in/";
    HttpResponse<String> asSecretariat = send("GET", folder, clerk, null);
    assertThat(asSecretariat.statusCode()).isEqualTo(200);
    String etag = asSecretariat.headers().firstValue("ETag").orElseThrow();
    accounts.setRoles(fixture.clerk().id(), java.util.Set.of());

    HttpResponse<String> demoted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + folder))
        .header("Authorization", clerk).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(demoted.statusCode()).as("the old view is not the reader's any more").isEqualTo(200);
    assertThat(demoted.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
  }

  private String token(String username) throws Exception {
    HttpResponse<String> issued = send("POST", "/api/v1/tokens", null,
        "{\"username\": \"" + username + "\", \"password\": \"" + username + "-demo\"}");
    return "Bearer " + JSON.readTree(issued.body()).get("token").asString();
  }

  private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
