package org.plenary.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** One page of results, with the total and the facets, counted among the documents the reader may read only. */
public record SearchResults(String q, String sort, long total, int page, int pageSize, List<Hit> hits,
    List<Facet> facets) {

  /**
   * A contribution found. {@code snippet} is HTML: the text escaped, the words found in
   * {@code <mark>}; {@code problem} says why a file's text could not be searched (null when it could), in the
   * language of {@code Accept-Language}; {@code problems} says the same as codes that never change.
   */
  public record Hit(String number, String title, String source, String group, String meeting,
      List<Long> agendaItemIds, String state, @Schema(nullable = true) String type,
      @Schema(nullable = true) String fileName, Instant date, @Schema(nullable = true) String snippet,
      @Schema(nullable = true, description = "why a file's text is not (all) searchable, a sentence in the reader's language")
      String problem,
      @Schema(description = "the same as codes, one per file (empty when the text is complete)") List<Problem> problems,
      String url) {}

  /**
   * Why one file's text is missing or incomplete: {@code code} is stable (notSearched, timeout, stopping, tooLarge,
   * unreadable, damaged, damagedType, password, tooLong, slow, nested, bombEntries, bombEntry, bombTotal, bombRatio,
   * bombDocument, store, inArchive, legacy), {@code arguments} its values in order (an extension, seconds, a limit,
   * an entry's name; {@code inArchive}: the entry's name, then its own code and arguments; {@code legacy}: the
   * English text an index built by an earlier version holds, until the index is rebuilt).
   */
  public record Problem(@Schema(nullable = true) String fileName, String code, List<String> arguments) {}

  /** Counts by one dimension: {@code meeting}, {@code agendaItem}, {@code source}, {@code type} or {@code state}. */
  public record Facet(String name, List<FacetValue> values) {}

  /** A value to filter by, what it stands for, and how many results have it. */
  public record FacetValue(String value, String label, long count) {}
}
