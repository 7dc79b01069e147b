package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenary.DemoMeetings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the keyboard, Windows high contrast, reduced motion and the printer see, computed in Chromium rather than
 * looked at: the focus ring of every element the Tab key reaches shows 3:1 against what surrounds it (amber alone was
 * 2:1 on white) and the date fields' calendar button has one (it had Chrome's 1 px ring only); Esc folds the phone's
 * open menu (it stayed open); a filter row's list
 * sits level with its text fields (it sat 1.5 px low); forced colours keep the header's edge, which only its
 * background drew; reduced motion stops Swagger UI's transitions on {@code /api}; a printed list is its content
 * only, every column on the paper; a refused form's errors are each tied to their field (a list and a group of
 * radios written by hand were not) under a summary that takes the focus (the forms that go back to their page by a
 * redirect had a sentence only, and their fields no mark); each view of a page has a title of its own.
 */
class AppearanceBrowserTests extends CappedDemoBrowserTest {

  /** The focused element, described, when no ring of its focus style reaches 3:1 against the colour around it; else null. */
  private static final String WEAK_FOCUS = """
      function rgba(c) { var m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
      function lum(c) { function ch(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b); }
      function ratio(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
      function around(e) { for (; e; e = e.parentElement) { var c = rgba(getComputedStyle(e).backgroundColor); if (c.a > 0) { return c; } }
        return {r: 255, g: 255, b: 255, a: 1}; }
      var e = document.activeElement, s = getComputedStyle(e), rings = [];
      // The calendar button inside a date or time field (the field focus-within, not :focus) has its ring on a
      // pseudo-element no computed style reads: aDateFieldsCalendarButtonShowsTheFocusRing counts its pixels.
      if (e === document.body || (e.matches(':focus-within') && !e.matches(':focus'))) { return null; }
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) { rings.push(rgba(s.outlineColor)); }
      if (s.boxShadow !== 'none') { (s.boxShadow.match(/rgba?\\([^)]*\\)/g) || []).forEach(function (c) { rings.push(rgba(c)); }); }
      var behind = around(e.parentElement);
      if (rings.some(function (c) { return c.a > 0.5 && ratio(c, behind) >= 3; })) { return null; }
      return e.tagName + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || e.name || '').trim().substring(0, 30) + '" on '
          + JSON.stringify(behind) + ' outline ' + s.outlineColor + ' ' + s.outlineStyle + ', shadow ' + s.boxShadow;""";

  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;

  @AfterEach
  void screenAndSignedOut() {
    browser.emulateMedia("", Map.of());
    browser.windowViewport();
    browser.driver().manage().window().setSize(new Dimension(1280, 900));
    browser.driver().manage().deleteAllCookies();
  }

  @Test
  void everyFocusRingTheTabKeyReachesContrastsWithWhatSurroundsIt() {
    String meeting = "/groups/cloud/meetings/" + code();
    for (String page : List.of("/?lang=en", meeting + "?lang=en", meeting + "/hotel-form?lang=en", meeting + "?lang=ar", "/sign-in?lang=zh")) {
      browser.open(page);
      assertThat(tabThroughThePage(WEAK_FOCUS)).as("focus rings under 3:1 on %s", page).isEmpty();
    }
    browser.signIn("tsb", "tsb-demo");
    for (String page : List.of("/desk?lang=fr", meeting + "/participants?lang=ar", meeting + "/edit?lang=en")) {
      browser.open(page);
      assertThat(tabThroughThePage(WEAK_FOCUS)).as("focus rings under 3:1 on %s", page).isEmpty();
    }
  }

  @Test
  void aDateFieldsCalendarButtonShowsTheFocusRing() {
    browser.open("/groups/cloud/meetings/" + code() + "/hotel-form?lang=en");
    browser.find(By.id("arrival")).click();
    WebElement focused = null;
    for (int i = 0; i < 6 && focused == null; i++) {
      browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
      // The calendar button is inside the field: the field is then focus-within but not :focus.
      if (Boolean.TRUE.equals(browser.script("var e = document.activeElement;"
          + " return e.id === 'arrival' && e.matches(':focus-within') && !e.matches(':focus');"))) {
        focused = browser.driver().switchTo().activeElement();
      }
    }
    assertThat(focused).as("Tab reaches the calendar button of the arrival date").isNotNull();
    assertThat(amberPixelsAround(focused)).as("pixels of the amber focus ring around the calendar button").isGreaterThan(100);
  }

