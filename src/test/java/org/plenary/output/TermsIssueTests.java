package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The terminology register is issued in one action as a terminology output document carrying its PDF. */
@DemoTest
class TermsIssueTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;

  @Test
  void theManagementIssuesTheRegisterAsAnOutputDocumentWithItsPdf() throws Exception {
    String chair = tokens.bearer("chair");
    mvc.perform(post("/api/v1/groups/cloud/terms").header("Authorization", chair).contentType(MediaType.APPLICATION_JSON)
        .content("{\"term\":\"Elasticity issued\",\"definition\":\"Scaling resources with demand.\"}"))
        .andExpect(status().isCreated());

    String body = mvc.perform(post("/api/v1/groups/cloud/terms/issue").param("meeting", "1006-gva")
        .header("Authorization", chair))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/contributions/FG-Cloud-O-")))
        .andReturn().getResponse().getContentAsString();
    String number = body.replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
    assertThat(body).contains("\"fileName\":\"" + number + ".pdf\"");
    String document = mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", chair))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(document).contains("Terminology of FG Cloud", number + ".pdf");
  }

  @Test
  void aParticipantMayNotIssueItAndAMeetingIsRequired() throws Exception {
    mvc.perform(post("/api/v1/groups/cloud/terms/issue").param("meeting", "1006-gva")
        .header("Authorization", tokens.bearer("alice")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("management")));
    mvc.perform(post("/api/v1/groups/cloud/terms/issue")).andExpect(status().isUnauthorized());
    mvc.perform(post("/api/v1/groups/cloud/terms/issue").header("Authorization", tokens.bearer("chair")))
        .andExpect(status().is4xxClientError())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Choose the meeting")));
  }

  @Test
  void theTermsPageIssuesTheRegisterWithOneButton() throws Exception {
    var chair = users.loadUserByUsername("chair");
    mvc.perform(post("/api/v1/groups/cloud/terms").header("Authorization", tokens.bearer("chair"))
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"term\":\"Tenant issued\",\"definition\":\"A user of a shared service.\"}"))
        .andExpect(status().isCreated());
    String page = mvc.perform(get("/groups/cloud/terms").with(user(chair))).andExpect(status().isOk()).andReturn()
        .getResponse().getContentAsString();
    assertThat(page).contains("id=\"issue-terms\"", "action=\"/groups/cloud/terms/issue\"");
    mvc.perform(post("/groups/cloud/terms/issue").param("meeting", "1006-gva").with(user(chair)).with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/documents/FG-Cloud-O-")));
  }

  /**
   * The register is issued as its issuer read it: a term proposed after the page or the API's list was read is not
   * numbered and uploaded unseen (the page's flash, the API's 412, nothing allocated); read again, it is issued.
   */
  @Test
  void theRegisterIsIssuedOnlyAsItsIssuerReadIt() throws Exception {
    var chair = users.loadUserByUsername("chair");
    String bearer = tokens.bearer("chair");
    propose(bearer, "Multi-tenancy read");
    String page = mvc.perform(get("/groups/cloud/terms").with(user(chair))).andExpect(status().isOk()).andReturn()
        .getResponse().getContentAsString();
    var shown = java.util.regex.Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(page);
    assertThat(shown.find()).as("the issue form carries the register's version").isTrue();
    String read = mvc.perform(get("/api/v1/groups/cloud/terms").header("Authorization", bearer))
        .andExpect(status().isOk()).andExpect(header().exists("ETag")).andReturn().getResponse().getHeader("ETag");
    propose(bearer, "Hypervisor unseen");

    mvc.perform(post("/groups/cloud/terms/issue").param("meeting", "1006-gva").param("editVersion", shown.group(1))
            .with(user(chair)).with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(header().string("Location", "/groups/cloud/terms"))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("problem",
            org.hamcrest.Matchers.containsString("The terminology of FG Cloud changed since you read it")));
    mvc.perform(post("/api/v1/groups/cloud/terms/issue").param("meeting", "1006-gva").header("Authorization", bearer)
            .header("If-Match", read))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was issued")));
    String now = mvc.perform(get("/api/v1/groups/cloud/terms").header("Authorization", bearer))
        .andReturn().getResponse().getHeader("ETag");
    assertThat(now).isNotEqualTo(read);
    mvc.perform(post("/api/v1/groups/cloud/terms/issue").param("meeting", "1006-gva").header("Authorization", bearer)
            .header("If-Match", now))
        .andExpect(status().isCreated());
  }

  private void propose(String bearer, String term) throws Exception {
    mvc.perform(post("/api/v1/groups/cloud/terms").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
        .content("{\"term\":\"" + term + "\",\"definition\":\"A definition.\"}"))
        .andExpect(status().isCreated());
  }

  @Test
  void aRefusedTermShowsItsMessageBesideItsField() throws Exception {
    var chair = users.loadUserByUsername("chair");
    var sent = mvc.perform(post("/groups/cloud/terms").param("term", "").param("definition", "")
        .with(user(chair)).with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
    // As a browser does: the redirect is followed in the same session (kept in the database), where the flash waits.
    var session = sent.getResponse().getCookie("SESSION");
    var request = get("/groups/cloud/terms").with(user(chair));
    String page = mvc.perform(session == null ? request.flashAttrs(sent.getFlashMap()) : request.cookie(session))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).containsPattern("<p class=\"error\" id=\"term-error\">[^<]+</p>")
        .contains("aria-describedby=\"term-error\"");
  }
}
