package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenary.DemoMeetings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.plenary.group.GroupCatalog;
import org.plenary.Browser;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.Languages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The main pages in each of the six languages in a real Chromium: {@code lang} and {@code dir} right,
 * a screenshot of each under {@code target/screenshots/i18n/}, axe-core (WCAG 2.2 AA) clean in Arabic
 * (also at a phone's 375 px) and Chinese; and the pseudo-locale run on the pages of the shared layout and the account module,
 * which fails on visible text not wrapped by the pseudo markers and on a page wider than the window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-i18n-browser;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(Browser.Installed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class I18nBrowserTests {

  private static final Path SHOTS = Path.of("target/screenshots/i18n");

  /**
   * Letters outside the pseudo markers, in visible text that is not data: data is marked
   * {@code translate="no"} (names, codes, addresses) or sits in {@code <time>} and {@code <code>}.
   */
  private static final String UNWRAPPED = """
      var found = [], depth = 0;
      var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var parent = node.parentElement, text = node.nodeValue;
        var data = parent.closest('[translate=no], time, code, script, style, [hidden]') !== null;
        var visible = parent.checkVisibility ? parent.checkVisibility() : parent.offsetParent !== null;
        for (var i = 0; i < text.length; i++) {
          if (text.startsWith('[!!', i)) { depth++; i += 2; continue; }
          if (text.startsWith('!!]', i)) { depth = Math.max(0, depth - 1); i += 2; continue; }
          if (depth === 0 && !data && visible && /\\p{L}/u.test(text[i])) { found.push(text.trim()); break; }
        }
      }
      return found;""";

  /** The innermost elements that reach past the window's edge, to name the culprit of an overflow. */
  private static final String WIDE = """
      return Array.from(document.querySelectorAll('body *')).filter(function (e) {
        var r = e.getBoundingClientRect();
        return r.right > window.innerWidth + 1 && !Array.from(e.children).some(function (c) {
          return c.getBoundingClientRect().right > window.innerWidth + 1; });
      }).slice(0, 5).map(function (e) { return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width); });""";

  @LocalServerPort int port;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  private Browser browser;

  /** One Chromium for the class, left as new after each test ({@link Browser#reset}). */
  @BeforeAll
  void open() throws IOException {
    browser = new Browser(port, 1200, 900);
    Files.createDirectories(SHOTS);
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
  void theMainPagesSpeakEachOfTheSixLanguagesWithLangAndDirAndPassAxeInArabicAndChinese() throws IOException {
    String meeting = "/groups/cloud/meetings/" + DemoMeetings.upcoming(groups, meetings);
    Map<String, String> anonymous = Map.of("home", "/", "sign-in", "/sign-in", "group", "/groups/cloud", "meeting", meeting);
    Map<String, String> participant = Map.of("registration", meeting + "/register", "desk", "/desk", "account", "/account");
    for (Locale language : Languages.SUPPORTED) {
      visit(anonymous, language);
    }
    browser.signIn("alice", "alice-demo");
    for (Locale language : Languages.SUPPORTED) {
      visit(participant, language);
    }
  }

  @Test
  void theSwitcherKeepsThePageAndTheLanguageFollowsTheReaderFromPageToPage() {
    browser.open("/sign-in?lang=ru");
    browser.clickAndWait(By.cssSelector("nav.languages a[hreflang=ar]"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/sign-in?lang=ar");
    assertThat(browser.find(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    browser.open("/");
    assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("الأفرقة والاجتماعات");
  }

  @Test
  void thePseudoLocaleLeavesNoTextUnwrappedAndNoPageWiderThanTheWindow() throws IOException {
    browser.open("/?lang=en-XA");
    checkPseudo("/", "/sign-in", "/sign-out", "/groups/cloud/no-such-meeting-here");
    browser.signIn("tsb", "tsb-demo");
    checkPseudo("/account", "/admin/accounts", "/admin/organizations", "/secretariat/outbox");
  }

  @Test
  void aTableWhoseContentWidensAfterTheLoadBecomesReachableByTheKeyboardAndStopsBeingSoWhenItNarrows() {
    browser.viewport(375, 900);
    try {
      browser.open("/?lang=en");
      String table = "document.querySelector('main table')";
      assertThat(browser.script("return " + table + ".getAttribute('tabindex');")).as("before it widens").isNull();
      // Its box keeps the column's width; only its content widens (as a late or fallback font would make it).
      browser.script("var cell = " + table + ".querySelector('td'); cell.dataset.was = cell.textContent;"
          + " cell.textContent = 'W'.repeat(200);");
      assertThat(tabindexAfterTwoFrames(table)).as("once its content is wider than the screen").isEqualTo("0");
      browser.script("var cell = " + table + ".querySelector('td'); cell.textContent = cell.dataset.was;");
      assertThat(tabindexAfterTwoFrames(table)).as("once it fits again").isNull();
    } finally {
      browser.windowViewport();
    }
  }

  private Object tabindexAfterTwoFrames(String table) {
    return ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
        "var done = arguments[arguments.length - 1]; requestAnimationFrame(function () {"
            + " requestAnimationFrame(function () { done(" + table + ".getAttribute('tabindex')); }); });");
  }

  private void checkPseudo(String... paths) throws IOException {
    for (int width : new int[] {1200, 375}) {
      browser.viewport(width, 900);
      for (String path : paths) {
        browser.open(path);
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).as(path).isEqualTo("en-XA");
        assertThat(browser.driver().getTitle()).as(path).startsWith("[!!");
        assertThat(browser.find(By.cssSelector("nav.languages a[hreflang=ar]")).isDisplayed()).as("switcher on %s", path).isTrue();
        assertThat(browser.find(By.cssSelector("button.menu-toggle")).isDisplayed())
            .as("the Menu button on %s at %d px: shown only where it folds the navigation", path, width).isEqualTo(width <= 600);
        assertThat((List<?>) browser.script(UNWRAPPED)).as("text not from a message on %s", path).isEmpty();
        assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
            .as("horizontal overflow of %s at %d px, past the edge: %s", path, width, browser.script(WIDE))
            .isLessThanOrEqualTo(0L);
        shoot("pseudo-" + width + path.replaceAll("[^a-z]+", "-"));
      }
    }
    browser.windowViewport();
  }

  private void visit(Map<String, String> pages, Locale language) throws IOException {
    String tag = language.toLanguageTag();
    for (var page : new java.util.TreeMap<>(pages).entrySet()) {
      browser.open(page.getValue() + (page.getValue().contains("?") ? "&" : "?") + "lang=" + tag);
      var html = browser.find(By.tagName("html"));
      assertThat(html.getAttribute("lang")).as(page.getKey() + " in " + tag).isEqualTo(tag);
      assertThat(html.getAttribute("dir")).as(page.getKey() + " in " + tag).isEqualTo(Languages.rightToLeft(language) ? "rtl" : "ltr");
      assertThat(browser.find(By.cssSelector("nav.languages a[aria-current=true]")).getAttribute("hreflang")).isEqualTo(tag);
      shoot(page.getKey() + "-" + tag);
      if (Languages.rightToLeft(language) || "zh".equals(tag)) {
        browser.assertAccessible();
      }
      // On a phone (a true 375 px: the window alone stays near 500) no page is wider than the screen in any language,
      // and in Arabic the wide tables, which scroll sideways, are each reachable with the keyboard.
      browser.viewport(375, 900);
      browser.open(page.getValue() + (page.getValue().contains("?") ? "&" : "?") + "lang=" + tag);
      shoot(page.getKey() + "-" + tag + "-375");
      assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
          .as("horizontal overflow of %s in %s at 375 px, past the edge: %s", page.getKey(), tag, browser.script(WIDE))
          .isLessThanOrEqualTo(0L);
      if (Languages.rightToLeft(language)) {
        browser.assertAccessible();
      }
      browser.windowViewport();
    }
  }

  private void shoot(String name) throws IOException {
    Path shot = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
