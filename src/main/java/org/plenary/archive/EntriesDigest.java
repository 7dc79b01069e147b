package org.plenary.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The digest of a format-2 manifest's entries ({@code entries}), which its signature covers in place of
 * the entries themselves: a chain with one link per version that added or withdrew files, each link the
 * SHA-256 (hex) of the canonical JSON
 * {@code {"previous":<link before, or null>,"version":N,"added":[...],"withdrawn":[...]}}, where
 * {@code added} holds each file the version added as {@code {name, number, size, sha256, published,
 * publisher}} and {@code withdrawn} each file it withdrew as {@code {name, sha256, withdrawn, withdrawnBy}},
 * both sorted by name, then SHA-256. A new version extends the chain by its own change, so its cost does
 * not grow with the folder; a reader holding one manifest replays the chain from its entries'
 * {@code addedIn} and {@code withdrawnIn} and compares.
 */
final class EntriesDigest {

  private static final Comparator<Map<String, Object>> ORDER = Comparator
      .comparing((Map<String, Object> m) -> (String) m.get("name")).thenComparing(m -> (String) m.get("sha256"));

  private EntriesDigest() {}

  /** The link after {@code previous} for a version's change (entries as a format-2 manifest writes them). */
  static String link(String previous, int version, List<Map<String, Object>> added, List<Map<String, Object>> withdrawn) {
    var json = new LinkedHashMap<String, Object>();
    json.put("previous", previous);
    json.put("version", version);
    json.put("added", added.stream().map(EntriesDigest::addition).sorted(ORDER).toList());
    json.put("withdrawn", withdrawn.stream().map(EntriesDigest::withdrawal).sorted(ORDER).toList());
    return Digests.sha256Hex(CanonicalJson.bytes(json));
  }

  /**
   * The digest replayed from a manifest's {@code files} and {@code withdrawn} (format-2 entries, as
   * written or as parsed); null when both are empty. {@code IllegalArgumentException} when an entry
   * lacks its versions.
   */
  static String replay(List<Map<String, Object>> files, List<Map<String, Object>> withdrawn) {
    var added = new TreeMap<Integer, List<Map<String, Object>>>();
    var gone = new TreeMap<Integer, List<Map<String, Object>>>();
    for (Map<String, Object> file : files) {
      added.computeIfAbsent(version(file, "addedIn"), v -> new ArrayList<>()).add(file);
    }
    for (Map<String, Object> file : withdrawn) {
      added.computeIfAbsent(version(file, "addedIn"), v -> new ArrayList<>()).add(file);
      gone.computeIfAbsent(version(file, "withdrawnIn"), v -> new ArrayList<>()).add(file);
    }
    var versions = new TreeSet<Integer>(added.keySet());
    versions.addAll(gone.keySet());
    String digest = null;
    for (int version : versions) {
      digest = link(digest, version, added.getOrDefault(version, List.of()), gone.getOrDefault(version, List.of()));
    }
    return digest;
  }

  private static int version(Map<String, Object> entry, String key) {
    if (!(entry.get(key) instanceof Number n) || n.intValue() < 1) {
      throw new IllegalArgumentException("the entry " + entry.get("name") + " names no " + key + " version");
    }
    return n.intValue();
  }

  private static Map<String, Object> addition(Map<String, Object> entry) {
    var json = new LinkedHashMap<String, Object>();
    for (String key : List.of("name", "number", "size", "sha256", "published", "publisher")) {
      json.put(key, entry.get(key));
    }
    return json;
  }

  private static Map<String, Object> withdrawal(Map<String, Object> entry) {
    var json = new LinkedHashMap<String, Object>();
    for (String key : List.of("name", "sha256", "withdrawn", "withdrawnBy")) {
      json.put(key, entry.get(key));
    }
    return json;
  }
}
