package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The secretariat publishes the version it reviewed: the API's {@code If-Match} (the incoming file's
 * ETag), the document page and the incoming list name it, and a version its author put in its place
 * meanwhile is not published in its stead (412 on the API, the reason on the page). It rejects the version it
 * reviewed, likewise: a reason written about one version never lands on the correction sent meanwhile. It
 * withdraws what it read: a revision published or sent since is not taken out of the folders unseen.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-publish-reviewed;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class PublishReviewedVersionTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired UserDetailsService users;

  @Test
  void theApiPublishesOnlyTheVersionItsIfMatchNames() throws Exception {
    String number = allocate();
    String reviewed = upload(number, "first version");
    String replaced = upload(number, "second version, put in its place");
    String tsb = tokens.bearer("tsb");

    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb)
            .header("If-Match", "\"" + reviewed + "\""))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString("replaced since you reviewed it")))
        .andExpect(jsonPath("$.detail").value(containsString(replaced.substring(0, 12))));
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tsb))
        .andExpect(jsonPath("$.status").value("INCOMING"));

    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb)
            .header("If-Match", "W/\"" + replaced + "\""))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"));
  }

  @Test
  void thePagesPublishOnlyTheVersionTheyShowed() throws Exception {
    String number = allocate();
    String shown = upload(number, "the version on the page");
    var tsb = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/documents/" + number).with(tsb)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("name=\"reviewed\" value=\"" + shown + "\"");
    String list = mvc.perform(get("/groups/cloud/incoming").with(tsb)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(list).contains("name=\"reviewed\" value=\"" + number + ":" + shown + "\"");
    upload(number, "a newer version, not reviewed");

    mvc.perform(post("/documents/" + number + "/publish").with(tsb).with(csrf()).param("reviewed", shown))
        .andExpect(flash().attribute("problem", containsString("replaced since you reviewed it")));
    mvc.perform(post("/groups/cloud/incoming/publish").with(tsb).with(csrf())
            .param("number", number).param("reviewed", number + ":" + shown))
        .andExpect(flash().attribute("problem", containsString("replaced since you reviewed it")));
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tokens.bearer("tsb")))
        .andExpect(jsonPath("$.status").value("INCOMING"));
  }

  @Test
  void theApiRejectsOnlyTheVersionItsIfMatchNames() throws Exception {
    String number = allocate();
    String reviewed = upload(number, "a version the secretariat finds wanting");
    String replaced = upload(number, "its correction, sent while the reason was being written");
    String tsb = tokens.bearer("tsb");

    mvc.perform(post("/api/v1/contributions/" + number + "/reject").header("Authorization", tsb)
            .header("If-Match", "\"" + reviewed + "\"").contentType("application/json")
            .content("{\"reason\":\"Please use the template.\"}"))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString("nothing was rejected")))
        .andExpect(jsonPath("$.detail").value(containsString(replaced.substring(0, 12))));
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tsb))
        .andExpect(jsonPath("$.status").value("INCOMING"));

    mvc.perform(post("/api/v1/contributions/" + number + "/reject").header("Authorization", tsb)
            .header("If-Match", "\"" + replaced + "\"").contentType("application/json")
            .content("{\"reason\":\"Still not the template.\"}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ALLOCATED"));
  }

  @Test
  void thePageRejectsOnlyTheVersionItShowed() throws Exception {
    String number = allocate();
    String shown = upload(number, "the version on the page");
    var tsb = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/documents/" + number).with(tsb)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page.substring(page.indexOf("/reject\""))).contains("name=\"reviewed\" value=\"" + shown + "\"");
    upload(number, "a newer version, not reviewed");

    mvc.perform(post("/documents/" + number + "/reject").with(tsb).with(csrf()).param("reviewed", shown)
            .param("reason", "Please use the template."))
        .andExpect(flash().attribute("problem", containsString("nothing was rejected")));
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tokens.bearer("tsb")))
        .andExpect(jsonPath("$.status").value("INCOMING"));
  }

  @Test
  void theApiWithdrawsOnlyTheVersionsItsIfMatchNames() throws Exception {
    String number = allocate();
    String published = upload(number, "the original, published");
    String tsb = tokens.bearer("tsb");
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb))
        .andExpect(status().isOk());
    String unseen = uploadRevision(number, "a revision sent after the secretariat read the document");

    mvc.perform(post("/api/v1/contributions/" + number + "/withdraw").header("Authorization", tsb)
            .header("If-Match", "\"" + published + "\"").contentType("application/json")
            .content("{\"reason\":\"Withdrawn by its source.\"}"))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString("nothing was withdrawn")))
        .andExpect(jsonPath("$.detail").value(containsString(unseen.substring(0, 12))));
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tsb))
        .andExpect(jsonPath("$.status").value("PUBLISHED")).andExpect(jsonPath("$.revisionWaiting").value(true))
        .andExpect(jsonPath("$.sha256").value(published))
        .andExpect(jsonPath("$.incoming.sha256").value(unseen));

    // A revision published by another secretary since: the latest published version was not the one read.
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb))
        .andExpect(status().isOk());
    mvc.perform(post("/api/v1/contributions/" + number + "/withdraw").header("Authorization", tsb)
            .header("If-Match", "\"" + published + "\""))
        .andExpect(status().isPreconditionFailed());
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tsb))
        .andExpect(jsonPath("$.status").value("PUBLISHED"));

    mvc.perform(post("/api/v1/contributions/" + number + "/withdraw").header("Authorization", tsb)
            .header("If-Match", "\"" + published + "\", W/\"" + unseen + "\""))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"));
  }

  @Test
  void thePageWithdrawsOnlyTheVersionsItShowed() throws Exception {
    String number = allocate();
    String published = upload(number, "the original, published");
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk());
    var tsb = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/documents/" + number).with(tsb)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page.substring(page.indexOf("/withdraw\""))).contains("name=\"seen\" value=\"" + published + "\"");
    String unseen = uploadRevision(number, "a revision sent while the page was open");

    mvc.perform(post("/documents/" + number + "/withdraw").with(tsb).with(csrf()).param("seen", published)
            .param("reason", "Withdrawn by its source."))
        .andExpect(flash().attribute("problem", containsString("nothing was withdrawn")));
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tokens.bearer("tsb")))
        .andExpect(jsonPath("$.status").value("PUBLISHED")).andExpect(jsonPath("$.revisionWaiting").value(true))
        .andExpect(jsonPath("$.sha256").value(published))
        .andExpect(jsonPath("$.incoming.sha256").value(unseen));

    mvc.perform(post("/documents/" + number + "/withdraw").with(tsb).with(csrf()).param("seen", published)
            .param("seen", unseen).param("reason", "Withdrawn by its source."))
        .andExpect(flash().attribute("notice", containsString(number)));
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", tokens.bearer("tsb")))
        .andExpect(jsonPath("$.status").value("WITHDRAWN"));
  }

  /** Sends revision 1 of {@code number} as alice; its SHA-256. */
  private String uploadRevision(String number, String content) throws Exception {
    String json = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .multipart("/api/v1/contributions/" + number + "/files")
            .file(new org.springframework.mock.web.MockMultipartFile("file", number + "r1.txt", "text/plain",
                content.getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", tokens.bearer("alice")))
        .andExpect(status().is2xxSuccessful()).andReturn().getResponse().getContentAsString();
    return DemoApi.field(json, "sha256");
  }

  private String allocate() throws Exception {
    return api().allocate("Reviewed");
  }

  private String upload(String number, String content) throws Exception {
    return api().upload(number, content);
  }

  private DemoMockApi api() {
    return new DemoMockApi(mvc, tokens, meetings, groups);
  }
}
