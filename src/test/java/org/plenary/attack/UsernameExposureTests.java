package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
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

/**
 * Issue 10, item 4: a document's public page and audit trail name people, never the usernames
 * they sign in with, so reading the register gives a guesser no list of accounts; nor do a group's
 * leadership and an issued circular's confirmed warnings, except to those who edit them.
 */
@DemoTest
class UsernameExposureTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;

  @Test
  void aStrangerReadingADocumentAndItsAuditTrailLearnsNoUsername() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String number = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/contributions")
            .header("Authorization", tokens.bearer("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"Who wrote this\", \"source\": \"Orange\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()
        .replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
    mvc.perform(multipart("/api/v1/contributions/" + number + "/files")
            .file(new MockMultipartFile("file", number + ".txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", tokens.bearer("alice")))
        .andExpect(status().isCreated());
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk());

    String audit = mvc.perform(get("/api/v1/contributions/" + number + "/audit")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(audit).contains("\"actor\":\"Alice Martin\"").doesNotContain("\"alice\"", "\"tsb\"");
    String page = mvc.perform(get("/documents/" + number)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("Alice Martin").doesNotContainPattern(">\\s*alice\\b").doesNotContain("alice,");
  }

  @Test
  void aStrangerOrAParticipantReadingAGroupOrAnIssuedCircularLearnsNoUsername() throws Exception {
    // The group's leadership named the chair's account, and an issued circular who confirmed its warnings.
    for (String reader : new String[] {null, "alice"}) {
      String group = read("/api/v1/groups/cloud", reader);
      assertThat(group).as(String.valueOf(reader)).contains("\"personName\":\"Vladimir Belenkovich\"")
          .doesNotContain("\"chair\"").contains("\"username\":null");
      String circulars = read("/api/v1/groups/cloud/meetings/1006-gva/circulars", reader);
      assertThat(circulars).as(String.valueOf(reader)).contains("\"confirmedAt\"").doesNotContain("\"tsb\"");
    }
    // Those who may edit the group read it as they send it back, accounts included; the secretariat sees who confirmed.
    assertThat(read("/api/v1/groups/cloud", "chair")).contains("\"username\":\"chair\"");
    assertThat(read("/api/v1/groups/cloud/meetings/1006-gva/circulars", "tsb")).contains("\"confirmedBy\":\"tsb\"");
  }

  private String read(String path, String reader) throws Exception {
    var request = get(path);
    if (reader != null) {
      request.header("Authorization", tokens.bearer(reader));
    }
    return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }
}
