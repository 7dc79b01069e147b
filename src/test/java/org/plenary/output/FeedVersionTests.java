package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.DemoApi;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;

/**
 * The feeds and exports readers poll are tagged from what they are written from ({@code shared.FeedTag}, a tag
 * {@code "f…-<language>"}), before a line is written: a poll naming the tag is a 304, and each kind of thing a feed
 * shows, changed, moves its tag (a tag made from a version that missed one would keep a poller on the old body). Two
 * languages are two tags. Real HTTP, one node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-feed-versions;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
class FeedVersionTests {

  @LocalServerPort int port;
  @Autowired MeetingCatalog meetings;
  @Autowired TermDesk terms;
  @Autowired DeliverableDesk deliverables;
  @Autowired LivingListDesk livingList;
  @Autowired org.plenary.contribution.OutputDesk outputs;
  @Autowired UserDetailsService users;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theDocumentsFeedAndCsvMoveWithEachContributionTheMeetingAndTheLanguage() throws Exception {
    var api = new DemoApi(http, port);
    meetings.schedule("cloud", draft("fv-docs", LocalDate.now().plusDays(200)));
    String tsb = api.token("tsb");
    for (String path : List.of("/groups/cloud/meetings/fv-docs/documents.atom",
        "/groups/cloud/meetings/fv-docs/documents.csv")) {
      String before = tag(path, "en", null);
      assertThat(tag(path, "fr", null)).as("%s in French", path).isNotEqualTo(before);
      String allocated = publishable(api, tsb, "fv-docs", "Allocated, nothing sent");
      String allocation = moved(path, "en", null, before, "a number allocated");
      assertThat(api.upload(tsb, allocated, allocated + ".docx", "Body\n".repeat(40).getBytes(StandardCharsets.UTF_8))
          .statusCode()).isEqualTo(201);
      var published = http.send(HttpRequest.newBuilder(api.url("/api/v1/contributions/" + allocated + "/publish"))
          .header("Authorization", "Bearer " + tsb).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
      String publication = moved(path, "en", null, allocation, "a publication");
      var moving = draft("fv-docs", LocalDate.now().plusDays(200));
      meetings.update("cloud", "fv-docs", new MeetingDraft("fv-docs", moving.startDate(), moving.endDate(),
          path.endsWith(".csv") ? "America/New_York" : "Asia/Tokyo", "Moved " + path.length(), null, "gva", null, null,
          null, null, "English", false, true, null, null, moving.contributionDeadline(), null, LatePolicy.FLAG,
          List.of(), List.of()));
      moved(path, "en", null, publication, "the meeting's zone and venue");
    }
  }

  @Test
  void theTermsCsvMovesWithATermItsTranslationAndItsAgreeingMeetingsCode() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    String path = "/api/v1/groups/cloud/terms.csv";
    String before = tag(path, "en", null);
    assertThat(tag(path + "?lang=fr", "en", null)).as("in French").isNotEqualTo(before);
    var term = terms.propose("cloud", new TermDesk.TermDraft("fv_term", "A term of the feed tests.", null, null,
        null), tsb);
    String proposed = moved(path, "en", null, before, "a term proposed");
    terms.translate("cloud", term.id(), "fr", "terme_fv", "Un terme.", tsb);
    String translated = moved(path, "en", null, proposed, "a translation");
    meetings.schedule("cloud", draft("fv-held", LocalDate.now().minusDays(3)));
    terms.agree("cloud", term.id(), "fv-held", tsb);
    String agreed = moved(path, "en", null, translated, "an agreement");
    var held = draft("fv-held", LocalDate.now().minusDays(3));
    meetings.update("cloud", "fv-held", new MeetingDraft("fv-held-2", held.startDate(), held.endDate(),
        held.timeZone(), held.venueName(), null, "gva", null, null, null, null, "English", false, true, null, null, null,
        null, LatePolicy.FLAG, List.of(), List.of()));
    moved(path, "en", null, agreed, "its agreeing meeting renamed");
  }

  @Test
  void theDeliverablesFeedAndTheLivingListCsvMoveWithTheirChanges() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    String feed = "/groups/cloud/deliverables.atom";
    String before = tag(feed, "en", null);
    assertThat(tag(feed, "fr", null)).as("in French").isNotEqualTo(before);
    deliverables.create("cloud", "Feed version TR", DeliverableKind.TECHNICAL_REPORT, null, List.of(), tsb);
    moved(feed, "en", null, before, "a deliverable created");

    String list = "/api/v1/groups/cloud/living-list.csv";
    String listed = tag(list, "en", null);
    assertThat(tag(list + "?lang=fr", "en", null)).as("in French").isNotEqualTo(listed);
    var entry = livingList.save("cloud", null, new LivingListDesk.EntryDraft("FV Org", "FV group", null, null, null,
        null, null), tsb);
    String added = moved(list, "en", null, listed, "an entry added");
    livingList.save("cloud", entry.id(), new LivingListDesk.EntryDraft("FV Org", "FV group renamed", null, null, null,
        null, null), tsb);
    String edited = moved(list, "en", null, added, "an entry edited");
    livingList.remove("cloud", entry.id(), tsb);
    moved(list, "en", null, edited, "an entry removed");
  }

  /**
   * The deliverables' feed and the living list's CSV are written for their reader: an output document of a meeting
   * whose documents are for participants only is named to a signed-in reader and left out for a stranger. Each has
   * its own tag, so neither is served the other's body on a poll: the reader who sees more gets another tag, the same
   * reader asking twice a 304, and the stranger naming the signed-in reader's tag the body (200).
   */
  @Test
  void theDeliverablesFeedAndTheLivingListCsvAreTaggedForWhatTheirReaderMayRead() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    LocalDate start = LocalDate.now().plusDays(220);
    var closed = draft("fv-closed", start);
    meetings.schedule("cloud", new MeetingDraft("fv-closed", closed.startDate(), closed.endDate(), closed.timeZone(),
        closed.venueName(), null, "gva", null, null, null, null, "English", false, false, null, null,
        closed.contributionDeadline(), null, LatePolicy.FLAG, List.of(), List.of()));
    var output = outputs.allocate("cloud", "fv-closed", new org.plenary.contribution.OutputAllocation("Closed draft",
        null, org.plenary.contribution.OutputType.DELIVERABLE_DRAFT, List.of(), List.of()), tsb);
    var deliverable = deliverables.create("cloud", "Closed TR", DeliverableKind.TECHNICAL_REPORT, null, List.of(), tsb);
    deliverables.addVersion("cloud", deliverable.id(), output.number(), tsb);
    livingList.save("cloud", null, new LivingListDesk.EntryDraft("FV Closed Org", "FV closed group", null, null, null,
        null, output.number()), tsb);

    HttpClient member = new org.plenary.FormClient(port).signedIn("alice");
    String feed = "/groups/cloud/deliverables.atom";
    String strangers = tag(feed, "en", null);
    String members = tag(member, feed);
    assertThat(members).as("the feed of a reader who may read the output").isNotEqualTo(strangers);
    assertThat(fetched(member, feed).body()).contains(output.number());
    assertThat(get(feed, "en", null, members).statusCode()).as("a stranger naming the member's tag").isEqualTo(200);
    assertThat(get(feed, "en", null, members).body()).doesNotContain(output.number());

    String list = "/api/v1/groups/cloud/living-list.csv";
    String token = new DemoApi(http, port).token("alice");
    String strangersList = tag(list, "en", null);
    String membersList = tag(list, "en", token);
    assertThat(membersList).as("the list of a reader who may read the liaison statement").isNotEqualTo(strangersList);
    assertThat(get(list, "en", token, null).body()).contains(output.number());
    HttpResponse<String> strangerWithMembersTag = get(list, "en", null, membersList);
    assertThat(strangerWithMembersTag.statusCode()).isEqualTo(200);
    assertThat(strangerWithMembersTag.body()).doesNotContain(output.number());
  }

  /** The path's tag as the signed-in browser {@code client} reads it, then a 304 naming it. */
  private String tag(HttpClient client, String path) throws Exception {
    var answer = fetched(client, path);
    assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
    String tag = answer.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
    assertThat(client.send(HttpRequest.newBuilder(page(path)).header("Accept-Language", "en")
        .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("%s asked again by the same reader with %s", path, tag).isEqualTo(304);
    return tag;
  }

  private HttpResponse<String> fetched(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(page(path)).header("Accept-Language", "en").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The path on the host a {@link org.plenary.FormClient} session's cookie is for. */
  private java.net.URI page(String path) {
    return java.net.URI.create("http://localhost:" + port + path);
  }

  /** The path's tag as a reader ({@code token}, or anonymous) in {@code language} reads it, then a 304 naming it. */
  private String tag(String path, String language, String token) throws Exception {
    var answer = get(path, language, token, null);
    assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
    String tag = answer.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
    assertThat(tag).as("%s: a tag made before the body is written", path).startsWith("\"f").endsWith("-" + language + "\"");
    assertThat(get(path, language, token, tag).statusCode()).as("%s asked again with %s", path, tag).isEqualTo(304);
    return tag;
  }

  /** The path's tag now, after {@code change}: another than {@code before}, which gets a 200. */
  private String moved(String path, String language, String token, String before, String change) throws Exception {
    assertThat(get(path, language, token, before).statusCode()).as("%s after %s, asked with %s", path, change, before)
        .isEqualTo(200);
    String now = tag(path, language, token);
    assertThat(now).as("%s after %s", path, change).isNotEqualTo(before);
    return now;
  }

  private HttpResponse<String> get(String path, String language, String token, String tag) throws Exception {
    var asked = HttpRequest.newBuilder(new DemoApi(http, port).url(path)).header("Accept-Language", language);
    if (token != null) {
      asked.header("Authorization", "Bearer " + token);
    }
    if (tag != null) {
      asked.header("If-None-Match", tag);
    }
    return http.send(asked.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A number of the meeting allocated by the secretariat, nothing sent yet. */
  private String publishable(DemoApi api, String token, String code, String title) throws Exception {
    var allocated = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud/meetings/" + code + "/contributions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"source\":\"Tester\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    return DemoApi.field(allocated.body(), "number");
  }

  private static MeetingDraft draft(String code, LocalDate start) {
    return new MeetingDraft(code, start, start.plusDays(1), "Europe/Zurich", "Geneva", null, "gva", null, null, null,
        null, "English", false, true, null, null, start.isAfter(LocalDate.now()) ? start.minusDays(10).atTime(23, 59)
        : null, null, LatePolicy.FLAG, List.of(), List.of());
  }
}
