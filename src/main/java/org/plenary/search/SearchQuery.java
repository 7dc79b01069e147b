package org.plenary.search;

import org.plenary.shared.InvalidInputException;

/**
 * A search: the words (Lucene's syntax: {@code "a phrase"}, {@code prefix*}, {@code AND}, {@code OR},
 * {@code -not}; all words must match by default), facet filters (null for none), the order
 * ({@code best} or {@code newest}), the page (from 1) and its size ({@code limit}, 1 to {@value #MAX_LIMIT}).
 */
public record SearchQuery(String q, String meeting, Long agendaItem, String source, String type, String state,
    String sort, int page, int limit) {

  /** Hits on a page when the client names no size (the search page's size). */
  public static final int PAGE_SIZE = 20;
  /** The most hits a page may ask for. */
  public static final int MAX_LIMIT = 100;
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
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.of("limit", "search", "search.error.limit", MAX_LIMIT);
    }
    // The last page whose first hit a number can still count, for this page size (MAX_PAGE for the default one).
    int lastPage = Integer.MAX_VALUE / limit;
    if (page < 1 || page > lastPage) {
      throw InvalidInputException.of("page", "search", "search.error.page", String.valueOf(lastPage));
    }
  }

  /** A page of the default size. */
  public SearchQuery(String q, String meeting, Long agendaItem, String source, String type, String state, String sort,
      int page) {
    this(q, meeting, agendaItem, source, type, state, sort, page, PAGE_SIZE);
  }

  public boolean newest() {
    return "newest".equals(sort);
  }
}
