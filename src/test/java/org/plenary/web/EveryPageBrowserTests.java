package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenary.DemoMeetings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.DemoApi;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page of the application, the routes read from its own mappings (not a list kept by hand, so a new page is
 * checked the day it is added), signed in as the secretariat, which sees the most: at 1280 px and at a phone's true
 * 360 px, in English and Arabic (and at 360 px in Chinese and Russian), no page is wider than the screen (a wide
 * table scrolls inside its own box, on a phone only: at 1280 px every column of every table is in view), axe-core's
 * WCAG 2.2 AA rules pass (in English at 1280 px, in Arabic at 360 px), and in Arabic codes and numbers (2702-gva,
 * 2702-GVA-0001, FG-Cloud-I-0001) read left to right; a full-page screenshot of each of the secretariat's pages in
 * English at 1280 px and in Arabic at 360 px lands in {@code target/screenshots/every-page/} to be looked at.
 */
class EveryPageBrowserTests extends CappedDemoBrowserTest {

  private static final Path SHOTS = Path.of("target/screenshots/every-page");

  /** The tables whose columns do not all fit in their box (they scroll sideways), with how much is hidden. */
  private static final String SCROLLING_TABLES = """
      return Array.from(document.querySelectorAll('main table')).filter(function (t) {
        var box = t.closest('.table-scroll') || t;
        return box.scrollWidth > box.clientWidth + 1;
      }).map(function (t) { var box = t.closest('.table-scroll') || t;
        return (t.id || t.className || 'table') + ' hides ' + (box.scrollWidth - box.clientWidth) + ' px'; });""";

  /** The innermost elements that reach past the window's edge, to name the culprit of an overflow. */
  static final String WIDE = """
      return Array.from(document.querySelectorAll('body *')).filter(function (e) {
        var r = e.getBoundingClientRect();
        return (r.right > window.innerWidth + 1 || r.left < -1) && !Array.from(e.children).some(function (c) {
          var q = c.getBoundingClientRect(); return q.right > window.innerWidth + 1 || q.left < -1; });
      }).slice(0, 5).map(function (e) { return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width); });""";

  /**
   * Codes laid out backwards (a registration number 2702-GVA-0001 shown as GVA-0001-2702 in an Arabic row): meeting
   * codes, registration numbers, document numbers whose first character is drawn right of their last on one line.
   */
  private static final String BACKWARDS_CODES = """
      var found = [], code = /\\b\\d{4}-[A-Za-z]{3}(-[A-Z]*\\d{3,4})?\\b|FG-[A-Za-z]+-[IO]-\\d{4}(r\\d+)?/g;
      var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var parent = node.parentElement;
        if (parent.closest('script, style, [hidden]') || !(parent.checkVisibility ? parent.checkVisibility() : true)) { continue; }
        for (var m; (m = code.exec(node.nodeValue)) !== null; ) {
          var first = document.createRange(), last = document.createRange(), end = m.index + m[0].length;
          first.setStart(node, m.index); first.setEnd(node, m.index + 1);
          last.setStart(node, end - 1); last.setEnd(node, end);
          var f = first.getBoundingClientRect(), l = last.getBoundingClientRect();
          if (Math.abs(f.top - l.top) < 2 && f.left > l.left) { found.push(m[0]); }
        }
      }
      return found;""";

  /**
   * English from the data (a group's acronym "FG Cloud", a parent "TSAG", a document number, a title) in a breadcrumb
   * or a heading of a page in another language, not marked as English: a screen reader reads it with the page's voice.
   * Each text of Latin letters there must be inside an element whose {@code lang} is not the page's, isolated from
   * the text around it ({@code <bdi>} or {@code unicode-bidi: isolate}); codes (a meeting's 2702-gva), paths, the
   * bundles' own abbreviations of two or three capitals standing alone (the API page's "API" in Russian) and what is
   * marked {@code translate="no"} are data without a language, and a text whose language nobody knows (a document's
   * title as its author typed it) is isolated in a {@code <bdi>} without {@code lang}.
   */
  static final String ENGLISH_WITHOUT_LANG = """
      var page = document.documentElement.lang.split('-')[0], found = [];
      document.querySelectorAll('main .breadcrumb, main h1').forEach(function (box) {
        var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          var parent = node.parentElement, text = node.nodeValue.replace(/\\b\\d{4}-[a-z]{3}\\b|\\/\\S*|(^|\\s)[A-Z]{2,3}(?=\\s|$)/g, ' ');
          if (!/[A-Za-z]{2,}/.test(text) || parent.closest('[translate=no], bdi:not([lang]), script, style, [hidden], .visually-hidden')) { continue; }
          var marked = parent.closest('[lang]');
          if (marked.lang.split('-')[0] === page) {
            found.push(text.trim());
          } else if (getComputedStyle(marked).unicodeBidi !== 'isolate' && marked.tagName !== 'BDI') {
            found.push(text.trim() + ' (not isolated)');
          }
        }
      });
      return Array.from(new Set(found));""";

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired AccountDirectory accounts;

