package org.plenary.meeting;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two editors of one group or meeting: the second, who read it before the first saved, does not overwrite
 * the first's change in silence. The API gives each version as an ETag and refuses a PUT whose If-Match (or
 * editVersion) is no longer current with a 412 problem; the edit pages carry the version in a hidden field and
 * show the form again with the editor's input and the reason. Over a real port for the API, on H2 here and on
 * PostgreSQL in {@link PostgresConcurrentEditTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-concurrent-edits;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
class ConcurrentEditTests {

  private static final Pattern ETAG = Pattern.compile("\"v(\\d+)\"");
  private static final String GROUP = """
      {"slug": "%s", "acronym": "FG %1$s", "name": "%s", "workingLanguage": "English",
       "lifetimeMonths": 12, "sections": [], "milestones": [], "leaders": []}""";
  private static final String MEETING = """
      {"code": "4206-gva", "startDate": "2042-06-14", "endDate": "2042-06-16", "venueName": "%s", "venueCode": "gva",
       "timeZone": "Europe/Zurich", "languages": "English", "documentsPublic": true}""";

  private final HttpClient http = HttpClient.newHttpClient();

  private JsonApi api() {
    return new JsonApi(http, "http://127.0.0.1:" + port);
  }
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired GroupCatalog groupCatalog;
  @Autowired MeetingCatalog meetingCatalog;
  private String tsb;

  @BeforeEach
  void signIn() throws Exception {
    HttpResponse<String> token = send("POST", "/api/v1/tokens", null, null,
        "{\"username\":\"tsb\",\"password\":\"tsb-demo\"}");
    tsb = token.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void aMeetingPutOnAVersionSomeoneChangedMeanwhileIsRefusedWith412AndNothingSaved() throws Exception {
    String slug = group("edits");
    String path = "/api/v1/groups/" + slug + "/meetings";
    assertThat(send("POST", path, tsb, null, MEETING.formatted("Geneva")).statusCode()).isEqualTo(201);
    HttpResponse<String> read = send("GET", path + "/4206-gva", null, null, null);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches(ETAG);

    // The first editor saves on what they read; the second, who read the same version, is refused.
    HttpResponse<String> first = send("PUT", path + "/4206-gva", tsb, etag, MEETING.formatted("First editor's venue"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String after = first.headers().firstValue("ETag").orElseThrow();
    assertThat(after).isNotEqualTo(etag).matches(ETAG);
    HttpResponse<String> second = send("PUT", path + "/4206-gva", tsb, etag, MEETING.formatted("Second editor's venue"));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(412);
    assertThat(second.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(second.body()).contains("changed by someone else since you opened it").contains("nothing was saved");
    assertThat(send("GET", path + "/4206-gva", null, null, null).body()).contains("First editor's venue");

    // The agenda is the meeting's too: one replaced on a stale version is refused, and a new version is given.
    HttpResponse<String> agenda = send("PUT", path + "/4206-gva/agenda", tsb, etag, "{\"items\": [{\"title\": \"Opening\"}]}");
    assertThat(agenda.statusCode()).as(agenda.body()).isEqualTo(412);
    agenda = send("PUT", path + "/4206-gva/agenda", tsb, after, "{\"items\": [{\"title\": \"Opening\"}]}");
    assertThat(agenda.statusCode()).as(agenda.body()).isEqualTo(200);
    String withAgenda = agenda.headers().firstValue("ETag").orElseThrow();
    assertThat(withAgenda).isNotEqualTo(after);
    assertThat(send("PUT", path + "/4206-gva", tsb, after, MEETING.formatted("Stale")).statusCode()).isEqualTo(412);

    // The version in the body where no If-Match is sent; a list in If-Match; '*' and nothing replace whatever is current.
    String bodyVersion = MEETING.formatted("By body version").replace("{", "{\"editVersion\": " + number(after) + ", ");
    assertThat(send("PUT", path + "/4206-gva", tsb, null, bodyVersion).statusCode()).isEqualTo(412);
    HttpResponse<String> listed = send("PUT", path + "/4206-gva", tsb, etag + ", " + withAgenda, MEETING.formatted("Listed"));
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(send("PUT", path + "/4206-gva", tsb, "*", MEETING.formatted("Any")).statusCode()).isEqualTo(200);
    assertThat(send("PUT", path + "/4206-gva", tsb, null, MEETING.formatted("Unconditional")).statusCode()).isEqualTo(200);
    assertThat(send("PUT", path + "/4206-gva", tsb, "W/" + send("GET", path + "/4206-gva", null, null, null)
        .headers().firstValue("ETag").orElseThrow(), MEETING.formatted("Weak")).statusCode())
        .as("If-Match compares strongly: a weak tag matches nothing").isEqualTo(412);
  }

  @Test
  void aGroupPutOnAVersionSomeoneChangedMeanwhileIsRefusedWith412AndNothingSaved() throws Exception {
    String slug = group("groupedits");
    // Read as its editor reads it: the reader's representation leaves usernames out and has a tag of its own.
    HttpResponse<String> read = send("GET", "/api/v1/groups/" + slug, tsb, null, null);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> first = send("PUT", "/api/v1/groups/" + slug, tsb, etag, GROUP.formatted(slug, "First name"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    HttpResponse<String> second = send("PUT", "/api/v1/groups/" + slug, tsb, etag, GROUP.formatted(slug, "Second name"));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(412);
    assertThat(second.body()).contains("changed by someone else since you opened it");
    assertThat(send("GET", "/api/v1/groups/" + slug, null, null, null).body()).contains("First name").doesNotContain("Second name");
    assertThat(send("PUT", "/api/v1/groups/" + slug, tsb, first.headers().firstValue("ETag").orElseThrow(),
        GROUP.formatted(slug, "Third name")).statusCode()).isEqualTo(200);
  }

  /**
   * A group's editors are given its leaders' usernames, others not: two bodies of one version, which had one
   * ETag, so an editor's conditional GET with the tag a reader's GET gave was answered 304 and kept the reader's
   * body (no usernames: sent back, the leaders lost their accounts), and a cache could serve either for the other.
   */
  @Test
  void aGroupsEditorAndReaderRepresentationsHaveTheirOwnEtags() throws Exception {
    String slug = "representations";
    HttpResponse<String> made = send("POST", "/api/v1/groups", tsb, null, GROUP.formatted(slug, "Focus Group on " + slug)
        .replace("\"leaders\": []", "\"leaders\": [{\"role\": \"CHAIR\", \"personName\": \"Alice Martin\","
            + " \"organization\": \"Orange\", \"countryCode\": \"FR\", \"username\": \"alice\"}]"));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String path = "/api/v1/groups/" + slug;

    HttpResponse<String> reader = send("GET", path, null, null, null);
    HttpResponse<String> editor = send("GET", path, tsb, null, null);
    assertThat(reader.body()).doesNotContain("\"alice\"");
    assertThat(editor.body()).contains("\"username\":\"alice\"");
    String readerTag = reader.headers().firstValue("ETag").orElseThrow();
    String editorTag = editor.headers().firstValue("ETag").orElseThrow();
    assertThat(editorTag).matches(ETAG);
    assertThat(readerTag).isNotEqualTo(editorTag).isEqualTo(editorTag.substring(0, editorTag.length() - 1) + "-public\"");
    for (HttpResponse<String> answer : java.util.List.of(reader, editor)) {
      assertThat(answer.headers().allValues("Vary").toString()).contains("Authorization").contains("Cookie");
    }
    assertThat(editor.headers().firstValue("Cache-Control").orElseThrow()).contains("private").contains("no-cache");

    // The editor revalidating with the reader's tag is given the whole group; each with its own tag, a 304.
    HttpResponse<String> revalidated = send("GET", path, tsb, null, null, "If-None-Match", readerTag);
    assertThat(revalidated.statusCode()).isEqualTo(200);
    assertThat(revalidated.body()).contains("\"username\":\"alice\"");
    assertThat(send("GET", path, null, null, null, "If-None-Match", editorTag).statusCode()).isEqualTo(200);
    assertThat(send("GET", path, null, null, null, "If-None-Match", readerTag).statusCode()).isEqualTo(304);
    assertThat(send("GET", path, tsb, null, null, "If-None-Match", editorTag).statusCode()).isEqualTo(304);

    // A change made on the reader's part would drop the rest: its tag matches no version.
    HttpResponse<String> put = send("PUT", path, tsb, readerTag, GROUP.formatted(slug, "Renamed"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(412);
  }

  @Test
  void theEditPagesKeepTheEditorsInputAndSayWhyWhenSomeoneSavedMeanwhile() throws Exception {
    String slug = group("pageedits");
    var tsbUser = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/groups/" + slug + "/edit").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    String version = hidden(page);
    assertThat(send("PUT", "/api/v1/groups/" + slug, tsb, null, GROUP.formatted(slug, "Saved by the API")).statusCode())
        .isEqualTo(200);

    String shown = mvc.perform(post("/groups/" + slug + "/edit").with(tsbUser).with(csrf())
            .param("editVersion", version).param("acronym", "FG " + slug).param("name", "Typed on the page")
            .param("workingLanguage", "English").param("lifetimeMonths", "12"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(shown).contains("changed by someone else since you opened it").contains("value=\"Typed on the page\"")
        .contains("id=\"editVersion-error\"");
    assertThat(send("GET", "/api/v1/groups/" + slug, null, null, null).body()).contains("Saved by the API");
    // The form shown again carries the version its editor was told of: saving it again is their choice.
    mvc.perform(post("/groups/" + slug + "/edit").with(tsbUser).with(csrf())
            .param("editVersion", hidden(shown)).param("acronym", "FG " + slug).param("name", "Typed on the page")
            .param("workingLanguage", "English").param("lifetimeMonths", "12"))
        .andExpect(status().is3xxRedirection());
    assertThat(send("GET", "/api/v1/groups/" + slug, null, null, null).body()).contains("Typed on the page");

    String meetings = "/api/v1/groups/" + slug + "/meetings";
    assertThat(send("POST", meetings, tsb, null, MEETING.formatted("Geneva")).statusCode()).isEqualTo(201);
    String agendaPage = mvc.perform(get("/groups/" + slug + "/meetings/4206-gva/agenda").with(tsbUser)).andReturn()
        .getResponse().getContentAsString(StandardCharsets.UTF_8);
    String editPage = mvc.perform(get("/groups/" + slug + "/meetings/4206-gva/edit").with(tsbUser)).andReturn()
        .getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(send("PUT", meetings + "/4206-gva/agenda", tsb, null, "{\"items\": [{\"title\": \"Opening by the API\"}]}")
        .statusCode()).isEqualTo(200);
    String agendaShown = mvc.perform(post("/groups/" + slug + "/meetings/4206-gva/agenda").with(tsbUser).with(csrf())
            .param("editVersion", hidden(agendaPage)).param("items[0].title", "Opening typed on the page"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(agendaShown).contains("changed by someone else since you opened it").contains("Opening typed on the page");
    String editShown = mvc.perform(post("/groups/" + slug + "/meetings/4206-gva/edit").with(tsbUser).with(csrf())
            .param("editVersion", hidden(editPage)).param("startDate", "2042-06-14").param("endDate", "2042-06-16")
            .param("timeZone", "Europe/Zurich").param("venueName", "Venue typed on the page").param("venueCode", "gva")
            .param("code", "4206-gva").param("languages", "English").param("latePolicy", "FLAG"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(editShown).contains("changed by someone else since you opened it").contains("value=\"Venue typed on the page\"");
    String meeting = send("GET", meetings + "/4206-gva", null, null, null).body();
    assertThat(meeting).contains("Opening by the API").contains("Geneva").doesNotContain("typed on the page");
  }

  /**
   * A meeting sent back as its GET gave it keeps the deadlines the secretariat set: before, the GET's
   * {@code deadlines} were not read and each deadline went back to its default (the contributions' from 7 to 4 June).
   */
  @Test
  void aMeetingSentBackAsItWasReadKeepsItsDeadlines() throws Exception {
    String slug = group("deadlineedits");
    String path = "/api/v1/groups/" + slug + "/meetings";
    String scheduled = MEETING.formatted("Geneva").replace("{", "{\"contributionDeadline\": \"2042-06-07T23:59:00\", "
        + "\"registrationDeadline\": \"2042-06-01T23:59:00\", ");
    assertThat(send("POST", path, tsb, null, scheduled).statusCode()).isEqualTo(201);
    HttpResponse<String> read = send("GET", path + "/4206-gva", null, null, null);
    assertThat(read.body()).contains("\"dueAt\":\"2042-06-07T23:59");
    HttpResponse<String> put = send("PUT", path + "/4206-gva", tsb, read.headers().firstValue("ETag").orElseThrow(),
        read.body().replace("\"venueName\":\"Geneva\"", "\"venueName\":\"Geneva, Montbrillant\""));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).contains("Montbrillant").contains("\"dueAt\":\"2042-06-07T23:59")
        .contains("\"dueAt\":\"2042-06-01T23:59");
  }

  /** A milestone renamed on the group keeps the deliverables that serve it, which follow its new title. */
  @Test
  void aMilestoneRenamedKeepsTheDeliverablesServingIt() throws Exception {
    String slug = "milestones";
    String planned = plannedWithADeliverable(slug, GROUP.formatted(slug, "Focus Group on milestones"));

    HttpResponse<String> renamed = send("PUT", "/api/v1/groups/" + slug, tsb, null,
        planned.replace("\"First draft\"", "\"First draft of the TR\""));
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/groups/" + slug + "/deliverables", null, null, null).body())
        .contains("\"milestone\":\"First draft of the TR\"");
    String plan = send("GET", "/api/v1/groups/" + slug + "/milestones", null, null, null).body();
    assertThat(plan.replaceAll("(?s).*\"title\":\"First draft of the TR\",\"deliverables\":\\[([^\\]]*)\\].*", "$1"))
        .as(plan).contains("Cloud TR");
  }

  /** A milestone deliverables serve cannot be taken off the list: the edit is refused whole, with the reason. */
  @Test
  void aMilestoneThatDeliverablesServeIsNotRemovedFromUnderThem() throws Exception {
    String slug = "milestonegone";
    String group = GROUP.formatted(slug, "Focus Group on milestones removed");
    String planned = plannedWithADeliverable(slug, group);

    String withoutFirst = group.replace("\"milestones\": []", "\"milestones\": [{\"dueOn\": \"2042-12-01\", \"title\": \"Final report\"}]")
        .replace("Focus Group on milestones removed", "Focus Group on milestones, renamed too");
    HttpResponse<String> refused = send("PUT", "/api/v1/groups/" + slug, tsb, null, withoutFirst);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("milestones", "The milestone \\\"First draft\\\" cannot be removed: the deliverables Cloud TR serve it.");
    String after = send("GET", "/api/v1/groups/" + slug, null, null, null).body();
    assertThat(after).as("nothing of the edit was made").contains("First draft", "Focus Group on milestones removed")
        .doesNotContain("renamed too");
    // One that nothing serves goes.
    String withoutFinal = planned.replace(", {\"dueOn\": \"2042-12-01\", \"title\": \"Final report\"}", "");
    assertThat(send("PUT", "/api/v1/groups/" + slug, tsb, null, withoutFinal).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/groups/" + slug, null, null, null).body()).doesNotContain("Final report");
  }

  /** A term edited on a version someone changed since: refused by If-Match, and by the version a GET gave sent back. */
  @Test
  void aTermEditedOnAVersionSomeoneChangedMeanwhileIsRefusedWith412() throws Exception {
    String slug = group("termedits");
    String terms = "/api/v1/groups/" + slug + "/terms";
    HttpResponse<String> proposed = send("POST", terms, tsb, null, "{\"term\": \"cloud\", \"definition\": \"First\"}");
    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
    String id = proposed.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    HttpResponse<String> read = send("GET", terms + "/" + id, null, null, null);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    String version = read.body().replaceAll("(?s).*\"version\":(\\d+).*", "$1");
    assertThat(etag).isEqualTo("\"v" + version + "\"");

    HttpResponse<String> first = send("PUT", terms + "/" + id, tsb, etag, "{\"term\": \"cloud\", \"definition\": \"Second\"}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    HttpResponse<String> stale = send("PUT", terms + "/" + id, tsb, etag, "{\"term\": \"cloud\", \"definition\": \"Third\"}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    HttpResponse<String> roundTrip = send("PUT", terms + "/" + id, tsb, null,
        "{\"term\": \"cloud\", \"definition\": \"Fourth\", \"version\": " + version + "}");
    assertThat(roundTrip.statusCode()).as("a GET's body sent back names its version: " + roundTrip.body()).isEqualTo(412);
    assertThat(send("GET", terms + "/" + id, null, null, null).body()).contains("Second").doesNotContain("Third", "Fourth");
  }

  @Test
  void aTermIsOneByItsComposedCaseFoldedNameWhenProposedAndWhenRenamed() throws Exception {
    String slug = group("termnames");
    String terms = "/api/v1/groups/" + slug + "/terms";
    assertThat(send("POST", terms, tsb, null, "{\"term\": \"Straße\", \"definition\": \"A street\"}").statusCode())
        .isEqualTo(201);
    assertThat(send("POST", terms, tsb, null, "{\"term\": \"José\", \"definition\": \"A name\"}").statusCode())
        .isEqualTo(201);
    // Full case folding (ß is ss) and the composed form (e and a combining accent is é): the same names.
    for (String twin : new String[] {"STRASSE", "strasse ", "Jose\u0301", "JOSÉ"}) {
      HttpResponse<String> again = send("POST", terms, tsb, null, "{\"term\": \"" + twin + "\", \"definition\": \"Again\"}");
      assertThat(again.statusCode()).as(twin + ": " + again.body()).isEqualTo(400);
      assertThat(again.body()).contains("is already in the register");
    }
    // A third term renamed to the name of one of them is refused the same way; nothing is saved.
    HttpResponse<String> other = send("POST", terms, tsb, null, "{\"term\": \"Road\", \"definition\": \"A road\"}");
    String id = other.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    HttpResponse<String> renamed = send("PUT", terms + "/" + id, tsb, null, "{\"term\": \"STRASSE\", \"definition\": \"A road\"}");
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(400);
    assertThat(send("GET", terms + "/" + id, null, null, null).body()).contains("\"term\":\"Road\"");
    // Its own name, in another case, is still its own.
    assertThat(send("PUT", terms + "/" + id, tsb, null, "{\"term\": \"ROAD\", \"definition\": \"A road\"}").statusCode())
        .isEqualTo(200);
    // The name stored is composed: a look-up by the name as typed with "é" finds it.
    assertThat(send("GET", terms, null, null, null).body()).contains("\"term\":\"José\"");
  }

  /**
   * Editors proposing one term at the same moment: the name was checked in Java before the insert, so each saw
   * no such term and all were saved. The stored key's unique index lets one through; the others are told as a
   * proposal made after it is (400, the field {@code term}), and the register holds the term once.
   */
  @Test
  void proposalsOfOneTermAtOnceSaveItOnceAndTellTheOthersAsASequentialProposalIs() throws Exception {
    String slug = group("termraces");
    String terms = "/api/v1/groups/" + slug + "/terms";
    int editors = 6;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(editors)) {
      for (int round = 0; round < 8; round++) {
        String name = "race " + round;
        var start = new java.util.concurrent.CountDownLatch(1);
        var answers = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
        for (int i = 0; i < editors; i++) {
          // Each editor types the name a little differently: one key, as the sequential check compares.
          String typed = i % 2 == 0 ? name : name.toUpperCase(java.util.Locale.ROOT);
          answers.add(pool.submit(() -> {
            start.await();
            return send("POST", terms, tsb, null, "{\"term\": \"" + typed + "\", \"definition\": \"By editor\"}");
          }));
        }
        start.countDown();
        int made = 0;
        for (var answer : answers) {
          HttpResponse<String> response = answer.get();
          if (response.statusCode() == 201) {
            made++;
          } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(response.body()).contains("\"field\":\"term\"").contains("is already in the register");
          }
        }
        assertThat(made).as("round " + round + ": one proposal saved").isEqualTo(1);
      }
    }
    String register = send("GET", terms, null, null, null).body();
    assertThat(register.split("\"definition\":\"By editor\"", -1)).as(register).hasSize(9);
  }

  /** A translation is a change of the term: it moves the ETag, and one made on a version changed since is refused. */
  @Test
  void aTermTranslatedOnAVersionSomeoneChangedMeanwhileIsRefusedWith412() throws Exception {
    String slug = group("termtranslations");
    String terms = "/api/v1/groups/" + slug + "/terms";
    HttpResponse<String> proposed = send("POST", terms, tsb, null, "{\"term\": \"cloud\", \"definition\": \"First\"}");
    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
    String term = terms + "/" + proposed.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    String etag = send("GET", term, null, null, null).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> first = send("PUT", term + "/translations/fr", tsb, etag, "{\"term\": \"nuage\"}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String after = first.headers().firstValue("ETag").orElseThrow();
    assertThat(after).as("a translation changes the term's version").isNotEqualTo(etag);
    assertThat(send("GET", term, null, null, null).headers().firstValue("ETag")).hasValue(after);
    HttpResponse<String> stale = send("PUT", term + "/translations/fr", tsb, etag, "{\"term\": \"informatique\"}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    HttpResponse<String> staleEdit = send("PUT", term, tsb, etag, "{\"term\": \"cloud\", \"definition\": \"Second\"}");
    assertThat(staleEdit.statusCode()).as("an edit on the version before the translation").isEqualTo(412);
    assertThat(send("PUT", term + "/translations/es", tsb, after, "{\"term\": \"nube\"}").statusCode()).isEqualTo(200);
    assertThat(send("GET", term, null, null, null).body()).contains("nuage", "nube").doesNotContain("informatique", "Second");
  }

  /**
   * A term agreed (or superseded) on a version someone changed since: what would be recorded is not what its
   * deciding editor saw, so the API refuses it with 412 and the page shows the register again saying what the
   * term now reads; nothing is recorded. Without If-Match, or with {@code *}, it is recorded as before.
   */
  @Test
  void aTermAgreedOrSupersededOnAVersionSomeoneChangedMeanwhileIsRefused() throws Exception {
    String terms = "/api/v1/groups/cloud/terms";
    String name = "elasticity-" + System.nanoTime();
    String term = terms + "/" + created(send("POST", terms, tsb, null, "{\"term\": \"" + name + "\", \"definition\": \"Seen\"}"));
    String seen = send("GET", term, null, null, null).headers().firstValue("ETag").orElseThrow();
    assertThat(send("PUT", term, tsb, seen, "{\"term\": \"" + name + "\", \"definition\": \"Changed meanwhile\"}")
        .statusCode()).isEqualTo(200);

    HttpResponse<String> stale = send("POST", term + "/agreement", tsb, seen, "{\"meeting\": \"1006-gva\"}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(stale.body()).contains("was changed by someone else", "Changed meanwhile");
    assertThat(send("GET", term, null, null, null).body()).contains("\"status\":\"PROPOSED\"");

    // The page: the form carries the version it shows; sent after a change, the register says what changed.
    var tsbUser = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/groups/cloud/terms").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    String id = term.substring(term.lastIndexOf('/') + 1);
    Matcher form = Pattern.compile("terms/" + id + "/agreement\"[^>]*>(?:\\s*<input type=\"hidden\" name=\"_csrf\"[^>]*>)?\\s*<input type=\"hidden\" name=\"editVersion\" value=\"(\\d+)\"")
        .matcher(page);
    assertThat(form.find()).as("the agreement form carries the version it shows").isTrue();
    assertThat(send("PUT", term + "/translations/fr", tsb, null, "{\"term\": \"élasticité\"}").statusCode()).isEqualTo(200);
    String flash = mvc.perform(post("/groups/cloud/terms/" + id + "/agreement").with(tsbUser).with(csrf())
            .param("meeting", "1006-gva").param("editVersion", form.group(1)))
        .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("problem").toString();
    assertThat(flash).contains("was changed by someone else", "was not recorded as agreed", "Changed meanwhile");
    assertThat(send("GET", term, null, null, null).body()).contains("\"status\":\"PROPOSED\"");

    String current = send("GET", term, null, null, null).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> agreed = send("POST", term + "/agreement", tsb, current, "{\"meeting\": \"1006-gva\"}");
    assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);
    String agreedTag = agreed.headers().firstValue("ETag").orElseThrow();

    // Superseded: refused on the version before a translation, recorded with * (as without If-Match).
    String successor = "scalability-" + System.nanoTime();
    created(send("POST", terms, tsb, null, "{\"term\": \"" + successor + "\", \"definition\": \"Next\"}"));
    assertThat(send("PUT", term + "/translations/es", tsb, agreedTag, "{\"term\": \"elasticidad\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> staleBy = send("POST", term + "/supersession", tsb, agreedTag, "{\"by\": \"" + successor + "\"}");
    assertThat(staleBy.statusCode()).as(staleBy.body()).isEqualTo(412);
    assertThat(send("GET", term, null, null, null).body()).contains("\"status\":\"AGREED\"");
    HttpResponse<String> any = send("POST", term + "/supersession", tsb, "*", "{\"by\": \"" + successor + "\"}");
    assertThat(any.statusCode()).as(any.body()).isEqualTo(200);
  }

  /**
   * A term shows the code of the meeting that agreed it: that meeting's code edited, the term (and the register)
   * shows another code, so its version moves too, and a supersession read on the old code is refused (412); nothing
   * is recorded. A deliverable agreed at that meeting the same (its transfer). Before, the term's ETag counted its own changes only and the decision went through unseen.
   */
  @Test
  void aTermsVersionMovesWhenTheCodeOfTheMeetingThatAgreedItIsEdited() throws Exception {
    long n = System.nanoTime() % 1_000_000;
    String code = "past-" + n;
    String meeting = """
        {"code": "%s", "startDate": "2011-03-14", "endDate": "2011-03-16", "venueName": "Geneva", "venueCode": "gva",
         "timeZone": "Europe/Zurich", "languages": "English", "documentsPublic": true}""";
    HttpResponse<String> held = send("POST", "/api/v1/groups/cloud/meetings", tsb, null, meeting.formatted(code));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
    String terms = "/api/v1/groups/cloud/terms";
    String name = "quoted-" + n;
    String term = terms + "/" + created(send("POST", terms, tsb, null, "{\"term\": \"" + name + "\", \"definition\": \"Q\"}"));
    assertThat(send("POST", term + "/agreement", tsb, null, "{\"meeting\": \"" + code + "\"}").statusCode()).isEqualTo(200);
    String successor = "quoting-" + n;
    created(send("POST", terms, tsb, null, "{\"term\": \"" + successor + "\", \"definition\": \"Next\"}"));
    HttpResponse<String> read = send("GET", term, null, null, null);
    assertThat(read.body()).contains("\"agreedAt\":\"" + code + "\"");
    String seen = read.headers().firstValue("ETag").orElseThrow();
    String register = send("GET", terms + "?limit=1000", null, null, null).headers().firstValue("ETag").orElseThrow();
    String deliverable = "/api/v1/groups/cloud/deliverables/" + created(send("POST", "/api/v1/groups/cloud/deliverables",
        tsb, null, "{\"title\": \"Quoted " + n + "\", \"kind\": \"TECHNICAL_REPORT\"}"));
    HttpResponse<String> draft = send("POST", deliverable + "/versions", tsb, null, "{\"outputNumber\": \""
        + output(DemoMeetings.upcoming(groupCatalog, meetingCatalog)) + "\"}");
    assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
    HttpResponse<String> agreed = send("POST", deliverable + "/agreement", tsb, null,
        "{\"meeting\": \"" + code + "\", \"decision\": \"Agreed.\", \"consensus\": true}");
    assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);
    String deliverableSeen = send("GET", deliverable, tsb, null, null).headers().firstValue("ETag").orElseThrow();

    String renamed = "held-" + n;
    HttpResponse<String> edit = send("PUT", "/api/v1/groups/cloud/meetings/" + code, tsb, null, meeting.formatted(renamed));
    assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
    HttpResponse<String> now = send("GET", term, null, null, null);
    assertThat(now.body()).contains("\"agreedAt\":\"" + renamed + "\"");
    assertThat(now.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(seen);
    assertThat(send("GET", terms + "?limit=1000", null, null, null).headers().firstValue("ETag").orElseThrow())
        .isNotEqualTo(register);

    HttpResponse<String> staleTransfer = send("POST", deliverable + "/transfer", tsb, deliverableSeen, "{\"on\": \"2011-07-01\"}");
    assertThat(staleTransfer.statusCode()).as(staleTransfer.body()).isEqualTo(412);
    assertThat(send("GET", deliverable, tsb, null, null).body()).contains("\"agreedAt\":\"" + renamed + "\"")
        .doesNotContain("2011-07-01");
    HttpResponse<String> stale = send("POST", term + "/supersession", tsb, seen, "{\"by\": \"" + successor + "\"}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(send("GET", term, null, null, null).body()).contains("\"status\":\"AGREED\"");
    HttpResponse<String> fresh = send("POST", term + "/supersession", tsb,
        now.headers().firstValue("ETag").orElseThrow(), "{\"by\": \"" + successor + "\"}");
    assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
    assertThat(send("GET", term + "/history", null, null, null).body()).contains("\"version\":3");
  }

  /**
   * A deliverable agreed on the version its deciding editor read while another editor added a newer one: what
   * would be agreed is not what the meeting saw, so the API refuses it with 412 and the page shows the
   * deliverable again saying what it is now; nothing is recorded. A version added or a transfer on a stale
   * version is refused the same way; without If-Match, or with {@code *}, each is recorded as before.
   */
  @Test
  void aDeliverableAgreedOnAVersionSomeoneChangedMeanwhileIsRefused() throws Exception {
    String upcoming = DemoMeetings.upcoming(groupCatalog, meetingCatalog);
    String deliverable = "/api/v1/groups/cloud/deliverables/" + created(send("POST", "/api/v1/groups/cloud/deliverables",
        tsb, null, "{\"title\": \"Benefits " + System.nanoTime() + "\", \"kind\": \"TECHNICAL_REPORT\"}"));
    HttpResponse<String> first = send("POST", deliverable + "/versions", tsb, null,
        "{\"outputNumber\": \"" + output(upcoming) + "\"}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String seen = send("GET", deliverable, tsb, null, null).headers().firstValue("ETag").orElseThrow();
    assertThat(seen).matches(ETAG).isEqualTo(first.headers().firstValue("ETag").orElseThrow());

    // Another editor adds a newer version on what they read; the agreement on the same reading is refused.
    String newer = output(upcoming);
    HttpResponse<String> second = send("POST", deliverable + "/versions", tsb, seen, "{\"outputNumber\": \"" + newer + "\"}");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    String agreement = "{\"meeting\": \"1006-gva\", \"decision\": \"Agreed as the first draft.\", \"consensus\": true}";
    HttpResponse<String> stale = send("POST", deliverable + "/agreement", tsb, seen, agreement);
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(stale.body()).contains("was changed by someone else", "its agreement was not recorded", newer, "Draft");
    assertThat(send("POST", deliverable + "/versions", tsb, seen, "{\"outputNumber\": \"" + output(upcoming) + "\"}")
        .statusCode()).as("a version added on a stale reading").isEqualTo(412);
    assertThat(send("GET", deliverable, tsb, null, null).body()).contains("\"state\":\"DRAFT\"");

    // The page: its forms carry the version they show; sent after a change, the deliverable says what changed.
    var tsbUser = user(users.loadUserByUsername("tsb"));
    String id = deliverable.substring(deliverable.lastIndexOf('/') + 1);
    String page = mvc.perform(get("/groups/cloud/deliverables/" + id).with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    Matcher form = Pattern.compile("deliverables/" + id + "/agreement\"[^>]*>(?:\\s*<input type=\"hidden\" name=\"_csrf\"[^>]*>)?"
        + "\\s*<input type=\"hidden\" name=\"editVersion\" value=\"(\\d+)\"").matcher(page);
    assertThat(form.find()).as("the agreement form carries the version it shows").isTrue();
    String newest = output(upcoming);
    assertThat(send("POST", deliverable + "/versions", tsb, null, "{\"outputNumber\": \"" + newest + "\"}").statusCode())
        .isEqualTo(201);
    String flash = mvc.perform(post("/groups/cloud/deliverables/" + id + "/agreement").with(tsbUser).with(csrf())
            .param("meeting", "1006-gva").param("decision", "Agreed.").param("consensus", "true")
            .param("editVersion", form.group(1)))
        .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("problem").toString();
    assertThat(flash).contains("was changed by someone else", "its agreement was not recorded", newest);
    assertThat(send("GET", deliverable, tsb, null, null).body()).contains("\"state\":\"DRAFT\"");

    String current = send("GET", deliverable, tsb, null, null).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> agreed = send("POST", deliverable + "/agreement", tsb, current, agreement);
    assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);
    assertThat(agreed.headers().firstValue("ETag").orElseThrow()).matches(ETAG).isNotEqualTo(current);
    HttpResponse<String> staleTransfer = send("POST", deliverable + "/transfer", tsb, current, "{\"on\": \"2010-07-01\"}");
    assertThat(staleTransfer.statusCode()).as(staleTransfer.body()).isEqualTo(412);
    HttpResponse<String> any = send("POST", deliverable + "/transfer", tsb, "*", "{\"on\": \"2010-07-01\"}");
    assertThat(any.statusCode()).as(any.body()).isEqualTo(200);
  }

  /**
   * A reader shown a deliverable without the versions they may not read (outputs of a meeting whose documents are
   * not public) got the tag "vN-partial", which matched no version: after that reading the deliverable could be
   * changed only without If-Match, over whatever was current. Then that tag moved with every version added, those
   * the reader may not read too, which told a stranger of private activity. The part's tag is now made from what it
   * shows: a version it leaves out moves it not, a change is made on it, and the whole's tag, which moved, is stale.
   */
  @Test
  void aDeliverableReadInPartIsChangedOnTheTagOfWhatThatPartShows() throws Exception {
    String slug = group("parts");
    String meetings = "/api/v1/groups/" + slug + "/meetings";
    assertThat(send("POST", meetings, tsb, null, MEETING.formatted("Geneva").replace("\"documentsPublic\": true",
        "\"documentsPublic\": false")).statusCode()).isEqualTo(201);
    String deliverable = "/api/v1/groups/" + slug + "/deliverables/" + created(send("POST", "/api/v1/groups/" + slug
        + "/deliverables", tsb, null, "{\"title\": \"Parts\", \"kind\": \"TECHNICAL_REPORT\"}"));
    assertThat(send("POST", deliverable + "/versions", tsb, null, "{\"outputNumber\": \"" + output(slug, "4206-gva")
        + "\"}").statusCode()).isEqualTo(201);

    String part = send("GET", deliverable, null, null, null).headers().firstValue("ETag").orElseThrow();
    String whole = send("GET", deliverable, tsb, null, null).headers().firstValue("ETag").orElseThrow();
    assertThat(whole).matches(ETAG);
    assertThat(part).endsWith("-partial\"").isNotEqualTo(whole.replace("\"", "").replace("v", "\"v") + "-partial\"");
    HttpResponse<String> added = send("POST", deliverable + "/versions", tsb, part,
        "{\"outputNumber\": \"" + output(slug, "4206-gva") + "\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(send("GET", deliverable, null, null, null).headers().firstValue("ETag").orElseThrow())
        .as("a version the part leaves out moves nothing of it").isEqualTo(part);
    HttpResponse<String> stale = send("POST", deliverable + "/versions", tsb, whole,
        "{\"outputNumber\": \"" + output(slug, "4206-gva") + "\"}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(send("GET", deliverable, tsb, null, null).body().split("\"outputNumber\"", -1)).as("versions").hasSize(3);
  }

  /** Numbers an output document of FG Cloud at the meeting; returns its number. */
  private String output(String meeting) throws Exception {
    return output("cloud", meeting);
  }

  /** Numbers an output document of the group at the meeting; returns its number. */
  private String output(String slug, String meeting) throws Exception {
    HttpResponse<String> made = send("POST", "/api/v1/groups/" + slug + "/meetings/" + meeting + "/outputs", tsb, null,
        "{\"title\": \"Benefits draft\", \"type\": \"DELIVERABLE_DRAFT\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    Matcher number = Pattern.compile("\"number\":\"([^\"]+-O-\\d{4})\"").matcher(made.body());
    assertThat(number.find()).as(made.body()).isTrue();
    return number.group(1);
  }

  private static String created(HttpResponse<String> made) {
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return made.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
  }

  /** An entry of the living list removed by one editor is not brought back by another's edit of it. */
  @Test
  void anEditOfALivingListEntryRemovedMeanwhileIsRefusedAndDoesNotBringItBack() throws Exception {
    String slug = group("listedits");
    String list = "/api/v1/groups/" + slug + "/living-list";
    HttpResponse<String> added = send("POST", list, tsb, null, "{\"organization\": \"ETSI\", \"topics\": \"Cloud\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    String id = added.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    assertThat(send("DELETE", list + "/" + id, tsb, null, null).statusCode()).isEqualTo(204);

    HttpResponse<String> edited = send("PUT", list + "/" + id, tsb, null, "{\"organization\": \"ETSI\", \"topics\": \"Grid\"}");
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(409);
    assertThat(edited.body()).contains("was removed from the living list").contains("nothing was saved");
    assertThat(send("GET", list, null, null, null).body()).doesNotContain("ETSI");
  }

  /**
   * An entry removed by an editor who read it before another edited it: the DELETE had no If-Match, so the
   * edit went with the entry unseen. Now a stale If-Match is refused with 412 and the entry stays as edited.
   */
  @Test
  void aLivingListEntryRemovedOnAVersionSomeoneChangedMeanwhileIsRefusedWith412() throws Exception {
    String slug = group("listremovals");
    String list = "/api/v1/groups/" + slug + "/living-list";
    HttpResponse<String> added = send("POST", list, tsb, null, "{\"organization\": \"ETSI\", \"topics\": \"Cloud\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    String id = added.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    String read = "\"v" + added.body().replaceAll("(?s).*\"version\":(\\d+).*", "$1") + "\"";
    HttpResponse<String> edited = send("PUT", list + "/" + id, tsb, read, "{\"organization\": \"ETSI\", \"topics\": \"Grid\"}");
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);

    HttpResponse<String> stale = send("DELETE", list + "/" + id, tsb, read, null);
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(send("GET", list, null, null, null).body()).contains("Grid");
    String now = "\"v" + edited.body().replaceAll("(?s).*\"version\":(\\d+).*", "$1") + "\"";
    assertThat(send("DELETE", list + "/" + id, tsb, now, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", list, null, null, null).body()).doesNotContain("ETSI");
  }

  /** Two editors of one living-list entry: the second, who read it before the first saved, is refused. */
  @Test
  void aLivingListEntryEditedOnAVersionSomeoneChangedMeanwhileIsRefusedWith412() throws Exception {
    String slug = group("entryedits");
    String list = "/api/v1/groups/" + slug + "/living-list";
    HttpResponse<String> added = send("POST", list, tsb, null, "{\"organization\": \"DMTF\", \"topics\": \"Cloud\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    String id = added.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    String read = added.body().replaceAll("(?s).*\"version\":(\\d+).*", "$1");

    // Sent back as it was read (its version in the body), then again on that version: the second is refused.
    HttpResponse<String> first = send("PUT", list + "/" + id, tsb, null,
        added.body().replace("\"Cloud\"", "\"Cloud management\""));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    HttpResponse<String> second = send("PUT", list + "/" + id, tsb, null,
        added.body().replace("\"Cloud\"", "\"Cloud storage\""));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(412);
    assertThat(send("PUT", list + "/" + id, tsb, "\"v" + read + "\"", "{\"organization\": \"DMTF\", \"topics\": \"x\"}")
        .statusCode()).isEqualTo(412);
    assertThat(send("GET", list, null, null, null).body()).contains("Cloud management").doesNotContain("Cloud storage");
  }

  /**
   * The living list agreed at a meeting on the version its chair showed while another editor added an entry: the
   * agreement recorded the list as it stood, with the entry nobody at the meeting saw. Now the API refuses it with
   * a 412 problem and the page says what the list is now; nothing is recorded. On the version as it stands, or
   * with {@code *}, it is recorded as before.
   */
  @Test
  void aLivingListAgreedOnAVersionSomeoneChangedMeanwhileIsRefused() throws Exception {
    String list = "/api/v1/groups/cloud/living-list";
    assertThat(send("POST", list, tsb, null, "{\"organization\": \"IETF\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> read = send("GET", list, null, null, null);
    String seen = read.headers().firstValue("ETag").orElseThrow();
    // Read by anyone: "vN", or "vN-partial" when a liaison statement named is not public, naming the version too.
    assertThat(seen).matches("\"v" + read.body().replaceAll("(?s)^\\{\"version\":(\\d+).*", "$1") + "(-partial)?\"");
    String agreedBefore = send("GET", list + "?agreedAt=1006-gva", null, null, null).body();

    String unseen = "Unseen body " + System.nanoTime();
    assertThat(send("POST", list, tsb, null, "{\"organization\": \"" + unseen + "\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> stale = send("POST", list + "/agreements", tsb, seen, "{\"meeting\": \"1006-gva\"}");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(stale.body()).contains("was changed by someone else", "it was not recorded as agreed at 1006-gva");
    assertThat(send("GET", list + "?agreedAt=1006-gva", null, null, null).body()).isEqualTo(agreedBefore)
        .doesNotContain(unseen);

    // The page: its agreement form carries the version it shows; sent after an edit, the list says it changed.
    var tsbUser = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/groups/cloud/living-list").with(tsbUser)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    Matcher form = Pattern.compile("living-list/agreements\"[^>]*>(?:\\s*<input type=\"hidden\" name=\"_csrf\"[^>]*>)?"
        + "\\s*<input type=\"hidden\" name=\"editVersion\" value=\"(\\d+)\"").matcher(page);
    assertThat(form.find()).as("the agreement form carries the version it shows").isTrue();
    String later = "Later body " + System.nanoTime();
    assertThat(send("POST", list, tsb, null, "{\"organization\": \"" + later + "\"}").statusCode()).isEqualTo(201);
    String flash = mvc.perform(post("/groups/cloud/living-list/agreements").with(tsbUser).with(csrf())
            .param("meeting", "1006-gva").param("editVersion", form.group(1)))
        .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("problem").toString();
    assertThat(flash).contains("was changed by someone else", "1006-gva");
    assertThat(send("GET", list + "?agreedAt=1006-gva", null, null, null).body()).doesNotContain(later);

    String current = send("GET", list, null, null, null).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> agreed = send("POST", list + "/agreements", tsb, current, "{\"meeting\": \"1006-gva\"}");
    assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(201);
    assertThat(agreed.body()).contains(unseen, later);
    assertThat(send("POST", list + "/agreements", tsb, "*", "{\"meeting\": \"1006-gva\"}").statusCode()).isEqualTo(201);
  }

  private String group(String slug) throws Exception {
    HttpResponse<String> made = send("POST", "/api/v1/groups", tsb, null, GROUP.formatted(slug, "Focus Group on " + slug));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return slug;
  }

  /**
   * Makes the group with two milestones, "First draft" and "Final report", and a deliverable, "Cloud TR",
   * serving the first; returns the group's JSON with them.
   */
  private String plannedWithADeliverable(String slug, String group) throws Exception {
    String planned = group.replace("\"milestones\": []", "\"milestones\": [{\"dueOn\": \"2042-09-01\", \"title\": \"First draft\"},"
        + " {\"dueOn\": \"2042-12-01\", \"title\": \"Final report\"}]");
    assertThat(send("POST", "/api/v1/groups", tsb, null, planned).statusCode()).isEqualTo(201);
    HttpResponse<String> made = send("POST", "/api/v1/groups/" + slug + "/deliverables", tsb, null,
        "{\"title\": \"Cloud TR\", \"kind\": \"TECHNICAL_REPORT\", \"milestone\": \"First draft\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return planned;
  }

  private static String hidden(String page) {
    Matcher m = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(page);
    assertThat(m.find()).as("the form carries the version it shows").isTrue();
    return m.group(1);
  }

  private static String number(String etag) {
    Matcher m = ETAG.matcher(etag);
    assertThat(m.matches()).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> send(String method, String path, String token, String ifMatch, String json) throws Exception {
    return send(method, path, token, ifMatch, json, null, null);
  }

  private HttpResponse<String> send(String method, String path, String token, String ifMatch, String json,
      String header, String value) throws Exception {
    return header == null ? api().send(method, path, token, ifMatch, json)
        : api().send(method, path, token, ifMatch, json, header, value);
  }
}
