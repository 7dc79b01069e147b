package org.plenary.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** One page of results, with the total and the facets, counted among the documents the reader may read only. */
public record SearchResults(String q, String sort, long total, int page, int pageSize, List<Hit> hits,
    List<Facet> facets) {

  /**
   * A contribution found. {@code snippet} is HTML: the text escaped, the words found in
   * {@code <mark>}; {@code problem} says why a file's text could not be searched (null when it could).
   */
  public record Hit(String number, String title, String source, String group, String meeting,
      List<Long> agendaItemIds, String state, @Schema(nullable = true) String type,
      @Schema(nullable = true) String fileName, Instant date, @Schema(nullable = true) String snippet,
      @Schema(nullable = true) String problem, String url) {}

  /** Counts by one dimension: {@code meeting}, {@code agendaItem}, {@code source}, {@code type} or {@code state}. */
  public record Facet(String name, List<FacetValue> values) {}

  /** A value to filter by, what it stands for, and how many results have it. */
  public record FacetValue(String value, String label, long count) {}
}
