package org.plenary.archive;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of a published folder as its manifests know it: what it was when published, the version
 * of the folder's manifest that added it, and, once withdrawn, the version that recorded that.
 */
record ManifestEntry(
    long id,
    long meetingId,
    String folder,
    String name,
    String number,
    String storePath,
    long size,
    String sha256,
    long crc32,
    Instant publishedAt,
    String publisher,
    int addedVersion,
    Integer withdrawnVersion,
    Instant withdrawnAt,
    String withdrawnBy) {

  /** The entry as inserted, with its row's id. */
  ManifestEntry withId(long rowId) {
    return new ManifestEntry(rowId, meetingId, folder, name, number, storePath, size, sha256, crc32, publishedAt,
        publisher, addedVersion, withdrawnVersion, withdrawnAt, withdrawnBy);
  }

  /** The entry once withdrawn by {@code version}. */
  ManifestEntry withdrawn(int version, Instant at, String by) {
    return new ManifestEntry(id, meetingId, folder, name, number, storePath, size, sha256, crc32, publishedAt,
        publisher, addedVersion, version, at, by);
  }

  boolean withdrawnAt(int version) {
    return withdrawnVersion != null && withdrawnVersion <= version;
  }

  /**
   * The entry as the manifest of {@code version} writes it in {@code format}, keys in their fixed order:
   * format 2 adds the version that added it ({@code addedIn}) and, once withdrawn, the one that withdrew
   * it ({@code withdrawnIn}), from which a reader replays the manifest's {@code entries} digest.
   */
  Map<String, Object> json(int version, int format) {
    var json = new LinkedHashMap<String, Object>();
    json.put("name", name);
    json.put("number", number);
    json.put("size", size);
    json.put("sha256", sha256);
    json.put("published", publishedAt.toString());
    json.put("publisher", publisher);
    if (format >= 2) {
      json.put("addedIn", addedVersion);
    }
    if (withdrawnAt(version)) {
      json.put("withdrawn", withdrawnAt.toString());
      json.put("withdrawnBy", withdrawnBy);
      if (format >= 2) {
        json.put("withdrawnIn", withdrawnVersion);
      }
    }
    return json;
  }
}
