package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every view with a validator follows the data it shows: after a change (a publication, a withdrawal, the
 * meeting's zone, venue or dates), its ETag is another and a conditional GET with the old one gets 200 and
 * the new content, never a 304 that keeps a reader on what is no longer true. Real HTTP, one node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-export-freshness;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
class ExportFreshnessTests {

  @LocalServerPort int port;
  @Autowired MeetingCatalog meetings;
  final HttpClient http = HttpClient.newHttpClient();

  /** A view as it was read: its ETag and body. */
  record Seen(String path, String accept, String etag, String body) {}

  @Test
  void folderViewsFollowEachPublicationAndWithdrawal() throws Exception {
    var api = new DemoApi(http, port);
    meetings.schedule("cloud", draft("fresh-pub", "Geneva", "Europe/Zurich"));
    String alice = api.token("alice");
    String tsb = api.token("tsb");
    String first = publish(api, alice, tsb, "fresh-pub", "The first");
    String in = "/t/fg/cloud/docs/fresh-pub/in/";
    var views = List.of(seen(in, "application/json"), seen(in, "text/html"), seen(in + "MANIFEST.json", "*/*"),
        seen("/t/fg/cloud/docs/fresh-pub/in.zip", "*/*"));

    String second = publish(api, alice, tsb, "fresh-pub", "The second");
    for (Seen before : views) {
      Seen after = changed(before);
      if (!before.path().endsWith(".zip")) {
        assertThat(after.body()).as(before.path() + " " + before.accept()).contains(second + ".docx");
      }
    }

    var withdrawn = http.send(HttpRequest.newBuilder(api.url("/api/v1/contributions/" + first + "/withdraw"))
        .header("Authorization", "Bearer " + tsb).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    // MANIFEST.json names it under "withdrawn" (the walk checks its "files"); the ZIP's entries are the walk's.
    for (Seen before : List.of(seen(in, "application/json"), seen(in, "text/html"))) {
      assertThat(before.body()).as("%s %s shows no withdrawn file", before.path(), before.accept())
          .doesNotContain("\"" + first + ".docx\"", ">" + first + ".docx<");
    }
    for (Seen before : views) {
      changed(before);
    }
  }

  @Test
  void theFolderPageAndTheMeetingFollowTheMeetingsZoneVenueAndDates() throws Exception {
    var api = new DemoApi(http, port);
    meetings.schedule("cloud", draft("fresh-zone", "Geneva", "Europe/Zurich"));
    publish(api, api.token("alice"), api.token("tsb"), "fresh-zone", "Shown in the meeting's zone");
    String in = "/t/fg/cloud/docs/fresh-zone/in/";
    var page = seen(in, "text/html");
    var meeting = seen("/api/v1/groups/cloud/meetings/fresh-zone", "application/json");
    assertThat(page.body()).containsAnyOf("CET", "CEST");

    meetings.update("cloud", "fresh-zone", draft("fresh-zone", "Geneva", "America/New_York"));
    assertThat(changed(page).body()).as("the listing's times in the meeting's new zone").containsAnyOf("EST", "EDT")
        .doesNotContain(" CET", "CEST");
    meeting = changed(meeting);
    assertThat(meeting.body()).contains("America/New_York");

    var moved = draft("fresh-zone", "Palais des Nations", "America/New_York");
    meetings.update("cloud", "fresh-zone", new MeetingDraft("fresh-zone", moved.startDate().plusDays(7),
        moved.endDate().plusDays(7), moved.timeZone(), moved.venueName(), null, "gva", null, null, null, null, "English",
        false, true, null, null, moved.contributionDeadline(), null, LatePolicy.FLAG, List.of(), List.of()));
    assertThat(changed(meeting).body()).contains("Palais des Nations", moved.startDate().plusDays(7).toString());
  }

  @Test
  void theGroupFollowsItsFirstMeetingMovedWhichStartsItsLifetime() throws Exception {
    var group = seen("/api/v1/groups/cloud", "application/json");
    var lifetime = seen("/api/v1/groups/cloud/lifetime", "application/json");
    assertThat(group.body()).contains("\"startsOn\":\"2010-06-14\"");
    assertThat(lifetime.body()).contains("\"startsOn\":\"2010-06-14\"");
    var first = meetings.get("cloud", "1006-gva");
    meetings.update("cloud", "1006-gva", new MeetingDraft("1006-gva", first.startDate().minusDays(7),
        first.endDate().minusDays(7), first.timeZone().getId(), first.venueName(), first.venueAddress(), first.venueCode(),
        first.openingTime(), first.deskOpensAt(), first.deskPlace(), first.fee(), first.languages(), first.paperless(),
        first.documentsPublic(), first.practicalInfo(), null, null, null, first.latePolicy(), first.collocated(),
        first.hotels()));
    assertThat(changed(group).body()).as("the lifetime runs from the first meeting's new start")
        .contains("\"startsOn\":\"2010-06-07\"");
    assertThat(changed(lifetime).body()).as("the lifetime resource starts on the first meeting's new start too")
        .contains("\"startsOn\":\"2010-06-07\"");
  }

  @Test
  void theLifetimeFollowsTheMonthsOfItsTermsAndRefusesAnExtensionDecidedOnTheOldEnd() throws Exception {
    var api = new DemoApi(http, port);
    String tsb = api.token("tsb");
    var lifetime = seen("/api/v1/groups/cloud/lifetime", "application/json");
    String endsOn = DemoApi.field(lifetime.body(), "endsOn");

    var group = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud")).header("Authorization", "Bearer " + tsb)
        .build(), HttpResponse.BodyHandlers.ofString());
    var months = java.util.regex.Pattern.compile("\"lifetime\":\\{\"months\":(\\d+)").matcher(group.body());
    assertThat(months.find()).as(group.body()).isTrue();
    int longer = Integer.parseInt(months.group(1)) + 6;
    var put = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud")).header("Authorization", "Bearer " + tsb)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(months.replaceFirst("\"lifetime\":{\"months\":" + longer)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    var now = changed(lifetime);
    String later = LocalDate.parse(endsOn).plusDays(1).plusMonths(6).minusDays(1).toString();
    assertThat(now.body()).as("the lifetime ends six months later").contains("\"endsOn\":\"" + later + "\"");
    var extension = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud/lifetime-extensions"))
        .header("Authorization", "Bearer " + tsb).header("Content-Type", "application/json")
        .header("If-Match", lifetime.etag())
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"months\": 6, \"decidedBy\": \"TSAG, TD 789\", \"decidedOn\": \"2011-03-01\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(extension.statusCode()).as("an extension decided on the end read before: %s", extension.body())
        .isEqualTo(412);
    assertThat(extension.body()).contains("lifetime changed since you opened the page");
    assertThat(seen("/api/v1/groups/cloud/lifetime", "application/json").body()).isEqualTo(now.body());
  }

  @Test
  void theMeetingFollowsItsCircularIssuedWhichAnnouncesIt() throws Exception {
    var api = new DemoApi(http, port);
    meetings.schedule("cloud", draft("fresh-announce", "Geneva", "Europe/Zurich"));
    String tsb = api.token("tsb");
    var meeting = seen("/api/v1/groups/cloud/meetings/fresh-announce", "application/json");
    assertThat(meeting.body()).doesNotContain("\"announcedAt\":\"");
    var drafted = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud/meetings/fresh-announce/circulars"))
        .header("Authorization", "Bearer " + tsb).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"TSB Circular 977\",\"dated\":\"" + LocalDate.now()
            + "\",\"signatory\":\"The Director\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
    String id = drafted.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
    var issued = http.send(HttpRequest.newBuilder(api.url("/api/v1/circulars/" + id + "/issue"))
        .header("Authorization", "Bearer " + tsb).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);

    assertThat(changed(meeting).body()).as("the meeting is announced")
        .contains("\"announcedAt\":\"");
  }

  @Test
  void theFeedsReadersPollAnswer304UntilTheirDataChangesThenTheNewContent() throws Exception {
    var api = new DemoApi(http, port);
    meetings.schedule("cloud", draft("fresh-feed", "Geneva", "Europe/Zurich"));
    var polled = List.of("/groups/cloud/meetings/fresh-feed/documents.atom",
        "/groups/cloud/meetings/fresh-feed/documents.csv", "/groups/cloud/meetings.ics",
        "/groups/cloud/deliverables.atom", "/groups/cloud/circulars.atom", "/api/v1/groups/cloud/terms.csv",
        "/api/v1/groups/cloud/living-list.csv");
    for (String path : polled) {
      var read = seen(path, "*/*");
      var again = http.send(HttpRequest.newBuilder(api.url(path)).header("If-None-Match", read.etag()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).as("%s asked again with its ETag %s, unchanged", path, read.etag()).isEqualTo(304);
    }
    var atom = seen(polled.get(0), "*/*");
    var csv = seen(polled.get(1), "*/*");
    var calendar = seen(polled.get(2), "*/*");

    String number = publish(api, api.token("alice"), api.token("tsb"), "fresh-feed", "Polled");
    assertThat(changed(atom).body()).contains(number);
    assertThat(changed(csv).body()).contains(number);
    meetings.schedule("cloud", draft("fresh-ics", "Lisbon", "Europe/Lisbon"));
    assertThat(changed(calendar).body()).contains("Lisbon");
  }

  /** Statements the calendar's writing alone makes (one a meeting: its last change), counted on every connection. */
  static final java.util.concurrent.atomic.AtomicLong CALENDAR_WRITES = new java.util.concurrent.atomic.AtomicLong();

  /** The application's data source, each statement it prepares looked at ({@link org.plenary.CountedJdbc}). */
  @org.springframework.boot.test.context.TestConfiguration
  static class CountedStatements {
    @org.springframework.context.annotation.Bean
    static org.springframework.beans.factory.config.BeanPostProcessor countedDataSource() {
      return org.plenary.CountedJdbc.dataSources(new org.plenary.CountedJdbc.Listener() {
        @Override
        public void prepared(String sql) {
          if (sql.contains("SELECT changed_at FROM meetings WHERE id")) {
            CALENDAR_WRITES.incrementAndGet();
          }
        }
      });
    }
  }

  /**
   * The meetings' calendar and the circulars' feed are tagged from the versions of what they are written from and
   * their language, before they are written: two languages are two tags, each answer says it varies on
   * Accept-Language, and a poll naming the tag is a 304 for which not a line of the calendar is written (no meeting's
   * last change read). Before, no Vary was sent and the tag was a digest of the whole body, written and buffered for
   * every poll, 304 or not.
   */
  @Test
  void theCalendarAndCircularsFeedAnswer304FromTheirDataVersionsWithoutWritingAndVaryOnLanguage() throws Exception {
    for (int i = 0; i < 30; i++) {
      meetings.schedule("cloud", draft("tagged-" + i, "Geneva", "Europe/Zurich"));
    }
    for (String path : List.of("/groups/cloud/meetings.ics", "/groups/cloud/circulars.atom")) {
      var en = polled(path, "en", null);
      var fr = polled(path, "fr", null);
      assertThat(en.statusCode()).as(path).isEqualTo(200);
      assertThat(en.headers().allValues("Vary")).as(path).anyMatch(v -> v.contains("Accept-Language"));
      String tag = en.headers().firstValue("ETag").orElseThrow();
      assertThat(fr.headers().firstValue("ETag").orElseThrow()).as(path).isNotEqualTo(tag);
      CALENDAR_WRITES.set(0);
      var again = polled(path, "en", tag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.headers().allValues("Vary")).as(path).anyMatch(v -> v.contains("Accept-Language"));
      assertThat(CALENDAR_WRITES.get()).as("%s: statements of the writing for a 304", path).isZero();
      assertThat(polled(path, "fr", tag).statusCode()).as("%s in another language", path).isEqualTo(200);
    }
    CALENDAR_WRITES.set(0);
    polled("/groups/cloud/meetings.ics", "en", null);
    assertThat(CALENDAR_WRITES.get()).as("the counter sees the calendar written").isGreaterThanOrEqualTo(30);
  }

  private HttpResponse<String> polled(String path, String language, String tag) throws Exception {
    var asked = HttpRequest.newBuilder(new DemoApi(http, port).url(path)).header("Accept-Language", language);
    if (tag != null) {
      asked.header("If-None-Match", tag);
    }
    return http.send(asked.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Published: a number of the meeting, its file sent by alice and published by the secretariat. */
  private String publish(DemoApi api, String alice, String tsb, String code, String title) throws Exception {
    var allocated = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud/meetings/" + code + "/contributions"))
        .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"source\":\"Tester\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    String number = DemoApi.field(allocated.body(), "number");
    assertThat(api.upload(alice, number, number + ".docx", (title + "\n").repeat(40).getBytes(StandardCharsets.UTF_8))
        .statusCode()).isEqualTo(201);
    var published = http.send(HttpRequest.newBuilder(api.url("/api/v1/contributions/" + number + "/publish"))
        .header("Authorization", "Bearer " + tsb).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    return number;
  }

  private Seen seen(String path, String accept) throws Exception {
    var answer = http.send(HttpRequest.newBuilder(new DemoApi(http, port).url(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    String etag = answer.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
    return new Seen(path, accept, etag, new String(answer.body().getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8));
  }

  /** The view read again with its old ETag: 200, another ETag; the view as it is now. */
  private Seen changed(Seen before) throws Exception {
    var answer = http.send(HttpRequest.newBuilder(new DemoApi(http, port).url(before.path()))
        .header("Accept", before.accept()).header("If-None-Match", before.etag()).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    assertThat(answer.statusCode()).as("%s %s after the change, asked with %s", before.path(), before.accept(),
        before.etag()).isEqualTo(200);
    String etag = answer.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).as("%s %s: its validator after the change", before.path(), before.accept())
        .isNotEqualTo(before.etag());
    return new Seen(before.path(), before.accept(), etag, new String(answer.body().getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8));
  }

  private static MeetingDraft draft(String code, String venue, String zone) {
    return new MeetingDraft(code, LocalDate.now().plusDays(200), LocalDate.now().plusDays(201), zone, venue, null,
        "gva", null, null, null, null, "English", false, true, null, null, LocalDate.now().plusDays(190).atTime(23, 59),
        null, LatePolicy.FLAG, List.of(), List.of());
  }
}
