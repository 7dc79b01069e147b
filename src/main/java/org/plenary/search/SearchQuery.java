package org.plenary.search;

/**
 * A search: the words (Lucene's syntax: {@code "a phrase"}, {@code prefix*}, {@code AND}, {@code OR},
 * {@code -not}; all words must match by default), facet filters (null for none), the order
 * ({@code best} or {@code newest}) and the page (from 1).
 */
public record SearchQuery(String q, String meeting, Long agendaItem, String source, String type, String state,
    String sort, int page) {

  public static final int PAGE_SIZE = 20;
  /**
   * The last page asked for: past it a page would start beyond {@code Integer.MAX_VALUE} results (no
   * search holds that many), so a larger page is read as this one, an empty page, and no arithmetic
   * on it overflows.
   */
  public static final int MAX_PAGE = Integer.MAX_VALUE / PAGE_SIZE;

  public SearchQuery {
    q = q == null ? "" : q.strip();
    sort = "newest".equals(sort) ? "newest" : "best";
    page = Math.clamp(page, 1, MAX_PAGE);
  }

  public boolean newest() {
    return "newest".equals(sort);
  }
}
