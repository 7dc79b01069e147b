package org.plenary.search;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plenary.contribution.Reader;
import org.plenary.shared.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The search page: a query box, facets as links that add or remove a filter, snippets, newest or best first. */
@PageController
class SearchController {

  private final Search search;

  SearchController(Search search) {
    this.search = search;
  }

  @GetMapping("/search")
  String page(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String meeting,
      @RequestParam(required = false) Long agendaItem, @RequestParam(required = false) String source,
      @RequestParam(required = false) String type, @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "best") String sort, @RequestParam(defaultValue = "1") int page, Model model) {
    SearchQuery query = new SearchQuery(q, meeting, agendaItem, source, type, state, sort, page);
    Map<String, String> filters = new LinkedHashMap<>();
    put(filters, "meeting", meeting);
    put(filters, "agendaItem", agendaItem == null ? null : agendaItem.toString());
    put(filters, "source", source);
    put(filters, "type", type);
    put(filters, "state", state);
    model.addAttribute("query", query);
    model.addAttribute("filters", filters);
    model.addAttribute("links", new Links(query.q(), query.sort(), filters));
    try {
      model.addAttribute("results", search.search(query, Reader.current()));
    } catch (BadQueryException e) {
      model.addAttribute("problem", org.plenary.shared.Words.said(e));
    }
    return "search/search";
  }

  private static void put(Map<String, String> filters, String name, String value) {
    if (value != null && !value.isBlank()) {
      filters.put(name, value);
    }
  }

  /** Links of the page: the same search with one filter added, removed, another order or page. */
  record Links(String q, String sort, Map<String, String> filters) {

    public String with(String name, String value) {
      Map<String, String> next = new LinkedHashMap<>(filters);
      next.put(name, value);
      return link(q, sort, next, 1);
    }

    public String without(String name) {
      Map<String, String> next = new LinkedHashMap<>(filters);
      next.remove(name);
      return link(q, sort, next, 1);
    }

    public String sorted(String order) {
      return link(q, order, filters, 1);
    }

    public String page(int page) {
      return link(q, sort, filters, page);
    }

    private static String link(String q, String sort, Map<String, String> filters, int page) {
      UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/search").queryParam("q", q);
      filters.forEach(uri::queryParam);
      uri.queryParam("sort", sort);
      if (page > 1) {
        uri.queryParam("page", page);
      }
      return uri.encode().build().toUriString();
    }
  }
}
