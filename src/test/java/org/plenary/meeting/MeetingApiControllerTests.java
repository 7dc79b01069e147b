package org.plenary.meeting;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@DemoTest
class MeetingApiControllerTests {

  private static final String MEETING = """
      {"startDate": "%s", "endDate": "%s", "venueName": "ITU Headquarters, Geneva", "venueCode": "gva",
       "timeZone": "Europe/Zurich", "languages": "English", "documentsPublic": true}""";

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired org.springframework.security.core.userdetails.UserDetailsService users;

  @Test
  void anyoneReadsTheMeetingWithItsAgendaAndDeadlinesInItsTimeZone() throws Exception {
    mvc.perform(get("/api/v1/groups/cloud/meetings/1006-gva"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.code").value("1006-gva"))
        .andExpect(jsonPath("$.startDate").value("2010-06-14"))
        .andExpect(jsonPath("$.endDate").value("2010-06-16"))
        .andExpect(jsonPath("$.timeZone").value("Europe/Zurich"))
        .andExpect(jsonPath("$.agenda[0].title").value("Leadership positions: FG management panel"))
        .andExpect(jsonPath("$.agenda.length()").value(8))
        .andExpect(jsonPath("$.deadlines[0].dueAt").value("2010-06-01T23:59:00+02:00"))
        .andExpect(jsonPath("$.deadlines[1].kind").value("CONTRIBUTIONS"))
        .andExpect(jsonPath("$.deadlines[1].display").value("Monday 7 June 2010, 23:59 CEST (Europe/Zurich)"))
        .andExpect(jsonPath("$.collocated[0]").value("Focus Group on Smart Grid (FG Smart)"));
    mvc.perform(get("/api/v1/groups/cloud/meetings")).andExpect(jsonPath("$[*].code", hasItem("1006-gva")));
  }

  @Test
  void anUnknownMeetingIsANotFoundProblem() throws Exception {
    mvc.perform(get("/api/v1/groups/cloud/meetings/9912-xxx"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.detail").value("The group \"cloud\" has no meeting \"9912-xxx\"."));
    mvc.perform(get("/api/v1/groups/nope/meetings"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("There is no group \"nope\"."));
  }

  @Test
  void onlyTheSecretariatSchedulesMeetings() throws Exception {
    String body = MEETING.formatted("2035-01-15", "2035-01-17");
    mvc.perform(post("/api/v1/groups/smartgrid/meetings").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"plenary\""))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(post("/api/v1/groups/smartgrid/meetings").header("Authorization", tokens.bearer("alice"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.status").value(403));
    mvc.perform(post("/api/v1/groups/smartgrid/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/groups/smartgrid/meetings/3501-gva"))
        .andExpect(jsonPath("$.deadlines[1].dueAt").value("2035-01-05T23:59:00+01:00"));
  }

  /**
   * 02:30 comes twice in Zurich on 30 October 2033. A deadline sent as a meeting's GET gives it, with its offset,
   * kept only the local time and became the second 02:30 whatever the offset said: "+02:00" (the first, summer
   * time) moved an hour later in silence. The offset sent is kept when it is one of that time's; without one (the
   * page, the local fields) the second coming is the rule.
   */
  @Test
  void aDeadlineSentWithTheOffsetOfTheFirstOfTwoSameLocalTimesKeepsThatOffset() throws Exception {
    String meeting = MEETING.replace("}", ", \"deadlines\": [{\"kind\": \"CONTRIBUTIONS\", \"dueAt\": \"%s\"}]}");
    mvc.perform(post("/api/v1/groups/fn/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(meeting.formatted("2033-11-10", "2033-11-11", "2033-10-30T02:30:00+02:00")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.deadlines[1].kind").value("CONTRIBUTIONS"))
        .andExpect(jsonPath("$.deadlines[1].dueAt").value("2033-10-30T02:30:00+02:00"))
        .andExpect(jsonPath("$.deadlines[1].display").value("Sunday 30 October 2033, 02:30 CEST (Europe/Zurich)"));
    mvc.perform(post("/api/v1/groups/smartgrid/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(meeting.formatted("2033-11-10", "2033-11-11", "2033-10-30T02:30:00+01:00")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.deadlines[1].dueAt").value("2033-10-30T02:30:00+01:00"))
        .andExpect(jsonPath("$.deadlines[1].display").value("Sunday 30 October 2033, 02:30 CET (Europe/Zurich)"));
  }

  /**
   * The page's deadline fields carry no offset (the browser's datetime-local has none): a page save of a meeting whose
   * contribution deadline the API had set at the first of two 02:30s turned it into the second, an hour later, though
   * nobody touched it. A deadline given back unchanged keeps its instant; one typed anew takes the documented rule.
   */
  @Test
  void aPageSaveKeepsADeadlineAtTheFirstOfTwoSameLocalTimesItDidNotEdit() throws Exception {
    String meeting = MEETING.replace("}", ", \"code\": \"3311-ovl\", \"deadlines\": [{\"kind\": \"CONTRIBUTIONS\", \"dueAt\": \"%s\"}]}");
    mvc.perform(post("/api/v1/groups/smartgrid/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(meeting.formatted("2033-11-24", "2033-11-25", "2033-10-30T02:30:00+02:00")))
        .andExpect(status().isCreated());
    String page = mvc.perform(get("/groups/smartgrid/meetings/3311-ovl/edit").with(tsb()))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    mvc.perform(post("/groups/smartgrid/meetings/3311-ovl/edit").with(tsb()).with(csrf())
            .param("code", "3311-ovl").param("startDate", "2033-11-24").param("endDate", "2033-11-25")
            .param("timeZone", "Europe/Zurich").param("venueName", "ITU Headquarters, Geneva (Montbrillant)")
            .param("venueCode", "gva").param("languages", "English").param("documentsPublic", "true")
            .param("latePolicy", "FLAG").param("editVersion", value(page, "editVersion"))
            .param("registrationDeadline", value(page, "registrationDeadline"))
            .param("contributionDeadline", value(page, "contributionDeadline"))
            .param("visaDeadline", value(page, "visaDeadline")))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get("/api/v1/groups/smartgrid/meetings/3311-ovl"))
        .andExpect(jsonPath("$.venueName").value("ITU Headquarters, Geneva (Montbrillant)"))
        .andExpect(jsonPath("$.deadlines[1].dueAt").value("2033-10-30T02:30:00+02:00"));
  }

  /**
   * A deadline typed anew on the page at a time the clocks show twice (02:30 on 30 October 2033 in Zurich) took the
   * later one in silence. The page now asks: the form again with the typed time kept, a field error naming both
   * instants with their offsets and a choice beside the field (only then); the second save takes the one chosen.
   */
  @Test
  void aDeadlineTypedAnewOnThePageAtATimeShownTwiceIsAskedWhichOneIsMeant() throws Exception {
    mvc.perform(post("/api/v1/groups/smartgrid/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(MEETING.replace("}", ", \"code\": \"3312-ovl\"}").formatted("2033-11-24", "2033-11-25")))
        .andExpect(status().isCreated());
    String page = mvc.perform(get("/groups/smartgrid/meetings/3312-ovl/edit").with(tsb()))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThat(page).doesNotContain("DeadlineOffset").doesNotContain("deadlineOffsets");
    String before = mvc.perform(get("/api/v1/groups/smartgrid/meetings/3312-ovl")).andReturn().getResponse()
        .getContentAsString();

    String asked = mvc.perform(edit(page, "3312-ovl", "2033-10-30T02:30"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThat(asked)
        .contains("2033-10-30 02:30 comes twice in Europe/Zurich")
        .contains("first 2033-10-30 02:30 CEST (UTC+02:00), then an hour later 2033-10-30 02:30 CET (UTC+01:00)")
        .contains("value=\"2033-10-30T02:30")
        .contains("<select id=\"contributionDeadlineOffset\" name=\"deadlineOffsets[contributionDeadline]\">")
        .contains("<option value=\"+02:00\" translate=\"no\">2033-10-30 02:30 CEST (UTC+02:00)</option>")
        .doesNotContain("registrationDeadlineOffset").doesNotContain("visaDeadlineOffset")
        .doesNotContain("deadlineOffsets[registrationDeadline]").doesNotContain("deadlineOffsets[visaDeadline]");
    org.assertj.core.api.Assertions.assertThat(mvc.perform(get("/api/v1/groups/smartgrid/meetings/3312-ovl"))
        .andReturn().getResponse().getContentAsString()).as("nothing saved").isEqualTo(before);

    mvc.perform(edit(asked, "3312-ovl", "2033-10-30T02:30").param("deadlineOffsets[contributionDeadline]", "+02:00"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get("/api/v1/groups/smartgrid/meetings/3312-ovl"))
        .andExpect(jsonPath("$.deadlines[1].dueAt").value("2033-10-30T02:30:00+02:00"));
    // Saved again as it is, it is not asked about again, and keeps the first.
    String saved = mvc.perform(get("/groups/smartgrid/meetings/3312-ovl/edit").with(tsb())).andReturn().getResponse()
        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    mvc.perform(edit(saved, "3312-ovl", value(saved, "contributionDeadline"))).andExpect(status().is3xxRedirection());
    mvc.perform(get("/api/v1/groups/smartgrid/meetings/3312-ovl"))
        .andExpect(jsonPath("$.deadlines[1].dueAt").value("2033-10-30T02:30:00+02:00"));
  }

  private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder edit(String page, String code,
      String contributionDeadline) {
    return post("/groups/smartgrid/meetings/" + code + "/edit").with(tsb()).with(csrf())
        .param("code", code).param("startDate", "2033-11-24").param("endDate", "2033-11-25")
        .param("timeZone", "Europe/Zurich").param("venueName", "ITU Headquarters, Geneva")
        .param("venueCode", "gva").param("languages", "English").param("documentsPublic", "true")
        .param("latePolicy", "FLAG").param("editVersion", value(page, "editVersion"))
        .param("registrationDeadline", value(page, "registrationDeadline"))
        .param("contributionDeadline", contributionDeadline)
        .param("visaDeadline", value(page, "visaDeadline"));
  }

  private org.springframework.test.web.servlet.request.RequestPostProcessor tsb() {
    return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
        users.loadUserByUsername("tsb"));
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor csrf() {
    return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
  }

  private static String value(String page, String field) {
    var m = java.util.regex.Pattern.compile("name=\"" + field + "\"[^>]*value=\"([^\"]*)\"").matcher(page);
    org.assertj.core.api.Assertions.assertThat(m.find()).as("the form carries %s", field).isTrue();
    return m.group(1);
  }

  @Test
  void invalidMeetingsAreRefusedFieldByField() throws Exception {
    mvc.perform(post("/api/v1/groups/fn/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(MEETING.formatted("2036-05-10", "2036-05-08")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("endDate"))
        .andExpect(jsonPath("$.errors[0].message").value("The meeting cannot end before it starts."));
    mvc.perform(post("/api/v1/groups/fn/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"venueName\": \"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("startDate")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("venueName")));
    mvc.perform(post("/api/v1/groups/fn/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void theChairReplacesTheAgendaAndEveryItemNeedsATitle() throws Exception {
    mvc.perform(put("/api/v1/groups/cloud/meetings/1006-gva/agenda").header("Authorization", tokens.bearer("chair"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"items\": [{\"title\": \"Opening\"}, {\"title\": \"\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("items[1].title"));
    mvc.perform(put("/api/v1/groups/smartgrid/meetings/1006-gva/agenda").header("Authorization", tokens.bearer("chair"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"items\": [{\"title\": \"Opening\"}]}"))
        .andExpect(status().isForbidden());
    mvc.perform(put("/api/v1/groups/cloud/meetings/1006-gva/agenda").header("Authorization", tokens.bearer("chair"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"items\": [{\"title\": \"Leadership positions: FG management panel\"}, {\"title\": \"Working methods\"},"
                + "{\"title\": \"Tools\"}, {\"title\": \"Focus group structure\"}, {\"title\": \"Relationships\"},"
                + "{\"title\": \"Review of contributions\"}, {\"title\": \"Promotion\"}, {\"title\": \"SDO/Forums presentations\"}]}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.agenda.length()").value(8));
    mvc.perform(put("/api/v1/groups/cloud/meetings/1006-gva/agenda").header("Authorization", tokens.bearer("alice"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"items\": [{\"title\": \"Opening\"}]}"))
        .andExpect(status().isForbidden());
  }

  @Test
  void anUnknownTokenIsRefused() throws Exception {
    mvc.perform(post("/api/v1/groups/fn/meetings").header("Authorization", "Bearer plenary_forged")
            .contentType(MediaType.APPLICATION_JSON).content(MEETING.formatted("2036-05-10", "2036-05-12")))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("unknown, revoked or expired")));
  }
}
