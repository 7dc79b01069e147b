package org.plenary.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of an SQL {@code IN} list, padded with the last one to a power of two: the same rows, and
 * a statement text of one of a few lengths. H2 parses (and its connections cache) each text once, the
 * PostgreSQL driver prepares each text on each pooled connection: with one text per list length,
 * batches of 1 to 100 made a hundred statements to parse, plan and keep where eight do.
 */
public final class InLists {

  private InLists() {}

  /** {@code values} padded with its last one to the next power of two (an empty list stays empty). */
  public static <T> List<T> padded(List<T> values) {
    int size = values.size() <= 1 ? values.size() : Integer.highestOneBit(values.size() - 1) << 1;
    var padded = new ArrayList<T>(size);
    padded.addAll(values);
    while (padded.size() < size) {
      padded.add(values.getLast());
    }
    return padded;
  }
}
