package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The matrices send every write an empty body ({@code {}}), which most operations refuse for its shape (400)
 * before they ask who is writing: a write that checked its reader only after the body was valid would pass them.
 * Here each of a group's writes gets a body it takes, from readers who may not make it: a stranger, a colleague,
 * a focal point, no one, and the chair of FG Cloud on another group's things (FG FN). Each is refused (401, 403 or
 * 404) and nothing of either group changes, as the secretariat reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-valid-bodies;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-valid-bodies-${random.uuid}"})
@ActiveProfiles("demo")
class ValidBodyWriteAttackTests {

  private static final String FN_MEETING = "vbfn";

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;

  @Test
  void aGroupsWritesWithBodiesTheyTakeAreRefusedToWhoeverMayNotMakeThemAndChangeNothing() throws Exception {
    var fixture = new MatrixFixture(port, accounts, organizations, tokens, groups, meetings);
    String stranger = fixture.stranger();
    ArchiveFixture.meeting(meetings, "fn", FN_MEETING, true);
    Map<String, String> meetingOf = Map.of("cloud", fixture.meeting, "fn", FN_MEETING);
    Map<String, String> before = state(fixture, meetingOf);
    var soft = new SoftAssertions();
    for (String reader : List.of("anonymous", stranger, "bob", "focal", "chair")) {
      for (String slug : reader.equals("chair") ? List.of("fn") : List.of("cloud", "fn")) {
        String authorization = reader.equals("anonymous") ? null : fixture.bearer(reader);
        for (Map.Entry<String, String> write : writes(fixture, slug, meetingOf.get(slug)).entrySet()) {
          String[] call = write.getKey().split(" ", 2);
          HttpResponse<String> answer = fixture.send(call[0], call[1], authorization, write.getValue());
          soft.assertThat(answer.statusCode()).as(write.getKey() + " as " + reader + " -> " + answer.body())
              .isIn(401, 403, 404);
        }
      }
    }
    soft.assertThat(state(fixture, meetingOf)).as("both groups as the secretariat reads them").isEqualTo(before);
    // The same bodies from the secretariat are taken: the readers above were refused for who they are, not for a body.
    for (Map.Entry<String, String> write : writes(fixture, "cloud", fixture.meeting).entrySet()) {
      String[] call = write.getKey().split(" ", 2);
      HttpResponse<String> answer = fixture.send(call[0], call[1], fixture.bearer("tsb"), write.getValue());
      soft.assertThat(answer.statusCode()).as(write.getKey() + " as tsb -> " + answer.body()).isBetween(200, 299);
    }
    soft.assertAll();
  }

  /** Each write of the group with a body it takes; the group's and its meeting's PUT with what their GET answers (first). */
  private static Map<String, String> writes(MatrixFixture fixture, String slug, String code) throws Exception {
    String group = "/api/v1/groups/" + slug;
    String meeting = group + "/meetings/" + code;
    var writes = new LinkedHashMap<String, String>();
    // The PUTs first, with the versions their GETs answer: the other writes may move a version on.
    writes.put("PUT " + group, fixture.send("GET", group, fixture.bearer("tsb"), null).body()
        .replace("\"name\":\"", "\"name\":\"Validbody "));
    writes.put("PUT " + meeting, fixture.send("GET", meeting, fixture.bearer("tsb"), null).body()
        .replace("\"venueName\":\"", "\"venueName\":\"Validbody "));
    writes.put("POST " + group + "/terms", "{\"term\": \"Validbody term\", \"definition\": \"Planted by a reader.\"}");
    writes.put("POST " + group + "/living-list", "{\"organization\": \"Validbody organization\"}");
    writes.put("POST " + group + "/deliverables", "{\"kind\": \"GUIDELINE\", \"title\": \"Validbody deliverable\"}");
    writes.put("POST " + group + "/meetings", """
        {"code": "9901-vb", "startDate": "2031-05-01", "endDate": "2031-05-02", "timeZone": "UTC",
         "venueName": "Validbody venue", "venueCode": "vb", "languages": "English", "latePolicy": "FLAG"}""");
    writes.put("POST " + meeting + "/outputs", "{\"title\": \"Validbody output\", \"type\": \"MEETING_REPORT\"}");
    writes.put("POST " + meeting + "/circulars", "{\"number\": \"991\", \"dated\": \"2031-01-05\", \"signatory\": \"Validbody\"}");
    return writes;
  }

  private static Map<String, String> state(MatrixFixture fixture, Map<String, String> meetingOf) throws Exception {
    var state = new LinkedHashMap<String, String>();
    for (var group : meetingOf.entrySet()) {
      String path = "/api/v1/groups/" + group.getKey();
      for (String read : List.of("", "/terms", "/living-list", "/deliverables", "/meetings",
          "/meetings/" + group.getValue() + "/outputs", "/meetings/" + group.getValue() + "/circulars")) {
        HttpResponse<String> answer = fixture.send("GET", path + read, fixture.bearer("tsb"), null);
        assertThat(answer.statusCode()).as(path + read).isEqualTo(200);
        state.put(path + read, answer.body());
      }
    }
    return state;
  }
}