  @Test
  void escFoldsTheOpenMenuAndGivesTheFocusBackToItsButton() {
    browser.viewport(375, 740);
    for (String language : List.of("en", "ar")) {
      browser.open("/?lang=" + language);
      WebElement menu = browser.tabTo("the Menu button", e -> "site-menu".equals(e.getAttribute("aria-controls")));
      menu.sendKeys(Keys.ENTER);
      assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
      WebElement link = browser.tabTo("a link of the menu", e -> !e.findElements(By.xpath("ancestor::ul[@id='site-menu']")).isEmpty());
      link.sendKeys(Keys.ESCAPE);
      assertThat(menu.getAttribute("aria-expanded")).as("after Esc, %s", language).isEqualTo("false");
      assertThat(browser.find(By.id("site-menu")).isDisplayed()).as("the menu after Esc, %s", language).isFalse();
      assertThat(browser.driver().switchTo().activeElement()).as("the focus after Esc, %s", language).isEqualTo(menu);
    }
  }

  @Test
  void aFilterRowsFieldsListsAndButtonShareTheirTopAndBottom() {
    String meeting = "/groups/cloud/meetings/" + code();
    browser.signIn("tsb", "tsb-demo");
    for (int width : new int[] {1280, 375}) {
      browser.viewport(width, 900);
      for (String language : List.of("en", "ar", "zh")) {
        for (String page : List.of(meeting + "/participants", meeting + "/documents", "/search?q=cloud")) {
          browser.open(page + (page.contains("?") ? "&" : "?") + "lang=" + language);
          Object uneven = browser.script("""
              var found = [];
              document.querySelectorAll('main form.actions').forEach(function (form) {
                var lines = {};
                form.querySelectorAll('input:not([type=hidden]), select, button').forEach(function (c) {
                  var r = c.getBoundingClientRect(), line = Math.round(r.bottom / 20);
                  (lines[line] = lines[line] || []).push({id: c.id || c.tagName, top: r.top, bottom: r.bottom});
                });
                Object.values(lines).forEach(function (row) {
                  row.forEach(function (c) {
                    if (Math.abs(c.top - row[0].top) > 0.5 || Math.abs(c.bottom - row[0].bottom) > 0.5) {
                      found.push(c.id + ' ' + c.top + '-' + c.bottom + ' beside ' + row[0].id + ' ' + row[0].top + '-' + row[0].bottom);
                    }
                  });
                });
              });
              return found.join('; ');""");
          assertThat(uneven).as("controls out of line on %s at %d px", browser.driver().getCurrentUrl(), width).isEqualTo("");
        }
      }
    }
  }

  @Test
  void forcedColoursKeepTheEdgesABackgroundDrewAndTheFocusRing() {
    browser.signIn("tsb", "tsb-demo");
    for (String page : List.of("/desk?lang=en", "/groups/cloud/meetings/" + code() + "?lang=ar")) {
      browser.emulateMedia("", Map.of());
      browser.open(page);
      // On the screen: what stands out by its background alone, with no border of its own.
      browser.script("""
          function behind(e) { for (; e; e = e.parentElement) { var c = getComputedStyle(e).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)') { return c; } } return 'rgb(255, 255, 255)'; }
          document.querySelectorAll('body *').forEach(function (e) {
            var s = getComputedStyle(e);
            if (s.display === 'inline' || !e.checkVisibility() || s.backgroundColor === 'rgba(0, 0, 0, 0)'
                || s.backgroundColor === behind(e.parentElement)) { return; }
            e.setAttribute('data-background-edge', '');
          });""");
      browser.emulateMedia("", Map.of("forced-colors", "active"));
      assertThat(browser.script("return matchMedia('(forced-colors: active)').matches;")).isEqualTo(true);
      Object edgeless = browser.script("""
          return Array.from(document.querySelectorAll('[data-background-edge]')).filter(function (e) {
            var s = getComputedStyle(e);
            return !['Top', 'Right', 'Bottom', 'Left'].some(function (side) {
              return parseFloat(s['border' + side + 'Width']) > 0 && s['border' + side + 'Style'] !== 'none'; });
          }).map(function (e) { return e.tagName + '.' + e.className; }).join(', ');""");
      assertThat(edgeless).as("shapes drawn by a background only, lost in forced colours on %s", page).isEqualTo("");
      assertThat(tabThroughThePage("""
          var e = document.activeElement, s = getComputedStyle(e);
          return e === document.body || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ? null
              : e.tagName + ' "' + e.textContent.trim().substring(0, 30) + '"';"""))
          .as("focus without a ring in forced colours on %s", page).isEmpty();
    }
  }

