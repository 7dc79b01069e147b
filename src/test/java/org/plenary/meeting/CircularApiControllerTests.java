package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfText;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The circular over the API: listed, drafted, read in a language, issued with reasons, served as PDF. */
@DemoTest
class CircularApiControllerTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  String code;
  String tsb;

  @BeforeEach
  void setUp() {
    code = DemoMeetings.upcoming(groups, meetings);
    tsb = tokens.bearer("tsb");
  }

  @Test
  void anyoneListsAndReadsTheIssuedCircular114InEnglishAndChinese() throws Exception {
    String list = mvc.perform(get("/api/v1/groups/cloud/meetings/1006-gva/circulars"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].title").value("TSB Circular 114"))
        .andExpect(jsonPath("$[0].status").value("ISSUED"))
        .andExpect(jsonPath("$[0].sha256.en").isString())
        .andExpect(jsonPath("$[0].warnings[0].rule").value("SHORT_CONTRIBUTION_WINDOW"))
        .andReturn().getResponse().getContentAsString();
    int id = JsonPath.read(list, "$[0].id");
    mvc.perform(get("/api/v1/circulars/" + id).queryParam("lang", "zh"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.document.lang").value("zh"))
        .andExpect(jsonPath("$.document.blocks[*].label", hasItem("事由")));
    mvc.perform(get("/api/v1/circulars/" + id + ".pdf").queryParam("lang", "zh"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/pdf"));
    mvc.perform(get("/api/v1/groups/cloud/meetings/1006-gva"))
        .andExpect(jsonPath("$.announcedAt").value("2010-05-10T08:00:00Z"));
  }

  @Test
  void theSecretariatDraftsAndIssuesWithAReasonForEachWarning() throws Exception {
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/circulars").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("{\"number\":\"\",\"signatory\":\"X\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    String created = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/circulars").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("""
                {"number":"TSB Circular 950","dated":"%s","signatory":"The Director","paragraphs":["Bring a laptop."]}"""
                .formatted(LocalDate.now())))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", containsString("/api/v1/circulars/")))
        .andExpect(jsonPath("$.status").value("DRAFT"))
        .andExpect(jsonPath("$.document.blocks[*].text", hasItem("Bring a laptop.")))
        .andReturn().getResponse().getContentAsString();
    int id = JsonPath.read(created, "$.id");
    mvc.perform(get("/api/v1/circulars/" + id)).andExpect(status().isNotFound());
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/circulars").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"number\":\"TSB Circular 950\",\"dated\":\"2030-01-01\",\"signatory\":\"X\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("number"));

    // The demo's upcoming meeting starts eight weeks ahead: a group asking for ten weeks makes it late.
    setRules(10, 10);
    try {
      mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", tsb)
              .contentType(MediaType.APPLICATION_JSON).content("{}"))
          .andExpect(status().isConflict())
          .andExpect(jsonPath("$.warnings[0].rule").value("LATE_ANNOUNCEMENT"));
      mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", tsb)
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"confirmations\":[{\"rule\":\"LATE_ANNOUNCEMENT\",\"reason\":\"Dates fixed late.\"}]}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status").value("ISSUED"))
          .andExpect(jsonPath("$.warnings[0].reason").value("Dates fixed late."));
    } finally {
      setRules(4, 10);
    }
    byte[] pdf = mvc.perform(get("/api/v1/circulars/" + id + ".pdf")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
    assertThat(PdfText.of(pdf).stripped()).contains("TSB Circular 950", "Bring a laptop.");
    mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isConflict());
    mvc.perform(post("/api/v1/circulars/" + id + "/notices").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"ADDENDUM\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("Nothing")));
  }

  @Autowired CircularDesk desk;

  private void setRules(int weeks, int days) {
    desk.setRules("cloud", new AnnouncementRules(weeks, days));
  }
}
