package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A published document whose revision waits for the secretariat is still published: the API said
 * {@code "status": "INCOMING"} beside the published version's SHA-256 (a client asking whether it is published was
 * told no), the register and the document page said "uploaded, waiting for the secretariat", and the register hid
 * the folder's ZIP when that document was the meeting's only published one. Each now says both.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-revision-waiting;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class PublishedWithRevisionWaitingTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired org.springframework.security.core.userdetails.UserDetailsService users;

  @Test
  void aPublishedDocumentWithARevisionWaitingIsPublishedOnTheApiThePagesAndTheCsv() throws Exception {
    var api = new DemoMockApi(mvc, tokens, meetings, groups);
    String code = DemoMeetings.upcoming(groups, meetings);
    String number = api.allocate("Published, then revised");
    String published = api.upload(number, "the original");
    String tsb = tokens.bearer("tsb");
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb))
        .andExpect(status().isOk());
    String waiting = DemoApi.field(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .multipart("/api/v1/contributions/" + number + "/files")
            .file(new org.springframework.mock.web.MockMultipartFile("file", number + "r1.txt", "text/plain",
                "the revision".getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", tokens.bearer("alice")))
        .andExpect(status().is2xxSuccessful()).andReturn().getResponse().getContentAsString(), "sha256");

    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tsb))
        .andExpect(jsonPath("$.status").value("PUBLISHED"))
        .andExpect(jsonPath("$.revisionWaiting").value(true))
        .andExpect(jsonPath("$.sha256").value(published))
        .andExpect(jsonPath("$.incoming.sha256").value(waiting));
    mvc.perform(get("/api/v1/groups/cloud/meetings/" + code + "/contributions").header("Authorization", tsb))
        .andExpect(jsonPath("$[?(@.number == '" + number + "')].status").value("PUBLISHED"))
        .andExpect(jsonPath("$[?(@.number == '" + number + "')].revisionWaiting").value(true));

    String register = page("/groups/cloud/meetings/" + code + "/documents");
    String row = register.substring(register.indexOf(number + "</a>"));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row).contains(">published<").contains("revision r1 waiting for the secretariat")
        .doesNotContain("uploaded, waiting for the secretariat");
    assertThat(register).as("the published folder's ZIP is offered").contains("/docs/" + code + "/in.zip");
    assertThat(page("/documents/" + number)).contains("revision r1 waiting for the secretariat")
        .doesNotContain("uploaded, waiting for the secretariat");
    String csv = page("/groups/cloud/meetings/" + code + "/documents.csv?lang=en");
    assertThat(csv.lines().filter(line -> line.contains(number)).findFirst().orElseThrow())
        .contains("published; revision r1 waiting for the secretariat");
  }

  private String page(String path) throws Exception {
    return mvc.perform(get(path).with(org.springframework.security.test.web.servlet.request
            .SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername("tsb"))))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
