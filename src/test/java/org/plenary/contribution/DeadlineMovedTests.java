package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A document's "late" follows the contributions deadline in force: moved before the document arrived, it
 * is late in the register and the incoming folder's listing; moved back, it is not. Over a real port, on H2
 * here and on PostgreSQL in {@link PostgresDeadlineMovedTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-deadline-moved;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class DeadlineMovedTests {

  private final HttpClient http = HttpClient.newHttpClient();
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  private DemoApi api;

  @Test
  void aDocumentIsLateOrNotAgainstTheDeadlineInForce() throws Exception {
    api = new DemoApi(http, port);
    String alice = api.token("alice");
    String tsb = api.token("tsb");
    String code = DemoMeetings.upcoming(groups, meetings);
    String number = api.allocate(alice, "On time, then not");
    HttpResponse<String> uploaded = api.upload(alice, number, number + ".txt", "words".getBytes(StandardCharsets.UTF_8));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(send("GET", "/api/v1/contributions/" + number, null, null).body()).contains("\"late\":false");

    moveDeadline(tsb, code, LocalDate.now().minusDays(1));
    assertThat(send("GET", "/api/v1/contributions/" + number, null, null).body())
        .contains("\"late\":true").doesNotContain("\"late\":false");
    assertThat(listed(number)).contains("\"late\":true");
    assertThat(send("GET", "/api/v1/groups/cloud/meetings/" + code + "/contributions", null, null).body()
        .replaceAll("(?s).*(\"number\":\"" + number + "\".*)", "$1")).contains("\"late\":true");

    moveDeadline(tsb, code, LocalDate.now().plusWeeks(7));
    assertThat(send("GET", "/api/v1/contributions/" + number, null, null).body())
        .contains("\"late\":false").doesNotContain("\"late\":true");
    assertThat(listed(number)).contains("\"late\":false");
  }

  /** A late exception for a withdrawn document is refused with a sentence: the number takes no file again. */
  @Test
  void aLateExceptionForAWithdrawnDocumentIsRefused() throws Exception {
    api = new DemoApi(http, port);
    String alice = api.token("alice");
    String tsb = api.token("tsb");
    String number = api.allocate(alice, "Withdrawn, then excused");
    assertThat(api.upload(alice, number, number + ".txt", "words".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/v1/contributions/" + number + "/publish", tsb, null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/contributions/" + number + "/withdraw", tsb, "{\"reason\": \"Duplicate\"}")
        .statusCode()).isEqualTo(200);

    HttpResponse<String> excused = send("POST", "/api/v1/contributions/" + number + "/late-exception", tsb, null);
    assertThat(excused.statusCode()).as(excused.body()).isEqualTo(409);
    assertThat(excused.body()).contains(number + " was withdrawn");
    assertThat(send("GET", "/api/v1/contributions/" + number + "/audit", tsb, null).body()).doesNotContain("LATE_EXCEPTION");
  }

  private void moveDeadline(String token, String code, LocalDate day) throws Exception {
    String path = "/api/v1/groups/cloud/meetings/" + code;
    String meeting = send("GET", path, null, null).body();
    HttpResponse<String> put = send("PUT", path, token,
        "{\"contributionDeadline\": \"" + day + "T12:00:00\", " + meeting.substring(1));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  /** The incoming folder's JSON row of the number's file. */
  private String listed(String number) throws Exception {
    HttpResponse<String> listing = http.send(HttpRequest.newBuilder(api.url("/t/fg/cloud/docs/incoming/"))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(listing.statusCode()).isEqualTo(200);
    return listing.body().replaceAll("(?s).*(\\{[^{}]*\"number\":\"" + number + "\"[^{}]*\\}).*", "$1");
  }

  private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    var request = HttpRequest.newBuilder(api.url(path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
