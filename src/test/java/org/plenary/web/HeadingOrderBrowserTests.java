package org.plenary.web;

import org.plenary.DemoMeetings;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.plenary.Browser;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.group.Section;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every edit page and form, empty, filled and with its error summary, and the pages that show what
 * they edit, in a real Chromium: a logical h1 → h2 → h3 outline with no level skipped, and axe-core's
 * {@code heading-order} (a best practice, outside the WCAG rules {@link Browser#assertAccessible} runs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-heading-order;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(Browser.Installed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadingOrderBrowserTests {

  @LocalServerPort int port;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  private Browser browser;

  /** One Chromium for the class, left as new after each test ({@link Browser#reset}). */
  @BeforeAll
  void open() {
    browser = new Browser(port, 1200, 900);
  }

  @AfterEach
  void reset() {
    browser.reset();
  }

  @AfterAll
  void close() {
    browser.close();
  }

  @Test
  void theSecretariatsEditPagesAndFormsSkipNoHeadingLevel() {
    String meeting = comingMeeting();
    browser.signIn("tsb", "tsb-demo");
    walk(List.of("/groups/new", "/groups/cloud/edit", "/groups/cloud/meetings/new", meeting + "/edit",
        "/groups/cloud/meetings/1006-gva/edit", meeting + "/agenda", "/groups/cloud/meetings/1006-gva/agenda",
        meeting + "/circulars/new", "/groups/cloud/circulars/rules", meeting + "/documents/new",
        "/groups/cloud/terms", "/groups/cloud/living-list", "/groups/cloud/deliverables",
        "/groups/cloud/progress-report", "/account", "/admin/accounts", "/admin/organizations",
        "/secretariat/outbox", "/secretariat/visa", "/desk", "/", "/groups/cloud", meeting,
        "/groups/cloud/meetings/1006-gva", meeting + "/documents", "/groups/cloud/incoming", "/registrations",
        meeting + "/participants", "/search?q=cloud"));
    browser.open("/groups/1006-gva/no-such-page");
    browser.assertHeadingsInOrder();
  }

  @Test
  void theEditFormsWithTheirErrorSummarySkipNoHeadingLevel() {
    String meeting = comingMeeting();
    browser.signIn("tsb", "tsb-demo");
    for (String[] page : new String[][] {{"/groups/cloud/edit", "acronym"}, {meeting + "/edit", "venueName"}}) {
      browser.open(page[0]);
      browser.find(By.id(page[1])).clear();
      browser.clickAndWait(By.cssSelector("main form button.primary"));
      browser.find(By.className("error-summary"));
      browser.assertHeadingsInOrder();
    }
  }

  @Test
  void headingsWrittenInATermsOfReferenceClauseContinueThePagesOutline() {
    groups.create(new GroupDraft("outline", "FG Outline", "Focus Group on Outlines", null, null, "English", 12, null, null,
        List.of(new Section("1 Scope", "# A heading the chair wrote\n\nText.\n\n### A detail under it")), List.of(),
        List.of()));
    browser.open("/groups/outline");
    browser.assertHeadingsInOrder();
  }

  @Test
  void aParticipantsFormsSkipNoHeadingLevel() {
    String meeting = comingMeeting();
    browser.signIn("alice", "alice-demo");
    walk(List.of(meeting + "/register", meeting + "/hotel-form", meeting + "/documents/new", "/account", "/desk",
        "/registrations"));
  }

  /** The page of FG Cloud's next meeting. */
  private String comingMeeting() {
    return "/groups/cloud/meetings/" + DemoMeetings.upcoming(groups, meetings);
  }

  private void walk(List<String> pages) {
    for (String page : pages) {
      browser.open(page);
      browser.assertHeadingsInOrder();
    }
  }
}
