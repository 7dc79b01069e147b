package org.plenary.search;

/**
 * A search: the words (Lucene's syntax: {@code "a phrase"}, {@code prefix*}, {@code AND}, {@code OR},
 * {@code -not}; all words must match by default), facet filters (null for none), the order
 * ({@code best} or {@code newest}) and the page (from 1).
 */
public record SearchQuery(String q, String meeting, Long agendaItem, String source, String type, String state,
    String sort, int page) {

  public static final int PAGE_SIZE = 20;

  public SearchQuery {
    q = q == null ? "" : q.strip();
    sort = "newest".equals(sort) ? "newest" : "best";
    page = Math.max(page, 1);
  }

  public boolean newest() {
    return "newest".equals(sort);
  }
}
