package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.output.Deliverable;
import org.plenary.output.DeliverableDesk;
import org.plenary.output.DeliverableKind;
import org.plenary.output.LivingListDesk;
import org.plenary.output.LivingListEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a reader may not see leaves no trace in the cursors, counters and versions they get: a private meeting's
 * documents published, replaced and withdrawn, and a deliverable's version added from a private meeting's output,
 * leave every answer a signed-out visitor gets — bodies, cursors, `Link`, `ETag` and every other header but `Date`
 * — byte for byte as it was, while a signed-in participant's answers move. Real port, java.net.http.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-hidden;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-hidden-${random.uuid}"})
class HiddenActivityAttackTests {

  static final String CHANGES = "/api/v1/groups/pquiet/changes";

  @LocalServerPort int port;
  @Autowired ContributionDesk desk;
  @Autowired OutputDesk outputs;
  @Autowired DeliverableDesk deliverables;
  @Autowired LivingListDesk livingList;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void privateActivityMovesNoCursorCounterVersionNorHeaderAStrangerGetsAndMovesAMembers() throws Exception {
    Instant before = Instant.now().minusSeconds(60);
    ArchiveFixture f = ArchiveFixture.create("pquiet", "FG Quiet", groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, "pquiet", "open", true);
    ArchiveFixture.meeting(meetings, "pquiet", "hush", false);
    String openFirst = f.publish("open", "Open first", "open first");
    String hushedFirst = f.publish("hush", "Hushed first", "hushed first");
    f.publish("open", "Open second", "open second");
    Deliverable d = deliverables.create("pquiet", "Quiet report", DeliverableKind.TECHNICAL_REPORT, null, List.of(),
        f.clerk());
    deliverables.addVersion("pquiet", d.id(), output("open", "Open draft", f), f.clerk());
    deliverables.addVersion("pquiet", d.id(), output("hush", "Hushed draft", f), f.clerk());
    deliverables.addVersion("pquiet", d.id(), output("open", "Open draft two", f), f.clerk());
    livingList.save("pquiet", null, entry("ETSI", openFirst), f.clerk());
    LivingListEntry named = livingList.save("pquiet", null, entry("IEEE", openFirst + " " + hushedFirst), f.clerk());
    String member = "Bearer " + tokens.issue(accounts.find("pquiet-author").orElseThrow().id(), "test").token();
    String deliverable = "/api/v1/groups/pquiet/deliverables/" + d.id();

    String all = get(CHANGES + "?since=0", null).body();
    assertThat(all).as("a visible change's cursor names its meeting, folder and version: no gap counts the hidden one")
        .contains("\"cursor\":\"open/in/1\"", "\"cursor\":\"open/in/2\"", "\"next\":\"open/in/2\"")
        .doesNotContain("hush", "Hushed");
    assertThat(get(CHANGES + "?since=0&limit=1", null).headers().firstValue("Link").orElseThrow())
        .contains("since=open/in/1");
    assertThat(get(deliverable, null).body()).as("the versions shown are numbered among themselves")
        .contains("{\"version\":1,", "{\"version\":2,").doesNotContain("{\"version\":3,");
    List<String> asked = List.of(CHANGES, CHANGES + "?since=0", CHANGES + "?since=0&limit=1",
        CHANGES + "?since=open/in/1", CHANGES + "?since=open/in/2", CHANGES + "?since=" + before,
        CHANGES + "?since=" + Instant.now().plusSeconds(3600), CHANGES + "?since=hush/in/1",
        "/api/v1/groups/pquiet/deliverables", deliverable, "/api/v1/groups/pquiet/milestones",
        "/groups/pquiet/deliverables.atom", "/api/v1/groups/pquiet/living-list",
        "/api/v1/groups/pquiet/living-list.csv?lang=en", "/groups/pquiet", "/groups/pquiet/deliverables",
        "/groups/pquiet/deliverables/" + d.id(), "/groups/pquiet/living-list");
    Map<String, String> stranger = answers(asked, null);
    assertThat(stranger).allSatisfy((path, answer) -> assertThat(answer)
        .as(path).startsWith(path.endsWith("hush/in/1") ? "400\n" : "200\n"));
    Map<String, String> participant = answers(asked, member);

    String hushed = f.publish("hush", "Hushed second", "hushed second");
    stranger = unchangedForStrangerMovedForMember("a private document published", asked, stranger, participant, member);
    participant = answers(asked, member);
    f.revise(hushed, 1, "hushed second, replaced");
    stranger = unchangedForStrangerMovedForMember("a private document replaced", asked, stranger, participant, member);
    participant = answers(asked, member);
    f.withdraw(hushed);
    stranger = unchangedForStrangerMovedForMember("a private document withdrawn", asked, stranger, participant, member);
    participant = answers(asked, member);
    String hushedDraft = output("hush", "Hushed draft two", f);
    deliverables.addVersion("pquiet", d.id(), hushedDraft, f.clerk());
    stranger = unchangedForStrangerMovedForMember("a deliverable's version from a private output", asked, stranger,
        participant, member);
    participant = answers(asked, member);
    livingList.save("pquiet", named.id(), entry("IEEE", openFirst + " " + hushedFirst + " " + hushedDraft), f.clerk());
    unchangedForStrangerMovedForMember("a private liaison statement named on the living list", asked, stranger,
        participant, member);

    f.publish("open", "Open third", "open third");
    assertThat(get(CHANGES + "?since=open/in/2", null).body()).as("a change the stranger may see moves theirs")
        .contains("\"next\":\"open/in/3\"");
  }

