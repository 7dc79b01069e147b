package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page, with the longest values the server accepts in it (a long unbroken address and Chinese in each), at a
 * phone's 360 px and at 1280 px, in English, Russian and Arabic (right to left): no page is wider than the screen, and
 * no box that clips what overflows it (overflow hidden or clip) hides part of its text. A table too wide scrolls in
 * its own region, which hides nothing.
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
  void everyPageKeepsTheLongestValuesWithinTheScreenAtBothWidthsInEnglishRussianAndArabic() throws Exception {
    List<String> pages = PageRoutes.discover(browser, mappings, code, seeded);
    var faults = new ArrayList<String>();
    for (String who : List.of("tsb")) { // the secretariat sees the most, every long value on its pages
      browser.signIn(who, who + "-demo");
      for (String page : pages) {
        for (String lang : List.of("en", "ru", "ar")) {
          // One load a language: the page is laid out again at the other width (the layout follows the viewport).
          browser.viewport(360, 900);
          browser.open(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
          for (int width : new int[] {360, 1280}) {
            browser.relayout(width, 900);
            String shown = page + " (" + who + ") in " + lang + " at " + width + " px";
            Long overflow = (Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth;");
            if (overflow > 0) {
              faults.add(shown + " is " + overflow + " px wider than the screen: " + browser.script(EveryPageBrowserTests.WIDE));
            }
            Object clipped = browser.script(CLIPPED);
            if (!((List<?>) clipped).isEmpty()) {
              faults.add(shown + " hides text: " + clipped);
            }
          }
        }
      }
      browser.driver().manage().deleteAllCookies();
    }
    browser.windowViewport();
    assertThat(faults).as("pages of %s", pages).isEmpty();
  }
}
