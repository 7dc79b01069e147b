package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.plenary.Browser;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The output pages (deliverables, a deliverable, the living list, the terminology and a search in
 * it, the progress report, the milestones on the group page) checked by axe-core (WCAG 2.2 AA) in a
 * real headless Chromium, for the chair who manages them (with their forms) and for an anonymous reader.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-output-browser;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(Browser.Installed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputPagesBrowserTests {

  @LocalServerPort int port;
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
  void theOutputPagesPassAxeForTheChair() {
    browser.signIn("chair", "chair-demo");
    checkOutputPages();
  }

  @Test
  void theOutputPagesPassAxeForAnAnonymousReader() {
    checkOutputPages();
  }

  private void checkOutputPages() {
    browser.open("/groups/cloud/deliverables");
    List<String> deliverables = new ArrayList<>(browser.all(By.cssSelector("main a[href*='/groups/cloud/deliverables/']"))
        .stream().map(a -> a.getAttribute("href")).filter(h -> h.matches(".*/deliverables/\\d+$")).toList());
    assertThat(deliverables).as("the demo's deliverables").isNotEmpty();
    String deliverable = deliverables.get(0).substring(deliverables.get(0).indexOf("/groups/"));
    LocalDate year = LocalDate.of(2010, 1, 1);
    for (String path : List.of("/groups/cloud/deliverables", deliverable, "/groups/cloud/living-list",
        "/groups/cloud/terms", "/groups/cloud/terms?q=cloud", "/groups/cloud",
        "/groups/cloud/progress-report?from=" + year + "&to=" + year.plusYears(1).minusDays(1))) {
      browser.open(path);
      assertThat(browser.driver().getTitle()).as(path).endsWith("— Plenary");
      browser.assertAccessible();
    }
  }
}