  @Test
  void aCursorOfAPrivateChangeIsToAStrangerACursorThatNamesNothing() throws Exception {
    ArchiveFixture f = ArchiveFixture.create("pprobe", "FG Probe", groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, "pprobe", "hush", false);
    f.publish("hush", "Hushed", "hushed probe");
    String member = "Bearer " + tokens.issue(accounts.find("pprobe-author").orElseThrow().id(), "test").token();
    String base = "/api/v1/groups/pprobe/changes?since=";
    assertThat(get(base + "hush/in/1", member).statusCode()).isEqualTo(200);
    HttpResponse<String> hidden = get(base + "hush/in/1", null);
    assertThat(hidden.statusCode()).isEqualTo(400);
    for (String never : List.of("hush/in/9", "gone/in/1", "1")) {
      HttpResponse<String> answer = get(base + never, null);
      assertThat(answer.statusCode()).as(never).isEqualTo(400);
      assertThat(answer.body()).as(never).isEqualTo(hidden.body());
    }
    assertThat(get("/api/v1/groups/pnone/changes?since=hush/in/1", null).statusCode()).as("no such group")
        .isEqualTo(404);
  }

  private static LivingListDesk.EntryDraft entry(String organization, String liaisons) {
    return new LivingListDesk.EntryDraft(organization, null, null, "Cloud", null, null, liaisons);
  }

  private String output(String code, String title, ArchiveFixture f) {
    return outputs.allocate("pquiet", code, new OutputAllocation(title, null, OutputType.MEETING_REPORT, List.of(),
        List.of()), f.clerk()).number();
  }

  private Map<String, String> unchangedForStrangerMovedForMember(String what, List<String> asked,
      Map<String, String> stranger, Map<String, String> participant, String member) throws Exception {
    Map<String, String> now = answers(asked, null);
    for (String path : asked) {
      assertThat(now.get(path)).as(what + ": " + path + " to a stranger").isEqualTo(stranger.get(path));
    }
    assertThat(answers(asked, member)).as(what + ": the participant's answers").isNotEqualTo(participant);
    return now;
  }

  /** Each path's status, headers but Date, and body, as one text. */
  private Map<String, String> answers(List<String> paths, String bearer) throws Exception {
    var answers = new LinkedHashMap<String, String>();
    for (String path : paths) {
      HttpResponse<String> answer = get(path, bearer);
      var headers = new TreeMap<>(answer.headers().map());
      headers.remove("date");
      answers.put(path, answer.statusCode() + "\n" + headers + "\n" + answer.body());
    }
    return answers;
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept-Language", "en");
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
