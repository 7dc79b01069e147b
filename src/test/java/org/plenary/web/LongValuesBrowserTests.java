package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page, with the longest values the server accepts in it (a long unbroken address and Chinese in each), as each
 * role that sees different pages (a visitor not signed in, a delegate, a focal point, a group's chair, the secretariat):
 * the secretariat at a phone's 360 px and at 1280 px in English, Russian and Arabic (right to left), the others at
 * 360 px in Arabic. No page is wider than the screen, no box that clips what overflows it (overflow hidden or clip)
 * hides part of its text, and axe-core's WCAG 2.2 AA rules pass. A table too wide scrolls in its own region, which
 * hides nothing.
 *
 * <p>What it costs is kept modest (one browser for every role): a page a role reaches is loaded once per language and
 * laid out at each width from that load — a page that sends the role elsewhere (the sign-in page) or refuses it (one
 * error page) is the page it lands on, checked once — and axe runs once per page and width, in Arabic on the phone and in English on the desktop: axe's rules do not
 * change with the words, and the right-to-left layout on the narrow screen is where a long value breaks a page. The
 * chair's and the focal point's pages are laid out here and checked by axe-core in {@link EveryPageBrowserTests}.
 */
class LongValuesBrowserTests extends LongDemoBrowserTest {

  /** Boxes that clip their content and are narrower than it: text that cannot be seen nor scrolled to. */
  private static final String CLIPPED = """
      return Array.from(document.querySelectorAll('body *')).filter(function (e) {
        var style = getComputedStyle(e);
        if (!/hidden|clip/.test(style.overflowX) || style.textOverflow === 'ellipsis'
            || e.closest('.visually-hidden, .default-submit, .skip, [hidden]') || !e.textContent.trim()) { return false; }
        return e.scrollWidth > e.clientWidth + 1;
      }).slice(0, 5).map(function (e) { return e.tagName + '.' + e.className + ' hides ' + (e.scrollWidth - e.clientWidth) + ' px'; });""";

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyRolesPagesKeepTheLongestValuesWithinTheScreenAndPassAxeAtBothWidthsInEnglishRussianAndArabic()
      throws Exception {
    List<String> pages = PageRoutes.discover(browser, mappings, code, seeded);
    var faults = new ArrayList<String>();
    var checked = 0;
    // null: a visitor not signed in; alice: a delegate with a registration, a document and a visa letter.
    for (String who : java.util.Arrays.asList(null, "alice", "focal", "chair", "tsb")) {
      browser.driver().manage().deleteAllCookies();
      if (who != null) {
        browser.signIn(who, who + "-demo");
      }
      boolean secretariat = "tsb".equals(who);
      // The secretariat, who sees every long value, at both widths in the three scripts; the other roles (what differs
      // by role is which values show, not the words) on the phone in Arabic, where a long value breaks a page. A page
      // is loaded once per language, the wider first, and laid out again at the phone's width.
      List<Integer> widths = secretariat ? List.of(1280, 360) : List.of(360);
      List<String> languages = secretariat ? List.of("en", "ru", "ar") : List.of("ar");
      // axe-core is most of the walk's time: the chair's and the focal point's pages have it in EveryPageBrowserTests.
      boolean axe = secretariat || who == null || "alice".equals(who);
      var landed = new java.util.HashSet<String>();
      for (String page : pages) {
        for (String lang : languages) {
          browser.viewport(widths.getFirst(), 900);
          browser.open(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
          if (lang.equals(languages.getFirst()) && !landed.add(String.valueOf(browser.script(PageRoutes.LANDED, page)))) {
            break; // a page this role has had already
          }
          for (int width : widths) {
            if (width != widths.getFirst()) {
              browser.relayout(width, 900);
            }
            checked++;
            check(page + " (" + (who == null ? "visitor" : who) + ") in " + lang + " at " + width + " px",
                axe && lang.equals(width == 360 ? "ar" : "en"), faults);
          }
        }
      }
    }
    browser.driver().manage().deleteAllCookies();
    browser.windowViewport();
    assertThat(checked).as("pages checked").isGreaterThan(pages.size() * 3);
    assertThat(faults).as("pages of %s", pages).isEmpty();
  }

  private void check(String shown, boolean axe, List<String> faults) {
    Long overflow = (Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth;");
    if (overflow > 0) {
      faults.add(shown + " is " + overflow + " px wider than the screen: " + browser.script(EveryPageBrowserTests.WIDE));
    }
    Object clipped = browser.script(CLIPPED);
    if (!((List<?>) clipped).isEmpty()) {
      faults.add(shown + " hides text: " + clipped);
    }
    if (axe) {
      try {
        browser.assertAccessible();
      } catch (AssertionError e) {
        faults.add(shown + ": " + e.getMessage());
      }
    }
  }
}
