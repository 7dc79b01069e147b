package org.plenary.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.FormClient;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.contribution.DemoApi;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The meeting's participant list as CSV ({@code /groups/{slug}/meetings/{code}/participants.csv}), over a real port
 * with a signed-in browser session: its columns, one row for each registration of that meeting (none of another), for
 * the secretariat and the group's management only (a participant is refused and given no row, a stranger is sent to
 * sign in), its ETag made before a row is written: the same reader asking again with it gets a 304, a registration
 * added or another language moves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=19347",
    "spring.datasource.url=jdbc:h2:mem:plenary-participants-csv;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
class ParticipantsCsvTests {

  private static final String COLUMNS =
      "registration,number,status,name,email,organization,category,country,function,first_time,attendance";

  @LocalServerPort int port;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void listsTheMeetingsRegistrationsToItsManagersOnlyWithColumnsAndATagKnownBeforeARowIsWritten() throws Exception {
    meetings.schedule("cloud", draft("pc-list"));
    meetings.schedule("cloud", draft("pc-other"));
    register("alice", "pc-list", "Alice Listed");
    register("bob", "pc-list", "Bob Listed");
    register("bob", "pc-other", "Bob Elsewhere");
    var forms = new FormClient(port);
    String path = "/groups/cloud/meetings/pc-list/participants.csv";

    HttpClient tsb = forms.signedIn("tsb");
    HttpResponse<String> csv = forms.page(tsb, path);
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    List<String> lines = Arrays.asList(csv.body().split("\r\n"));
    assertThat(lines.getFirst()).isEqualTo(COLUMNS);
    assertThat(lines).hasSize(3);
    String orange = organizations.get(accounts.find("alice").orElseThrow().organizationId()).name();
    String alices = accounts.find("alice").orElseThrow().email();
    String bobs = accounts.find("bob").orElseThrow().email();
    assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(11))
        .anySatisfy(line -> assertThat(line).contains("Alice Listed", alices, orange, "SUBMITTED"))
        .anySatisfy(line -> assertThat(line).contains("Bob Listed", bobs))
        .noneSatisfy(line -> assertThat(line).contains("Bob Elsewhere"));
    assertThat(forms.page(forms.signedIn("chair"), path).body()).as("the group's management")
        .contains("Alice Listed", "Bob Listed").doesNotContain("Bob Elsewhere");

    HttpResponse<String> participant = forms.page(forms.signedIn("alice"), path);
    assertThat(participant.statusCode()).isEqualTo(403);
    assertThat(participant.body()).doesNotContain(bobs).doesNotContain(COLUMNS);
    HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stranger.statusCode()).isNotEqualTo(200);
    assertThat(stranger.body()).doesNotContain(bobs);

    String tag = csv.headers().firstValue("ETag").orElseThrow();
    assertThat(tag).startsWith("\"f");
    assertThat(conditional(tsb, path, tag).statusCode()).as("the same reader again with its tag").isEqualTo(304);
    HttpResponse<String> french = forms.page(tsb, path + "?lang=fr");
    assertThat(french.body().split("\r\n")[0]).isNotEqualTo(COLUMNS);
    assertThat(french.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
    accounts.create(new org.plenary.account.NewAccount("pclate", "pclate@example.org", "Late Person",
        accounts.find("alice").orElseThrow().organizationId(), "FR", java.util.Set.of()), "pclate-demo", false);
    register("pclate", "pc-list", "Late Listed");
    HttpResponse<String> after = conditional(tsb, path, tag);
    assertThat(after.statusCode()).as("after a registration, asked with the tag before").isEqualTo(200);
    assertThat(after.body()).contains("Late Listed");
    assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
  }

  private HttpResponse<String> conditional(HttpClient client, String path, String tag) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void register(String username, String code, String fullName) throws Exception {
    var api = new DemoApi(http, port);
    var organization = accounts.find(username).orElseThrow().organizationId();
    HttpResponse<String> made = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud/meetings/" + code
            + "/registrations")).header("Authorization", "Bearer " + api.token(username))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"fullName\": \""
            + fullName + "\", \"email\": \"" + username + "@example.org\", \"organizationId\": "
            + (organization == null ? "null" : organization.value()) + ", \"countryCode\": \"FR\","
            + " \"attendance\": \"IN_PERSON\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
  }

  private static MeetingDraft draft(String code) {
    LocalDate start = LocalDate.now().plusDays(120);
    return new MeetingDraft(code, start, start.plusDays(1), "Europe/Zurich", "Geneva", null, "gva", null, null, null,
        null, "English", false, true, null, null, start.minusDays(10).atTime(23, 59), null, LatePolicy.FLAG, List.of(),
        List.of());
  }
}
