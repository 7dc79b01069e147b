package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The chair and a vice-chair edit the same paragraphs of a progress report: a save made on the page as it
 * was before the other's save is not made; the page shows the editor's text again with the sentence and
 * the version now saved, and saving again from there is made.
 */
@DemoTest
class ProgressReportNotesTests {

  private static final String PERIOD = "from=2010-01-01&to=2010-12-31";

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired org.plenary.web.ApiTokens tokens;

  @Test
  void aSaveOnTheParagraphsAsTheyWereBeforeAnothersSaveIsShownAgainNotMade() throws Exception {
    var chair = user(users.loadUserByUsername("chair"));
    var tsb = user(users.loadUserByUsername("tsb"));
    String chairsPage = page(chair);
    String tsbsPage = page(tsb);
    assertThat(version(chairsPage)).isEqualTo(version(tsbsPage));

    save(chair, version(chairsPage), "The chair's first paragraph.").andExpect(status().is3xxRedirection());
    String shown = save(tsb, version(tsbsPage), "The secretariat's paragraph.")
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(shown).contains("Someone else saved the chair’s paragraphs since you opened this page")
        .contains(">The secretariat&#39;s paragraph.</textarea>").contains("<p>The chair&#39;s first paragraph.</p>");
    assertThat(page(chair)).contains("<p>The chair&#39;s first paragraph.</p>").doesNotContain("secretariat&#39;s paragraph");

    save(tsb, version(shown), "The secretariat's paragraph.").andExpect(status().is3xxRedirection());
    assertThat(page(chair)).contains("<p>The secretariat&#39;s paragraph.</p>");
    // Cleared, the paragraphs keep their version: a page read before the clearing is refused too.
    String beforeClearing = page(chair);
    save(tsb, version(page(tsb)), "").andExpect(status().is3xxRedirection());
    save(chair, version(beforeClearing), "Again.").andExpect(status().isOk());
  }

  /**
   * The report is issued as its issuer read it: after the chair's paragraphs changed, a page or an API client that
   * read it before is refused (nothing numbered); read again, it is issued.
   */
  @Test
  void theReportIsIssuedOnlyAsItsIssuerReadIt() throws Exception {
    var tsb = user(users.loadUserByUsername("tsb"));
    String bearer = tokens.bearer("tsb");
    String shown = page(tsb);
    var issueForm = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(shown);
    assertThat(issueForm.find()).as("the issue form carries the report's version").isTrue();
    String read = mvc.perform(get("/api/v1/groups/cloud/progress-report?" + PERIOD).header("Authorization", bearer))
        .andExpect(status().isOk()).andReturn().getResponse().getHeader("ETag");
    assertThat(read).isEqualTo("\"v" + issueForm.group(1) + "-en\"");
    // Read in another language: the same version, another body, another tag (a 304 would keep the English one).
    var french = mvc.perform(get("/api/v1/groups/cloud/progress-report?" + PERIOD).header("Authorization", bearer)
        .header("Accept-Language", "fr").header("If-None-Match", read)).andExpect(status().isOk()).andReturn().getResponse();
    assertThat(french.getHeader("ETag")).isEqualTo("\"v" + issueForm.group(1) + "-fr\"");
    assertThat(french.getHeaders("Vary")).anySatisfy(v -> assertThat(v).contains("Accept-Language"));
    mvc.perform(get("/api/v1/groups/cloud/progress-report?" + PERIOD).header("Authorization", bearer)
        .header("If-None-Match", read)).andExpect(status().isNotModified());
    save(tsb, version(shown), "A paragraph the issuer never read.").andExpect(status().is3xxRedirection());

    mvc.perform(post("/groups/cloud/progress-report/issue").with(tsb).with(csrf()).param("from", "2010-01-01")
            .param("to", "2010-12-31").param("editVersion", issueForm.group(1)))
        .andExpect(status().is3xxRedirection())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("problem",
            org.hamcrest.Matchers.containsString("The progress report of FG Cloud changed since you read it")));
    mvc.perform(post("/api/v1/groups/cloud/progress-report/issue?" + PERIOD).header("Authorization", bearer)
            .header("If-Match", read))
        .andExpect(status().isPreconditionFailed());
    String now = mvc.perform(get("/api/v1/groups/cloud/progress-report?" + PERIOD).header("Authorization", bearer))
        .andReturn().getResponse().getHeader("ETag");
    assertThat(now).isNotEqualTo(read);
    mvc.perform(post("/api/v1/groups/cloud/progress-report/issue?" + PERIOD).header("Authorization", bearer)
            .header("If-Match", now))
        .andExpect(status().isCreated());
  }

  private String page(RequestPostProcessor who) throws Exception {
    return mvc.perform(get("/groups/cloud/progress-report?" + PERIOD).with(who)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private org.springframework.test.web.servlet.ResultActions save(RequestPostProcessor who, String version, String body)
      throws Exception {
    return mvc.perform(post("/groups/cloud/progress-report/notes").with(who).with(csrf())
        .param("from", "2010-01-01").param("to", "2010-12-31").param("version", version).param("body", body));
  }

  private static String version(String page) {
    var m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
    assertThat(m.find()).as("the paragraphs' form carries the version it shows").isTrue();
    return m.group(1);
  }
}