  @Test
  void aReaderWhoAsksForLessMotionGetsNoneOnTheApiPage() {
    browser.emulateMedia("", Map.of("prefers-reduced-motion", "reduce"));
    browser.open("/api?lang=en");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
    Object moving = browser.script("""
        function longest(list) { return Math.max.apply(null, list.split(',').map(function (t) { return parseFloat(t) || 0; })); }
        return Array.from(document.querySelectorAll('*')).filter(function (e) {
          var s = getComputedStyle(e);
          return longest(s.transitionDuration) > 0 || (s.animationName !== 'none' && longest(s.animationDuration) > 0);
        }).slice(0, 5).map(function (e) { return e.tagName + '.' + e.className + ' ' + getComputedStyle(e).transitionDuration; }).join('; ');""");
    assertThat(moving).as("elements that still move").isEqualTo("");
  }

  @Test
  void aPrintedListIsItsContentWithEveryColumnOnThePaper() {
    String meeting = "/groups/cloud/meetings/" + code();
    browser.signIn("tsb", "tsb-demo");
    browser.driver().manage().window().setSize(new Dimension(700, 900));
    browser.emulateMedia("print", Map.of());
    for (String page : List.of(meeting + "/participants?lang=en", meeting + "/documents?lang=ar", "/groups/cloud/living-list?lang=fr",
        "/circulars/1?lang=zh")) {
      browser.open(page);
      Object shown = browser.script("""
          return Array.from(document.querySelectorAll('header.site, footer.site, nav.breadcrumb, form.actions, main button'))
            .filter(function (e) { return e.checkVisibility(); }).map(function (e) { return e.tagName + '.' + e.className; }).join(', ');""");
      assertThat(shown).as("furniture printed on %s", page).isEqualTo("");
      Object clipped = browser.script("""
          return Array.from(document.querySelectorAll('main table')).filter(function (t) {
            var box = t.closest('.table-scroll') || t;
            return getComputedStyle(box).overflowX !== 'visible' || box.scrollWidth > box.clientWidth + 1;
          }).map(function (t) { return (t.id || t.className || 'table') + ' ' + t.scrollWidth + '>' + t.clientWidth; }).join(', ');""");
      assertThat(clipped).as("tables cut by a scrolling region on paper, %s", page).isEqualTo("");
    }
  }

  /** Sends the page's last form with a text field, emptied and past the browser's own checks, as a reader without them would. */
  private static final String SEND_EMPTY = """
      var form = Array.from(document.querySelectorAll('main form[method=post]')).filter(function (f) {
        return f.querySelector('input[type=text], input[type=email], textarea'); }).pop();
      form.noValidate = true;
      form.querySelectorAll('input[type=text], input[type=email], input[type=date], input[type=number], input[type=password], textarea')
        .forEach(function (e) { e.value = ''; });
      (form.querySelector('button[type=submit].primary') || Array.from(form.querySelectorAll('button[type=submit]')).pop()).click();""";

  private List<String> refusedForms() {
    String meeting = "/groups/cloud/meetings/" + code();
    return List.of("/admin/organizations?lang=fr", meeting + "/hotel-form?lang=ar", "/admin/accounts?lang=en",
        "/groups/new?lang=zh", "/groups/cloud/meetings/new?lang=en", meeting + "/documents/new?lang=en", meeting + "/circulars/new?lang=en",
        "/groups/cloud/deliverables?lang=en", "/groups/cloud/living-list?lang=ar", "/groups/cloud/terms?lang=fr");
  }

