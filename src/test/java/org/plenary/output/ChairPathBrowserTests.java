package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.meeting.AgendaBrowserTestsAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;

/**
 * The chair's path in a real headless Chromium: a draft deliverable, its version, a refused agreement
 * that says why, the agreement at 1006-gva by consensus, and the deliverable in the progress report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-chair-browser;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(AgendaBrowserTestsAccess.ChromiumInstalled.class)
class ChairPathBrowserTests {

  @LocalServerPort int port;
  @Autowired OutputDesk outputs;
  @Autowired UserDetailsService users;
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
  }

  @Test
  void theChairDraftsADeliverableHasItAgreedAtAMeetingAndFindsItInTheReport() {
    String draft = outputs.allocate("cloud", "1006-gva", new OutputAllocation("Draft roadmap", null,
        OutputType.DELIVERABLE_DRAFT, List.of(), List.of()), (PlenaryUser) users.loadUserByUsername("chair")).number();

    browser.get(url("/sign-in"));
    browser.findElement(By.id("username")).sendKeys("chair");
    browser.findElement(By.id("password")).sendKeys("chair-demo");
    clickAndWaitForNextPage(By.id("sign-in"));
    browser.get(url("/groups/cloud/deliverables"));
    browser.findElement(By.id("title")).sendKeys("Chair's roadmap");
    new Select(browser.findElement(By.id("kind"))).selectByVisibleText("Guideline");
    new Select(browser.findElement(By.id("milestone"))).selectByIndex(2);
    clickAndWaitForNextPage(By.id("create-deliverable"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Chair's roadmap");
    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Draft");

    new Select(browser.findElement(By.id("meeting"))).selectByValue("1006-gva");
    browser.findElement(By.id("decision-text")).sendKeys("Agreed as the roadmap.");
    browser.findElement(By.id("consensus")).click();
    clickAndWaitForNextPage(By.id("record-agreement"));
    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("has no version yet");

    browser.findElement(By.id("outputNumber")).sendKeys(draft);
    clickAndWaitForNextPage(By.id("add-version"));
    assertThat(browser.findElement(By.id("versions")).getText()).contains(draft);
    new Select(browser.findElement(By.id("meeting"))).selectByValue("1006-gva");
    browser.findElement(By.id("decision-text")).sendKeys("Agreed as the roadmap.");
    browser.findElement(By.id("consensus")).click();
    clickAndWaitForNextPage(By.id("record-agreement"));
    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Agreed");
    assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("Agreed as the roadmap.");

    browser.get(url("/groups/cloud/progress-report?from=2010-06-01&to=2011-06-13"));
    List<String> rows = browser.findElements(By.cssSelector("#report-deliverables tbody tr")).stream()
        .map(WebElement::getText).toList();
    assertThat(rows).anyMatch(row -> row.contains("Chair's roadmap") && row.contains("Agreed at 1006-gva by consensus")
        && row.contains(draft));
    browser.get(url("/groups/cloud"));
    assertThat(browser.findElement(By.id("group-deliverables")).getText()).contains("Chair's roadmap: Agreed at 1006-gva");
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
