package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
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
 * A delegate takes back a wrong file they sent before the secretariat acts on it, on the API
 * ({@code DELETE …/files/incoming} with the waiting version's ETag) and on the document's page (a
 * confirmed form), as FTP's DELE does: only their own waiting version, or any for the secretariat; never a
 * published one; the file kept in the history and the audit trail saying who took it back.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-take-back;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class TakeBackTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired UserDetailsService users;
  @Autowired ContributionDesk desk;

  @Test
  void theApiTakesBackOnlyTheSendersOwnWaitingVersionThatItsIfMatchNames() throws Exception {
    String number = allocate();
    String first = upload(number, "a wrong file");
    String alice = tokens.bearer("alice");
    String path = "/api/v1/contributions/" + number + "/files/incoming";

    mvc.perform(delete(path).header("Authorization", tokens.bearer("bob")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(containsString("sent by someone else")));
    mvc.perform(delete(path).header("Authorization", alice).header("If-Match", "\"" + "0".repeat(64) + "\""))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString(first.substring(0, 12))));
    mvc.perform(delete(path).header("Authorization", alice).header("If-Match", "\"" + first + "\""))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ALLOCATED"));
    mvc.perform(delete(path).header("Authorization", alice))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("nothing waiting in the incoming folder to take back")));
    mvc.perform(get("/api/v1/contributions/" + number + "/audit").header("Authorization", alice))
        .andExpect(jsonPath("$[?(@.action == 'TAKEN_BACK')].actor").value("Alice Martin"))
        .andExpect(jsonPath("$[?(@.action == 'TAKEN_BACK')].sha256").value(first));
    assertThat(desk.get(number).files()).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo(FileState.REPLACED));

    // The secretariat may take back anyone's; a published version is taken back by nobody.
    String second = upload(number, "the right file");
    mvc.perform(delete(path).header("Authorization", tokens.bearer("tsb")).header("If-Match", "\"" + second + "\""))
        .andExpect(status().isOk());
    upload(number, "the right file again");
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk());
    mvc.perform(delete(path).header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isConflict());
    mvc.perform(get("/api/v1/contributions/" + number).header("Authorization", alice))
        .andExpect(jsonPath("$.status").value("PUBLISHED"));
  }

  @Test
  void theDocumentPageTakesBackTheVersionItShowedOnceConfirmed() throws Exception {
    String number = allocate();
    String shown = upload(number, "the version on the page");
    var alice = user(users.loadUserByUsername("alice"));
    String page = mvc.perform(get("/documents/" + number).with(alice)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("id=\"take-back-form\"").contains("id=\"take-back-confirm\"");
    String bobsPage = mvc.perform(get("/documents/" + number).with(user(users.loadUserByUsername("bob")))).andReturn()
        .getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(bobsPage).doesNotContain("take-back-form");

    mvc.perform(post("/documents/" + number + "/take-back").with(alice).param("reviewed", shown).param("confirm", "yes"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/documents/" + number + "/take-back").with(alice).with(csrf()).param("reviewed", shown))
        .andExpect(flash().attribute("problem", containsString("Tick the box")));
    String newer = upload(number, "a newer version, not shown");
    mvc.perform(post("/documents/" + number + "/take-back").with(alice).with(csrf()).param("reviewed", shown)
            .param("confirm", "yes"))
        .andExpect(flash().attribute("problem", containsString("was replaced since you opened it")));
    mvc.perform(post("/documents/" + number + "/take-back").with(alice).with(csrf()).param("reviewed", newer)
            .param("confirm", "yes"))
        .andExpect(flash().attribute("notice", containsString("the waiting version was taken back")));
    assertThat(desk.get(number).incoming()).isEmpty();
    String history = mvc.perform(get("/documents/" + number).with(alice)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(history).contains("taken back").doesNotContain("take-back-form");
  }

  /**
   * Two take-backs of one waiting file at once (two tabs, or FTP and the page), and a take-back racing the
   * secretariat's publication: exactly one wins each time, the other gets its clear refusal (409), and the
   * document ends in one state its history and audit trail agree with, never both or neither.
   */
  @Test
  void takeBacksAndAPublicationAtOnceLeaveOneWinnerAndOneState() throws Exception {
    for (int round = 0; round < 6; round++) {
      String number = allocate();
      String sha = upload(number, "raced file " + round);
      String path = "/api/v1/contributions/" + number + "/files/incoming";
      boolean withPublication = round % 2 == 1;
      var takeBack = delete(path).header("Authorization", tokens.bearer("alice"));
      var other = withPublication
          ? post("/api/v1/contributions/" + number + "/publish").header("Authorization", tokens.bearer("tsb"))
          : delete(path).header("Authorization", tokens.bearer("tsb")).header("If-Match", "\"" + sha + "\"");
      var start = new java.util.concurrent.CountDownLatch(1);
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
        var first = pool.submit(() -> { start.await(); return mvc.perform(takeBack).andReturn().getResponse().getStatus(); });
        var second = pool.submit(() -> { start.await(); return mvc.perform(other).andReturn().getResponse().getStatus(); });
        start.countDown();
        assertThat(java.util.List.of(first.get(), second.get())).as("round %d", round).containsExactlyInAnyOrder(200, 409);
        var files = desk.get(number).files();
        assertThat(files).singleElement().satisfies(f -> assertThat(f.sha256()).isEqualTo(sha));
        String status = desk.get(number).status().name();
        if (withPublication && second.get() == 200) {
          assertThat(status).isEqualTo("PUBLISHED");
          assertThat(files.get(0).state()).isEqualTo(FileState.PUBLISHED);
        } else {
          assertThat(status).isEqualTo("ALLOCATED");
          assertThat(files.get(0).state()).isEqualTo(FileState.REPLACED);
        }
        String audit = mvc.perform(get("/api/v1/contributions/" + number + "/audit")
            .header("Authorization", tokens.bearer("tsb"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(audit.split("TAKEN_BACK", -1)).as("one take-back in the audit trail").hasSize(status.equals("PUBLISHED") ? 1 : 2);
      }
    }
  }

  private String allocate() throws Exception {
    return api().allocate("Taken back");
  }

  private String upload(String number, String content) throws Exception {
    return api().upload(number, content);
  }

  private DemoMockApi api() {
    return new DemoMockApi(mvc, tokens, meetings, groups);
  }
}
