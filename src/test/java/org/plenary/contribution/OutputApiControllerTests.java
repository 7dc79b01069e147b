package org.plenary.contribution;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** Output documents: numbered by the management, uploaded and published like inputs, served from out/. */
@DemoTest
class OutputApiControllerTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  String code;
  String chair;
  String alice;
  String tsb;

  @BeforeEach
  void tokens() {
    code = DemoMeetings.upcoming(groups, meetings);
    chair = tokens.bearer("chair");
    alice = tokens.bearer("alice");
    tsb = tokens.bearer("tsb");
  }

  @Test
  void theChairNumbersAnOutputThatIsPublishedIntoTheMeetingsOutFolder() throws Exception {
    String input = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/contributions")
            .header("Authorization", alice).contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"Use cases\", \"source\": \"Orange\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()
        .replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
    String json = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/outputs").header("Authorization", chair)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"Report of the meeting\", \"type\": \"MEETING_REPORT\", \"editors\": [\"bob\"],"
                + " \"answers\": [\"" + input.toLowerCase() + "\"]}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.document.number").value(matchesPattern("FG-Cloud-O-\\d{4}")))
        .andExpect(jsonPath("$.document.source").value("FG Cloud"))
        .andExpect(jsonPath("$.type").value("MEETING_REPORT"))
        .andExpect(jsonPath("$.editors[0]").value("Bob Durand"))
        .andExpect(jsonPath("$.answers[0]").value(input))
        .andReturn().getResponse().getContentAsString();
    String number = json.replaceAll(".*\"number\":\"(FG-Cloud-O-\\d{4})\".*", "$1");

    mvc.perform(multipart("/api/v1/contributions/" + number + "/files")
            .file(new MockMultipartFile("file", number + ".pdf", "application/pdf", "report".getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", tokens.bearer("bob")))
        .andExpect(status().isCreated()).andExpect(jsonPath("$.late").value(false));
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.url").value("/t/fg/cloud/docs/" + code + "/out/" + number + ".pdf"));

    mvc.perform(get("/t/fg/cloud/docs/" + code + "/out/" + number + ".pdf")).andExpect(status().isOk())
        .andExpect(content().string("report"));
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/in/" + number + ".pdf")).andExpect(status().isNotFound());
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/").accept(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.entries[*].name").value(hasItem("out/")));
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/out/").accept(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.entries[*].name").value(hasItem(number + ".pdf")));
    mvc.perform(get("/api/v1/groups/cloud/meetings/" + code + "/outputs"))
        .andExpect(jsonPath("$[*].document.number").value(hasItem(number)));
  }

  @Test
  void aParticipantMayNotNumberOutputsAndEveryRefusalSaysWhy() throws Exception {
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/outputs").header("Authorization", alice)
            .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"Mine\", \"type\": \"LIAISON_STATEMENT\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("Only the group's management or the secretariat may number output documents."));
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/outputs").header("Authorization", chair)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"Reply\", \"type\": \"LIAISON_STATEMENT\", \"answers\": [\"FG-Cloud-I-9999\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message").value("\"FG-Cloud-I-9999\" is not an input document of FG Cloud."));
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/outputs")
            .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"Anon\", \"type\": \"LIAISON_STATEMENT\"}"))
        .andExpect(status().isUnauthorized());
  }
}