  /**
   * Without the page's script (plenary.js blocked) each link of a refused form's summary already leads to its field:
   * the forms that go back to their page by a redirect linked the field's name, which only the script turned into an
   * id (without it, links to nothing), and an error of a list with no input of its own (a milestone that deliverables
   * serve, taken off the group) linked to nothing at all; it now leads to the list's fieldset, which names it.
   */
  @Test
  void aRefusedFormsSummaryLeadsToItsFieldsWithoutThePagesScript() {
    browser.signIn("tsb", "tsb-demo");
    var chrome = (org.openqa.selenium.chrome.ChromeDriver) browser.driver();
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/js/plenary.js")));
    try {
      for (String page : refusedForms()) {
        browser.open(page);
        assertThat(browser.script("return document.documentElement.classList.contains('js-menu');")).as("plenary.js ran").isEqualTo(false);
        browser.submitAndWait(() -> browser.script(SEND_EMPTY));
        assertThat(browser.script(LINKS_LEAD)).as("summary links on %s without the script", page).isEqualTo("");
      }
      browser.open("/groups/cloud/edit?lang=fr");
      // The demo's deliverables serve the second milestone: taking it off is refused as a whole, on no input.
      browser.clickAndWait(By.cssSelector("button[value='milestones:remove:1']"));
      browser.clickAndWait(By.cssSelector("main form button[type=submit].primary"));
      assertThat(browser.script(LINKS_LEAD)).as("summary links of the group's form").isEqualTo("");
      WebElement link = browser.find(By.cssSelector(".error-summary a"));
      assertThat(link.getAttribute("href")).endsWith("#milestones");
      WebElement list = browser.find(By.id("milestones"));
      assertThat(list.getTagName()).isEqualTo("fieldset");
      assertThat(list.findElement(By.cssSelector("p.error")).getText()).isEqualTo(link.getText());
      assertThat(list.getAttribute("aria-describedby")).isEqualTo("milestones-error");
    } finally {
      chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    }
  }

  /** Each summary link's target, as the server wrote it: a field, a list's or a group of radios' fieldset, a checkbox's row; else what is wrong. */
  private static final String LINKS_LEAD = """
      var out = [], summary = document.querySelector('.error-summary');
      if (!summary) { return 'no error summary'; }
      summary.querySelectorAll('a').forEach(function (a) {
        var href = a.getAttribute('href'), target = document.getElementById(decodeURIComponent(href.substring(1)));
        if (!target) { out.push('a link to nothing: ' + href); }
        else if (!target.matches('input, select, textarea, fieldset, div.field.checkbox')) { out.push('a link to a ' + target.tagName + ': ' + href); }
      });
      return out.join('; ');""";

  @Test
  void aRefusedFormTiesEveryErrorToItsFieldAndFocusesItsSummary() {
    browser.signIn("tsb", "tsb-demo");
    for (String page : refusedForms()) {
      browser.open(page);
      browser.submitAndWait(() -> browser.script(SEND_EMPTY));
      Object loose = browser.script("""
          var out = [], summary = document.querySelector('.error-summary');
          if (!summary) { return 'no error summary'; }
          if (document.activeElement !== summary) { out.push('the focus is on ' + document.activeElement.tagName + '#' + document.activeElement.id); }
          summary.querySelectorAll('a').forEach(function (a) {
            if (!document.getElementById(a.getAttribute('href').substring(1))) { out.push('a summary link to nothing: ' + a.getAttribute('href')); } });
          document.querySelectorAll('main .invalid').forEach(function (f) {
            f.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(function (c) {
              if (c.getAttribute('aria-invalid') !== 'true') { out.push('no aria-invalid on ' + c.id); } }); });
          document.querySelectorAll('[aria-invalid=true]').forEach(function (c) {
            var ids = (c.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
            if (!ids.some(function (i) { var e = document.getElementById(i); return e && e.matches('.error'); })) {
              out.push('no aria-describedby to its error on ' + c.id); } });
          document.querySelectorAll('main p.error').forEach(function (p) {
            if (!p.id || !document.querySelector('[aria-describedby~="' + p.id + '"]')) { out.push('an error no field points to: ' + p.textContent.trim()); } });
          return out.join('; ');""");
      assertThat(loose).as("errors not tied to their fields on %s", page).isEqualTo("");
    }
  }

