package org.plenary.search;

import java.time.Duration;

/**
 * What reading one file may cost at most: characters kept, archive nesting, entries, bytes
 * expanded (per entry and in all), the expansion ratio, time, and the size of a file read at all
 * (a larger one is not opened: on S3 it would first be copied whole to the local disk).
 */
record ExtractionLimits(int maxChars, int maxDepth, int maxEntries, long maxEntryBytes, long maxTotalBytes,
    int maxRatio, Duration timeout, long maxFileBytes) {

  /** Below this many expanded bytes an entry's ratio is not judged (a page of spaces compresses well). */
  static final long RATIO_FLOOR = 1024 * 1024;
}
