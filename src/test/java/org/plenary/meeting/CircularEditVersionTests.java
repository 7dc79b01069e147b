package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A circular draft is edited and issued as its secretary read it: two secretaries saving one draft do not
 * replace each other in silence, and a draft edited after the issuer read it is not frozen and mailed to
 * every focal point unseen (the page's forms carry the draft's version, the API's issue reads If-Match). On H2
 * here and on PostgreSQL in {@link PostgresCircularEditVersionTests}.
 */
@DemoTest
class CircularEditVersionTests {

  private static final Pattern EDIT_VERSION = Pattern.compile("name=\"editVersion\"[^>]*value=\"(\\d+)\"");

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired CircularDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;
  String code;
  String bearer;
  RequestPostProcessor tsb;

  @BeforeEach
  void setUp() {
    code = DemoMeetings.upcoming(groups, meetings);
    bearer = tokens.bearer("tsb");
    tsb = user(users.loadUserByUsername("tsb"));
  }

  @Test
  void aStaleEditOfTheDraftIsRefusedAndTheOtherEditStays() throws Exception {
    int id = draft("TSB Circular 961");
    String seenByA = versionOn("/circulars/" + id + "/edit");
    String seenByB = versionOn("/circulars/" + id + "/edit");
    edit(id, seenByB, "The venue moved to Montbrillant.")
        .andExpect(status().is3xxRedirection());

    String page = edit(id, seenByA, "Bring a laptop.").andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("changed by someone else since you opened it").contains("Bring a laptop.");
    mvc.perform(get("/api/v1/circulars/" + id).header("Authorization", bearer))
        .andExpect(jsonPath("$.paragraphs[0]").value("The venue moved to Montbrillant."));
    // The form shown again carries the version it now told of: saving it again is the editor's choice.
    Matcher again = EDIT_VERSION.matcher(page);
    assertThat(again.find()).isTrue();
    edit(id, again.group(1), "Bring a laptop.").andExpect(status().is3xxRedirection());
    mvc.perform(get("/api/v1/circulars/" + id).header("Authorization", bearer))
        .andExpect(jsonPath("$.paragraphs[0]").value("Bring a laptop."));
  }

  @Test
  void thePageIssuesOnlyTheDraftItShowed() throws Exception {
    int id = draft("TSB Circular 962");
    String shown = versionOn("/circulars/" + id);
    edit(id, versionOn("/circulars/" + id + "/edit"), "A paragraph the issuer never read.")
        .andExpect(status().is3xxRedirection());

    mvc.perform(post("/circulars/" + id + "/issue").with(tsb).with(csrf()).param("editVersion", shown))
        .andExpect(flash().attribute("problem", containsString("changed by someone else since you opened it")));
    mvc.perform(get("/api/v1/circulars/" + id).header("Authorization", bearer))
        .andExpect(jsonPath("$.status").value("DRAFT"));
  }

  @Test
  void theApiIssuesOnlyTheDraftItsIfMatchNames() throws Exception {
    int id = draft("TSB Circular 963");
    String read = mvc.perform(get("/api/v1/circulars/" + id).header("Authorization", bearer))
        .andExpect(status().isOk()).andExpect(header().exists("ETag"))
        .andReturn().getResponse().getHeader("ETag");
    edit(id, versionOn("/circulars/" + id + "/edit"), "A paragraph the client never read.")
        .andExpect(status().is3xxRedirection());

    mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", bearer).header("If-Match", read)
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isPreconditionFailed());
    String now = mvc.perform(get("/api/v1/circulars/" + id).header("Authorization", bearer))
        .andExpect(jsonPath("$.status").value("DRAFT")).andReturn().getResponse().getHeader("ETag");
    assertThat(now).isNotEqualTo(read);
    mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", bearer).header("If-Match", now)
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ISSUED"));
  }

  @Test
  void aCircularReadBeforeItsMeetingMovedIsNotIssuedWithTheOldDates() throws Exception {
    int id = draft("TSB Circular 964");
    String shown = versionOn("/circulars/" + id);
    String read = mvc.perform(get("/api/v1/circulars/" + id).header("Authorization", bearer))
        .andExpect(status().isOk()).andReturn().getResponse().getHeader("ETag");
    Meeting before = meetings.get("cloud", code);
    move(before, 7);
    try {
      mvc.perform(post("/circulars/" + id + "/issue").with(tsb).with(csrf()).param("editVersion", shown))
          .andExpect(flash().attribute("problem", containsString("changed by someone else since you opened it")));
      mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", bearer).header("If-Match", read)
              .contentType(MediaType.APPLICATION_JSON).content("{}"))
          .andExpect(status().isPreconditionFailed());
      String now = mvc.perform(get("/api/v1/circulars/" + id).header("Authorization", bearer))
          .andExpect(jsonPath("$.status").value("DRAFT")).andReturn().getResponse().getHeader("ETag");
      assertThat(now).isNotEqualTo(read);
      mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", bearer).header("If-Match", now)
              .contentType(MediaType.APPLICATION_JSON).content("{}"))
          .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ISSUED"));
    } finally {
      // The demo's upcoming meeting back where the demo put it: other tests of this shared context read its dates.
      move(before, 0);
    }
  }

  /** The meeting as {@code m} was, moved by {@code days} (its deadlines too). */
  private void move(Meeting m, int days) {
    java.util.function.Function<java.time.Instant, java.time.LocalDateTime> local =
        at -> java.time.LocalDateTime.ofInstant(at, m.timeZone()).plusDays(days);
    meetings.update("cloud", code, new MeetingDraft(m.code(), m.startDate().plusDays(days), m.endDate().plusDays(days),
        m.timeZone().getId(), m.venueName(), m.venueAddress(), m.venueCode(), m.openingTime(), m.deskOpensAt(),
        m.deskPlace(), m.fee(), m.languages(), m.paperless(), m.documentsPublic(), m.practicalInfo(),
        local.apply(m.registrationDeadline()), local.apply(m.contributionDeadline()), local.apply(m.visaDeadline()),
        m.latePolicy(), m.collocated(), m.hotels()));
  }

  @Test
  void theAnnouncementRulesAreSavedOnlyOverTheRulesTheirEditorRead() throws Exception {
    String seenByA = versionOn("/groups/fn/circulars/rules");
    String seenByB = versionOn("/groups/fn/circulars/rules");
    try {
      rules(seenByA, "6", "12").andExpect(status().is3xxRedirection());
      String page = rules(seenByB, "8", "10").andExpect(status().isOk())
          .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
      assertThat(page).contains("Someone else changed these rules since you opened this page: they are now 6 weeks and 12 days")
          .contains("value=\"8\"");
      assertThat(desk.rules(groups.get("fn").id())).isEqualTo(new AnnouncementRules(6, 12));
      // Saved again from the form that told of the change: the editor's choice.
      Matcher again = EDIT_VERSION.matcher(page);
      assertThat(again.find()).isTrue();
      rules(again.group(1), "8", "10").andExpect(status().is3xxRedirection());
      assertThat(desk.rules(groups.get("fn").id())).isEqualTo(new AnnouncementRules(8, 10));
    } finally {
      desk.setRules("fn", AnnouncementRules.DEFAULTS);
    }
  }

  private org.springframework.test.web.servlet.ResultActions rules(String version, String weeks, String days)
      throws Exception {
    return mvc.perform(post("/groups/fn/circulars/rules").with(tsb).with(csrf()).param("announceWeeks", weeks)
        .param("contributionDays", days).param("editVersion", version));
  }

  private int draft(String number) throws Exception {
    String created = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/circulars")
            .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON).content("""
                {"number":"%s","dated":"%s","signatory":"The Director"}""".formatted(number, LocalDate.now())))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return JsonPath.read(created, "$.id");
  }

  private String versionOn(String page) throws Exception {
    String html = mvc.perform(get(page).with(tsb)).andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    Matcher m = EDIT_VERSION.matcher(html);
    assertThat(m.find()).as("the form on %s carries the draft's version", page).isTrue();
    return m.group(1);
  }

  private org.springframework.test.web.servlet.ResultActions edit(int id, String version, String paragraph)
      throws Exception {
    return mvc.perform(post("/circulars/" + id + "/edit").with(tsb).with(csrf())
        .param("number", "TSB Circular E" + id).param("dated", LocalDate.now().toString())
        .param("signatory", "The Director").param("signatoryTitle", "").param("paragraphs", paragraph)
        .param("editVersion", version));
  }
}
