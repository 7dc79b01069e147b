package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10, item 4: a document's public page and audit trail name people, never the usernames
 * they sign in with, so reading the register gives a guesser no list of accounts.
 */
@DemoTest
class UsernameExposureTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;

  @Test
  void aStrangerReadingADocumentAndItsAuditTrailLearnsNoUsername() throws Exception {
    String code = MeetingCatalog.deriveCode(LocalDate.now().plusWeeks(8), "gva");
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
}
