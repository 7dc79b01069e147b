package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The secretariat edits the agenda of 1006-gva in a real headless Chromium (moves in place with the page's script). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-browser;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(AgendaBrowserTests.ChromiumInstalled.class)
class AgendaBrowserTests {

  static final File CHROMIUM = new File(System.getProperty("plenary.test.chromium", "/usr/bin/chromium"));
  static final File CHROMEDRIVER = new File(System.getProperty("plenary.test.chromedriver", "/usr/bin/chromedriver"));

  @LocalServerPort int port;
  WebDriver browser;

  @BeforeEach
  void openBrowser() {
    var options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,900");
    var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theSecretariatSignsInAndEditsTheAgenda() {
    browser.get(url("/groups/cloud/meetings/1006-gva/agenda"));
    assertThat(browser.getCurrentUrl()).endsWith("/sign-in");
    browser.findElement(By.id("username")).sendKeys("tsb");
    browser.findElement(By.id("password")).sendKeys("tsb-demo");
    clickAndWaitForNextPage(By.id("sign-in"));

    assertThat(browser.getCurrentUrl()).contains("/groups/cloud/meetings/1006-gva/agenda");
    WebElement tools = browser.findElement(By.id("items2.title"));
    assertThat(tools.getAttribute("value")).isEqualTo("Tools");
    tools.clear();
    tools.sendKeys("Tools and collaboration platforms");
    clickAndWaitForNextPage(By.id("add-item"));
    browser.findElement(By.id("items8.title")).sendKeys("Any other business");
    // Notes fold, so that a long agenda is not several screens tall.
    assertThat(browser.findElement(By.id("items0.description")).isDisplayed()).isFalse();
    // With the script, a move happens in place: the page is not reloaded and the rows are renumbered.
    WebElement page = browser.findElement(By.tagName("main"));
    browser.findElement(By.xpath("//button[text()='Move item 9 up']")).click();
    assertThat(page.isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("items7.title")).getAttribute("value")).isEqualTo("Any other business");
    assertThat(browser.findElement(By.id("items8.title")).getAttribute("value")).isEqualTo("SDO/Forums presentations");
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Move item 8 up");
    assertThat(browser.findElement(By.id("agenda-announce")).getAttribute("textContent")).isEqualTo("Moved to position 8 of 9.");
    clickAndWaitForNextPage(By.id("save-agenda"));

    assertThat(browser.getCurrentUrl()).contains("/groups/cloud/meetings/1006-gva");
    List<String> agenda = browser.findElements(By.cssSelector("ol.agenda .title")).stream().map(WebElement::getText).toList();
    assertThat(agenda).containsExactly("Leadership positions: FG management panel", "Working methods",
        "Tools and collaboration platforms", "Focus group structure", "Relationships", "Review of contributions",
        "Promotion", "Any other business", "SDO/Forums presentations");
    assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Agenda saved.");
  }

  @Test
  void anEmptyTitleIsReportedBesideItsField() {
    browser.get(url("/sign-in"));
    browser.findElement(By.id("username")).sendKeys("chair");
    browser.findElement(By.id("password")).sendKeys("chair-demo");
    clickAndWaitForNextPage(By.id("sign-in"));
    browser.get(url("/groups/cloud/meetings/1006-gva/agenda"));
    browser.findElement(By.id("items0.title")).clear();
    clickAndWaitForNextPage(By.id("save-agenda"));

    WebElement field = browser.findElement(By.id("items0.title"));
    assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.findElement(By.id("items0.title-error")).getText()).isEqualTo("Give the agenda item a title.");
    assertThat(browser.findElement(By.cssSelector("[role=alert] a")).getAttribute("href")).endsWith("#items0.title");
  }

  /** Clicks a submit button and waits until the page it leaves is gone, so no element of it is read. */
  private void clickAndWaitForNextPage(By button) {
    WebElement old = browser.findElement(By.tagName("main"));
    browser.findElement(button).click();
    new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
      try {
        old.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException gone) {
        // Stale, or (while the new page loads) a node that no longer belongs to the document.
        return true;
      }
    });
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** Skips, with a message, where Debian's chromium and chromium-driver are not installed. */
  static class ChromiumInstalled implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (CHROMIUM.canExecute() && CHROMEDRIVER.canExecute()) {
        return ConditionEvaluationResult.enabled("Chromium found");
      }
      String message = "SKIPPED " + context.getDisplayName() + ": " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (apt-get install chromium chromium-driver).";
      System.err.println("[WARNING] " + message);
      return ConditionEvaluationResult.disabled(message);
    }
  }
}
