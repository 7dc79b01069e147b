package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A client following the register's {@code Link: rel="next"} while numbers are allocated gets every
 * number once: an output numbered after the pages passed a higher input number (the two series are
 * numbered apart) comes on a later page instead of being skipped. Over a real port, on H2 here and on
 * PostgreSQL in {@link PostgresRegisterPagingRaceTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-register-paging-race;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class RegisterPagingRaceTests {

  private final HttpClient http = HttpClient.newHttpClient();
  @LocalServerPort int port;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;

  private String code;
  private String register;

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    code = DemoMeetings.upcoming(groups, meetings);
    register = "/api/v1/groups/cloud/meetings/" + code + "/contributions";
  }

  @Test
  void numbersAllocatedBetweenPagesAreListedOnceAndNoneIsSkipped() throws Exception {
    DemoApi api = new DemoApi(http, port);
    String alice = api.token("alice");
    String chair = api.token("chair");
    int output = sequence(allocateOutput(api, chair, "Before paging"));
    String input;
    do {
      input = api.allocate(alice, "Paged input");
    } while (sequence(input) <= output + 6);

    List<String> paged = new ArrayList<>();
    String next = register + "?limit=2";
    // Read until the pages are past the next output's number in the input series, with more to come.
    while (next != null && (paged.isEmpty() || !paged.getLast().contains("-I-")
        || sequence(paged.getLast()) <= output + 1)) {
      next = page(api, next, paged);
    }
    assertThat(next).as("the pages went past the next output's number before the last page").isNotNull();
    String lateOutput = allocateOutput(api, chair, "Numbered while paging");
    assertThat(sequence(lateOutput)).isLessThan(sequence(paged.getLast()));
    String lateInput = api.allocate(alice, "Allocated while paging");
    while (next != null) {
      next = page(api, next, paged);
    }

    List<String> whole = numbers(send(api, register).body());
    assertThat(paged).doesNotHaveDuplicates().contains(lateOutput, lateInput);
    assertThat(new HashSet<>(paged)).isEqualTo(new HashSet<>(whole));
  }

  @Test
  void aCursorNoPageHandedOutIsRefusedNamingIt() throws Exception {
    DemoApi api = new DemoApi(http, port);
    String alice = api.token("alice");
    for (int i = 0; i < 3; i++) {
      api.allocate(alice, "Cursor " + i);
    }
    HttpResponse<String> refused = send(api, register + "?limit=2&cursor=FG-Cloud-I-0001");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("cursor");
    HttpResponse<String> legacy = send(api, register + "?limit=1&after=" + numbers(send(api, register).body()).getFirst());
    assertThat(legacy.statusCode()).isEqualTo(200);
    assertThat(legacy.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("cursor="));
  }

  private String page(DemoApi api, String path, List<String> paged) throws Exception {
    HttpResponse<String> page = send(api, path);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    paged.addAll(numbers(page.body()));
    return page.headers().firstValue("Link").map(l -> l.replaceAll("^<([^>]+)>; rel=\"next\"$", "$1")).orElse(null);
  }

  private HttpResponse<String> send(DemoApi api, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(api.url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String allocateOutput(DemoApi api, String token, String title) throws Exception {
    HttpResponse<String> made = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud/meetings/" + code
            + "/outputs")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"type\":\"LIAISON_STATEMENT\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return DemoApi.field(made.body(), "number");
  }

  private static int sequence(String number) {
    return Integer.parseInt(number.substring(number.lastIndexOf('-') + 1));
  }

  private static List<String> numbers(String json) {
    return JsonPath.read(json, "$[*].number");
  }
}