  @Test
  void eachViewOfAPageHasATitleOfItsOwn() {
    String meeting = "/groups/cloud/meetings/" + code();
    browser.signIn("tsb", "tsb-demo");
    List<String> pages = new ArrayList<>(List.of(meeting + "/documents", meeting + "/documents?item=1", meeting + "/documents?item=2",
        meeting + "/documents?q=cloud", "/groups/cloud/living-list", "/groups/cloud/living-list?agreedAt=1006-gva",
        meeting + "/participants", meeting + "/participants?status=APPROVED", meeting + "/participants?status=SUBMITTED",
        meeting + "/participants?q=alice", meeting + "/participants?country=FR"));
    browser.open("/secretariat/outbox");
    // One message of each recipient and subject: other tests of this context may have mailed one subject to one address
    // twice, and two such messages are rightly titled alike.
    Map<String, String> messages = new LinkedHashMap<>();
    browser.all(By.cssSelector("main a[href^='/secretariat/outbox/']")).forEach(a -> messages.putIfAbsent(
        a.findElement(By.xpath("ancestor::tr")).findElements(By.tagName("td")).subList(1, 3).stream()
            .map(WebElement::getText).toList().toString(), java.net.URI.create(a.getDomProperty("href")).getPath()));
    pages.addAll(messages.values());
    for (String language : List.of("en", "ar")) {
      Map<String, String> titles = new LinkedHashMap<>();
      for (String page : pages) {
        browser.open(page + (page.contains("?") ? "&" : "?") + "lang=" + language);
        titles.put(page, browser.driver().getTitle());
      }
      assertThat(Set.copyOf(titles.values())).as("titles in %s: %s", language, titles).hasSize(titles.size());
    }
  }

  /** Presses Tab through the page from its start, runs the check on each element focused, returns what it found. */
  private List<String> tabThroughThePage(String check) {
    List<String> found = new ArrayList<>();
    browser.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    browser.find(By.tagName("body")).sendKeys(Keys.TAB);
    WebElement first = browser.driver().switchTo().activeElement();
    for (int i = 0; i < 250; i++) {
      WebElement focused = browser.driver().switchTo().activeElement();
      // Around again (a date field's parts are one element Tab visits several times), or out of the page.
      if (i > 0 && (focused.equals(first) || "body".equals(focused.getTagName()))) {
        break;
      }
      Object weak = browser.script(check);
      if (weak != null) {
        found.add(String.valueOf(weak));
      }
      focused.sendKeys(Keys.TAB);
    }
    return found;
  }

  private long amberPixelsAround(WebElement element) {
    var image = browser.screenshot();
    @SuppressWarnings("unchecked")
    Map<String, Number> box = (Map<String, Number>) browser.script("var r = arguments[0].getBoundingClientRect();"
        + " var k = window.devicePixelRatio; return {x: (r.left - 8) * k, y: (r.top - 8) * k, w: (r.width + 16) * k, h: (r.height + 16) * k};", element);
    long amber = 0;
    int x0 = Math.max(0, box.get("x").intValue()), y0 = Math.max(0, box.get("y").intValue());
    for (int x = x0; x < Math.min(image.getWidth(), x0 + box.get("w").intValue()); x++) {
      for (int y = y0; y < Math.min(image.getHeight(), y0 + box.get("h").intValue()); y++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 255) - 0xf2) < 30 && Math.abs(((rgb >> 8) & 255) - 0xa9) < 30 && (rgb & 255) < 60) {
          amber++;
        }
      }
    }
    return amber;
  }

  private String code() {
    return DemoMeetings.upcoming(groups, meetings);
  }
}
