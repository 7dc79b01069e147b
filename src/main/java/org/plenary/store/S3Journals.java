package org.plenary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The journals of the {@link S3Store}, in the bucket: objects cannot be appended to, so each move is
 * an object of its own, {@code .journal/<id>/<millis>-<sequence>-<uuid>}, listed in key order.
 */
final class S3Journals {

  private static final String PREFIX = ".journal/";

  private final S3Bucket bucket;
  private final AtomicLong sequence = new AtomicLong();

  S3Journals(S3Bucket bucket) {
    this.bucket = bucket;
  }

  void append(String id, String from, String to) {
    String key = PREFIX + StorePaths.check(id) + "/" + String.format("%013d-%09d", System.currentTimeMillis(),
        sequence.incrementAndGet() % 1_000_000_000) + "-" + UUID.randomUUID();
    bucket.put(key, RequestBody.fromString(from + "\t" + to + "\n", StandardCharsets.UTF_8));
  }

  void end(String id) {
    bucket.list(PREFIX + StorePaths.check(id) + "/").forEach(o -> bucket.delete(o.key()));
  }

  /** The journals whose latest move was written before {@code before}. */
  Map<String, List<DocumentStore.Move>> olderThan(Instant before) {
    var lines = new TreeMap<String, List<String>>();
    var latest = new TreeMap<String, Instant>();
    bucket.list(PREFIX).forEach(o -> {
      String id = o.key().substring(PREFIX.length(), o.key().lastIndexOf('/'));
      latest.merge(id, o.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
      try (InputStream in = bucket.get(o.key(), 0, Long.MAX_VALUE)) {
        lines.computeIfAbsent(id, k -> new ArrayList<>()).add(new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .strip());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    var journals = new TreeMap<String, List<DocumentStore.Move>>();
    lines.forEach((id, moves) -> {
      if (latest.get(id).isBefore(before)) {
        journals.put(id, FileJournals.parse(moves));
      }
    });
    return journals;
  }
}
