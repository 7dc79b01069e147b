package org.plenary.search;

import org.plenary.shared.InvalidInputException;

/**
 * A search: the words (Lucene's syntax: {@code "a phrase"}, {@code prefix*}, {@code AND}, {@code OR},
 * {@code -not}; all words must match by default), facet filters (null for none), the order
 * ({@code best} or {@code newest}) and the page (from 1).
 */
public record SearchQuery(String q, String meeting, Long agendaItem, String source, String type, String state,
    String sort, int page) {

  public static final int PAGE_SIZE = 20;
  /**
   * The last page that may be asked for: past it a page would start beyond {@code Integer.MAX_VALUE} results (no
   * search holds that many) and arithmetic on it would overflow. A page outside 1 to this is refused naming the
   * field, as the API's other paged lists refuse a limit or cursor they cannot take: read as another page, it was
   * answered as that page ({@code "page": 107374182} to {@code ?page=2147483647}, page 1 to {@code ?page=0}).
   */
  public static final int MAX_PAGE = Integer.MAX_VALUE / PAGE_SIZE;

  public SearchQuery {
    q = q == null ? "" : q.strip();
    sort = "newest".equals(sort) ? "newest" : "best";
    if (page < 1 || page > MAX_PAGE) {
      throw InvalidInputException.of("page", "search", "search.error.page", String.valueOf(MAX_PAGE));
    }
  }

  public boolean newest() {
    return "newest".equals(sort);
  }
}