  @AfterEach
  void wideAndSignedOut() {
    browser.windowViewport();
    browser.driver().manage().window().setSize(new Dimension(1280, 900));
    browser.driver().manage().deleteAllCookies();
  }

  @Test
  void everyPageFitsAPhonesScreenAndPassesAxeAtBothWidthsInEnglishAndArabic() throws Exception {
    List<String> pages = everyPage();
    browser.signIn("tsb", "tsb-demo");
    Files.createDirectories(SHOTS);
    var faults = new ArrayList<String>();
    for (String page : pages) {
      // axe-core, most of the walk's time, once per width: its rules do not change with the words.
      check("tsb", page, "en", Map.of(1280, true, 360, false), faults);
      check("tsb", page, "ar", Map.of(1280, false, 360, true), faults);
      check("tsb", page, "zh", Map.of(360, false), faults);
      check("tsb", page, "ru", Map.of(360, false), faults);
    }
    browser.windowViewport();
    assertThat(faults).as("pages of %s", pages).isEmpty();
  }

  /**
   * The chair's and the focal point's days (what they reach of every page: their own, or the page that refuses
   * them) in Spanish and Russian at both widths and in Arabic on a phone, axe-core on the Spanish and Arabic ones; a
   * page that sends the role to sign in or refuses it, as one it had before, is checked in Spanish only.
   */
  @Test
  void theChairsAndTheFocalPointsPagesFitBothWidthsInSpanishRussianAndArabic() throws Exception {
    List<String> pages = everyPage();
    Files.createDirectories(SHOTS);
    var faults = new ArrayList<String>();
    for (String who : List.of("chair", "focal")) {
      browser.signIn(who, who + "-demo");
      var landed = new java.util.HashSet<String>();
      for (String page : pages) {
        check(who, page, "es", Map.of(1280, true, 360, false), faults);
        if (!landed.add(String.valueOf(browser.script(PageRoutes.LANDED, page)))) {
          continue; // the sign-in page or an error page this role has had already
        }
        check(who, page, "ru", Map.of(1280, false, 360, false), faults);
        check(who, page, "ar", Map.of(360, true), faults);
      }
      browser.driver().manage().deleteAllCookies();
    }
    browser.windowViewport();
    assertThat(faults).as("pages of %s", pages).isEmpty();
  }

  /** Every page, found once for the class (finding them seeds the data the pages show). */
  private List<String> everyPage() throws Exception {
    if (everyPage == null) {
      everyPage = pages();
    }
    return everyPage;
  }

  private static List<String> everyPage;

