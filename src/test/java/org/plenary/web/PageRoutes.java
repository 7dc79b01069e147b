package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.plenary.Browser;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths of every GET page the application maps, read from its own mappings (not a list kept by hand, so a new
 * page is walked the day it is added): {slug} and {code} from the demo, an id or a number from the links the pages
 * already visited show, as the secretariat (who sees the most) follows them. Fails naming a page no link led to.
 */
final class PageRoutes {

  /**
   * Where the page asked for (arguments[0]) landed: an error page by its status whatever the address ("403"), a page
   * that sent the reader elsewhere by the path it sent them to (the sign-in page, whatever it is asked to lead back to),
   * else the page itself.
   */
  static final String LANDED = """
      var h1 = document.querySelector('main h1'), heading = h1 ? h1.textContent.trim() : '';
      if (/^\\d{3}\\b/.test(heading)) { return 'error ' + heading.slice(0, 3); }
      return location.pathname === arguments[0].split('?')[0] ? arguments[0] : 'sent to ' + location.pathname;""";

  /** Files, feeds, the OpenAPI description and {@code /api}'s aliases, the sign-out: GET mappings that are not pages to lay out. */
  private static final String NOT_A_PAGE =
      "^/(api/v1/|api/swagger-ui|v3/|error|\\.well-known/).*|.*\\.(pdf|csv|atom|ics|docx|zip|json|yaml)$|.*\\{name}$|/t/\\*\\*|/sign-out";

  private PageRoutes() {
  }

  /** Signs in as the secretariat, walks the links from the pages without parameters and from {@code seeded}, signs out. */
  static List<String> discover(Browser browser, RequestMappingHandlerMapping mappings, String code, Set<String> seeded) {
    var patterns = new TreeMap<String, String>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      var methods = info.getMethodsCondition().getMethods();
      if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
        return;
      }
      for (String pattern : info.getPatternValues()) {
        if (!pattern.matches(NOT_A_PAGE)) {
          patterns.put(pattern, pattern.replace("{slug}", "cloud").replace("{code}", code)
              .replaceAll("\\{(kind|folder):in\\|out}", "in"));
        }
      }
    });
    var visited = new LinkedHashSet<String>();
    var links = new LinkedHashSet<String>(seeded);
    browser.signIn("tsb", "tsb-demo");
    boolean found = true;
    while (found) {
      found = false;
      for (var pattern : patterns.entrySet()) {
        String path = pattern.getValue().contains("{") ? linkMatching(pattern.getValue(), links) : pattern.getValue();
        if (path != null && visited.add(path)) {
          browser.open(path);
          links.addAll(hrefs(browser));
          found = true;
        }
      }
      patterns.values().removeIf(p -> !p.contains("{"));
      patterns.replaceAll((k, v) -> linkMatching(v, links) == null ? v : linkMatching(v, links));
    }
    assertThat(patterns.keySet()).as("pages no link led to").isEmpty();
    browser.driver().manage().deleteAllCookies();
    return List.copyOf(visited);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> hrefs(Browser browser) {
    var out = new LinkedHashSet<String>();
    for (Object href : (List<Object>) browser.script(
        "return Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.pathname; });")) {
      out.add(String.valueOf(href));
    }
    return out;
  }

  private static String linkMatching(String pattern, Set<String> links) {
    var parsed = PathPatternParser.defaultInstance.parse(pattern);
    return links.stream().filter(l -> parsed.matches(PathContainer.parsePath(l))).findFirst().orElse(null);
  }
}
