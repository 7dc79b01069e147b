package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The secretariat in a real headless Chromium: sets the group's rule to ten weeks, drafts the
 * circular of the demo's meeting eight weeks ahead, reviews it, is stopped by the late-announcement
 * warning, then issues it with a reason that the page keeps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-browser;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(AgendaBrowserTests.ChromiumInstalled.class)
class CircularBrowserTests {

  @LocalServerPort int port;
  @Autowired CircularDesk circulars;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  WebDriver browser;

  @BeforeEach
  void openBrowser() {
    // The shared helper's Chromium (flags, driver); this test keeps its own longer wait.
    browser = new org.plenary.Browser(port, 1200, 900).driver();
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
    circulars.setRules("cloud", AnnouncementRules.DEFAULTS);
  }

  @Test
  void theSecretariatDraftsReviewsAndIssuesALateCircularWithAReason() throws IOException {
    browser.get(url("/sign-in"));
    browser.findElement(By.id("username")).sendKeys("tsb");
    browser.findElement(By.id("password")).sendKeys("tsb-demo");
    clickAndWaitForNextPage(By.id("sign-in"));

    browser.get(url("/groups/cloud/circulars/rules"));
    assertAccessible();
    WebElement weeks = browser.findElement(By.id("announceWeeks"));
    weeks.clear();
    weeks.sendKeys("10");
    clickAndWaitForNextPage(By.cssSelector("main button[type=submit]"));
    assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Announcement rules saved.");

    String code = DemoMeetings.upcoming(groups, meetings);
    browser.get(url("/groups/cloud/meetings/" + code));
    assertAccessible();
    clickAndWaitForNextPage(By.id("draft-circular"));
    assertAccessible();
    browser.findElement(By.id("number")).sendKeys("TSB Circular 120");
    browser.findElement(By.id("paragraphs")).sendKeys("Remote participation will be offered.");
    clickAndWaitForNextPage(By.id("save-circular"));

    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("TSB Circular 120");
    String text = browser.findElement(By.cssSelector("article.circular")).getText();
    assertThat(text).contains("TSB Circular 120", "Remote participation will be offered.", "Opening of the meeting",
        "/t/fg/cloud/docs/incoming", "ANNEX 3");
    assertThat(browser.findElement(By.id("warnings-heading")).getText()).isEqualTo("Warnings");
    assertThat(browser.findElement(By.cssSelector("li.warning")).getText()).contains("at least 10 weeks in advance");
    assertAccessible();

    clickAndWaitForNextPage(By.id("issue-circular"));
    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).startsWith("Confirm each warning with a reason");
    assertThat(browser.findElement(By.id("circular-status")).getText()).startsWith("Draft");

    browser.findElement(By.id("reason-LATE_ANNOUNCEMENT")).sendKeys("The venue was confirmed only now.");
    clickAndWaitForNextPage(By.id("issue-circular"));
    assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("TSB Circular 120 issued");
    assertThat(browser.findElement(By.id("circular-status")).getText()).startsWith("Issued on");
    assertThat(browser.findElement(By.cssSelector("li.warning")).getText())
        .contains("Confirmed with the reason: The venue was confirmed only now.");
    assertThat(browser.findElement(By.id("frozen-heading")).getText()).isEqualTo("Frozen PDFs");
    assertThat(browser.findElements(By.id("issue-circular"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("table[aria-label='Audit trail of the circular']")).getAttribute("tabindex"))
        .as("a table the page makes focusable stays so, whether or not it scrolls now").isEqualTo("0");
    assertAccessible();
    browser.get(browser.getCurrentUrl() + "?lang=zh");
    assertThat(browser.findElement(By.cssSelector("article.circular")).getText()).contains("事由", "顺致敬意");
    assertAccessible();

    // ?lang= is remembered (a cookie): back to English for the pages that follow.
    browser.get(url("/groups/cloud/meetings/" + code + "?lang=en"));
    assertThat(browser.findElement(By.id("circulars")).getText()).contains("Announced on", "TSB Circular 120");
    browser.get(url("/groups/cloud"));
    assertThat(browser.findElement(By.id("circulars-heading")).getText()).isEqualTo("Circulars");
    assertAccessible();
  }

  private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  /** axe-core's WCAG 2.0/2.1/2.2 A and AA rules run inside the page: no violation. */
  private void assertAccessible() throws IOException {
    String axe;
    try (InputStream in = getClass().getResourceAsStream("/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var js = (JavascriptExecutor) browser;
    js.executeScript(axe);
    Object result = js.executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
          }))); })
          .catch(function (e) { done('axe failed: ' + e); });""", WCAG_22_AA);
    assertThat(String.valueOf(result)).as("axe WCAG 2.2 AA violations on %s", browser.getCurrentUrl()).isEqualTo("[]");
  }

  private void clickAndWaitForNextPage(By button) {
    WebElement old = browser.findElement(By.tagName("main"));
    browser.findElement(button).click();
    new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
      try {
        old.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException gone) {
        return true;
      }
    });
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
