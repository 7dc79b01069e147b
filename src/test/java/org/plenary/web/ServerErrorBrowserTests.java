package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.plenary.Browser;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The 500 page as a reader meets it in Chromium, forced by a controller of this test: a failure before the page
 * (a controller that throws) and one half-way through writing it (a template whose last expression throws after
 * 2,000 lines) each give the error page alone, styled by the site's sheet, in the reader's language and direction,
 * with the way back to the groups and meetings, no stack trace and no class name, and axe-core clean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-server-error;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(Browser.Installed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ServerErrorBrowserTests.Failing.class)
class ServerErrorBrowserTests {

  @LocalServerPort int port;
  private Browser browser;

  @BeforeAll
  void open() {
    browser = new Browser(port, 1280, 900);
  }

  @AfterAll
  void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aFailureShowsTheStyledErrorPageInTheReadersLanguageWithAWayBack() {
    browser.signIn("alice", "alice-demo");
    Map<String, String> sentences = Map.of("en", "Something went wrong on our side", "fr", "Une erreur s’est produite",
        "ar", "حدث خطأ", "zh", "我们这边出了问题");
    for (String path : new String[] {"/test/fails", "/test/fails-half-way"}) {
      for (var language : sentences.entrySet()) {
        browser.open(path + "?lang=" + language.getKey());
        String where = path + " in " + language.getKey();
        assertThat(browser.find(By.tagName("h1")).getText()).as(where).startsWith("500");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).as(where).isEqualTo(language.getKey());
        assertThat(browser.find(By.tagName("html")).getAttribute("dir")).as(where)
            .isEqualTo("ar".equals(language.getKey()) ? "rtl" : "ltr");
        String text = browser.find(By.tagName("body")).getText();
        assertThat(text).as(where).contains(language.getValue())
            .doesNotContain("Exception", "at org.", "Line 1 of", "Whitelabel", "Apache Tomcat");
        assertThat(browser.all(By.tagName("main"))).as("one page, not half of one and the error after it: " + where).hasSize(1);
        assertThat(browser.script("return getComputedStyle(document.querySelector('header.site')).backgroundColor;"))
            .as("the site's style sheet on " + where).isEqualTo("rgb(13, 43, 78)");
        var back = browser.find(By.cssSelector("main a[href='/']"));
        assertThat(back.isDisplayed()).as("the way back on " + where).isTrue();
        browser.assertAccessible();
      }
    }
  }

  /** Fails on purpose: before the page, or half-way through writing it. */
  @Controller
  static class Failing {

    @GetMapping("/test/fails")
    String fails() {
      throw new IllegalStateException("a failure of the test, with internals a reader must not see");
    }

    @GetMapping("/test/fails-half-way")
    String failsHalfWay(Model model) {
      model.addAttribute("broken", new Broken());
      return "test/broken";
    }
  }

  /** A value whose reading fails, as a broken row of the database would. */
  public static class Broken {
    public String explode() {
      throw new IllegalStateException("a failure half-way through the page");
    }
  }
}
