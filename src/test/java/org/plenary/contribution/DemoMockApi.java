package org.plenary.contribution;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.plenary.DemoMeetings;
import java.nio.charset.StandardCharsets;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo's API through MockMvc, as alice: a number of the demo's coming meeting, the waiting version uploaded or
 * replaced. {@link DemoApi} is the same on a real port.
 */
record DemoMockApi(MockMvc mvc, ApiTokens tokens, MeetingCatalog meetings, GroupCatalog groups) {

  /** A new number of the demo's coming FG Cloud meeting, titled {@code title}, allocated to alice. */
  String allocate(String title) throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String json = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/contributions")
            .header("Authorization", tokens.bearer("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"" + title + "\", \"source\": \"An organization\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return DemoApi.field(json, "number");
  }

  /** Uploads (or replaces) the waiting version as alice; its SHA-256. */
  String upload(String number, String content) throws Exception {
    String json = mvc.perform(multipart("/api/v1/contributions/" + number + "/files")
            .file(new MockMultipartFile("file", number + ".txt", "text/plain", content.getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", tokens.bearer("alice")).header("If-Match", "*"))
        .andExpect(status().is2xxSuccessful()).andReturn().getResponse().getContentAsString();
    return DemoApi.field(json, "sha256");
  }
}