  /**
   * Opens the page once in this language and checks it laid out at each width given, the wider first (with axe-core
   * where the width says so): the layout follows the viewport, not the load, so one load serves both widths.
   */
  private void check(String who, String page, String lang, Map<Integer, Boolean> axeAtWidth, List<String> faults)
      throws IOException {
    var widths = axeAtWidth.keySet().stream().sorted(java.util.Comparator.reverseOrder()).toList();
    browser.viewport(widths.getFirst(), 900);
    browser.open(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
    for (int width : widths) {
      browser.relayout(width, 900);
      check(who, page, lang, width, axeAtWidth.get(width), faults);
    }
  }

  private void check(String who, String page, String lang, int width, boolean axe, List<String> faults)
      throws IOException {
    String name = (page.replaceAll("[^A-Za-z0-9]+", "-") + "-" + lang + "-" + width).replaceAll("^-", "");
    name = who.equals("tsb") ? name : who + "-" + name;
    String shown = who.equals("tsb") ? page : page + " (" + who + ")";
    if (who.equals("tsb") && axe) {
      Files.write(SHOTS.resolve(name + ".png"), fullPage(width));
    }
    Long overflow = (Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth;");
    if (overflow > 0) {
      faults.add(shown + " in " + lang + " at " + width + " px is " + overflow + " px wider than the screen: "
          + browser.script(WIDE));
    }
    if (List.of("zh", "ar", "ru").contains(lang)) {
      Object english = browser.script(ENGLISH_WITHOUT_LANG);
      if (!((List<?>) english).isEmpty()) {
        faults.add(shown + " in " + lang + " at " + width + " px has English without lang in a heading or breadcrumb: "
            + english);
      }
    }
    if ("ar".equals(lang)) {
      Object backwards = browser.script(BACKWARDS_CODES);
      if (!((List<?>) backwards).isEmpty()) {
        faults.add(shown + " in ar at " + width + " px shows codes backwards: " + backwards);
      }
    }
    if (width >= 1280) {
      // On a desktop every column is in view: a table scrolls sideways on a phone only.
      Object scrolling = browser.script(SCROLLING_TABLES);
      if (!((List<?>) scrolling).isEmpty()) {
        faults.add(shown + " in " + lang + " at " + width + " px has tables wider than the page: " + scrolling);
      }
    }
    if (axe) {
      try {
        browser.assertAccessible();
      } catch (AssertionError e) {
        faults.add(shown + " in " + lang + " at " + width + " px: " + e.getMessage());
      }
    }
  }

  /** The page drawn whole, as tall as it is, at the width laid out. */
  private byte[] fullPage(int width) {
    var shot = ((ChromeDriver) browser.driver()).executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  private List<String> pages() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    return PageRoutes.discover(browser, mappings, code, seed(code));
  }

  /**
   * Through the API as a client would: alice registers, the focal point approves, she asks for a visa and two
   * numbers, uploads one, the secretariat publishes it and drafts a circular.
   */
  private Set<String> seed(String code) throws Exception {
    var api = new DemoApi(HttpClient.newHttpClient(), port);
    String alice = api.token("alice");
    long organization = accounts.find("alice").orElseThrow().organizationId().value();
    var registration = send(api, alice, "POST", "/api/v1/groups/cloud/meetings/" + code + "/registrations",
        "{\"fullName\": \"Alice Example\", \"email\": \"alice@example.org\", \"organizationId\": " + organization
            + ", \"countryCode\": \"FR\", \"attendance\": \"IN_PERSON\"}");
    String id = registration.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
    send(api, api.token("focal"), "POST", "/api/v1/registrations/" + id + "/approve", null);
    var visa = send(api, alice, "POST", "/api/v1/registrations/" + id + "/visa", """
        {"fullName": "Alice Example", "function": "Engineer", "birthDate": "1980-02-29", "birthPlace": "Lyon",
         "nationality": "French", "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
         "expiresOn": "%s", "mission": "Embassy of Switzerland in Paris"}""".formatted(java.time.LocalDate.now().plusYears(3)));
    String number = api.allocate(alice, "Cloud reference architecture");
    assertThat(api.upload(alice, number, number + ".txt", "text".getBytes()).statusCode()).isBetween(200, 201);
    api.allocate(alice, "A document still waiting");
    // A title of one long word (a pasted address, a file name): its column wraps it rather than widen the register.
    api.allocate(alice, "Architecture" + "-reference".repeat(30));
    String tsb = api.token("tsb");
    // Approved, the letter can be asked again: the form is the participant's and the focal point's, linked from the
    // request's page for them only (the secretariat, walking here, gets the page that refuses it).
    String visaId = visa.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
    send(api, tsb, "POST", "/api/v1/visa/" + visaId + "/approve", null);
    send(api, tsb, "POST", "/api/v1/contributions/" + number + "/publish", null);
    var circular = send(api, tsb, "POST", "/api/v1/groups/cloud/meetings/" + code + "/circulars", """
        {"number":"TSB Circular 950","dated":"%s","signatory":"The Director","paragraphs":["Bring a laptop."]}"""
        .formatted(java.time.LocalDate.now()));
    // The draft circular first: its edit page is linked from its page only
    return Set.of("/circulars/" + circular.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"),
        "/visa/" + visaId + "/reissue-requests/new");
  }

  private static HttpResponse<String> send(DemoApi api, String token, String method, String path, String json)
      throws Exception {
    var request = HttpRequest.newBuilder(api.url(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    var response = api.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return response;
  }
}
