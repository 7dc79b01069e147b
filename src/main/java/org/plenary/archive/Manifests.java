package org.plenary.archive;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.plenary.shared.RowLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of manifest versions, their entries and each group's feed counter. */
@Repository
class Manifests {

  private static final String VERSIONS = """
      SELECT group_id, meeting_id, folder, version, change_seq, kind, number, issued_at, previous_sha256, sha256,
        size_bytes, signature, key_url, key_id, manifest_format, entries_sha256 FROM archive_manifests""";

  private static final String ENTRIES = """
      SELECT id, meeting_id, folder, name, number, store_path, size_bytes, sha256, crc32, published_at, publisher, added_version,
        withdrawn_version, withdrawn_at, withdrawn_by FROM archive_entries""";

  private final JdbcClient jdbc;
  private final RowLocks locks;

  Manifests(JdbcClient jdbc, RowLocks locks) {
    this.jdbc = jdbc;
    this.locks = locks;
  }

  void createFeed(long group) {
    jdbc.sql("INSERT INTO archive_feeds (group_id, last_change) VALUES (?, 0)").param(group).update();
  }

  /** Locks the group's feed row until the transaction ends and answers its last change; empty while it has none. */
  Optional<Long> lockFeed(long group) {
    return locks.lock("SELECT last_change FROM archive_feeds WHERE group_id = ? FOR UPDATE", group);
  }

  void setLastChange(long group, long change) {
    jdbc.sql("UPDATE archive_feeds SET last_change = ? WHERE group_id = ?").param(change).param(group).update();
  }

  Optional<ManifestVersion> head(long meeting, String folder) {
    return jdbc.sql(VERSIONS + " WHERE meeting_id = ? AND folder = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
        .param(meeting).param(folder).query(Manifests::version).optional();
  }

  /**
   * The folder's newest version if it is {@code known} or later; empty when no such version is there
   * (the caller then asks {@link #head}). Versions only grow, so a node that knows a recent one reads a
   * few rows of the index instead of sorting every version of the folder.
   */
  Optional<ManifestVersion> headFrom(long meeting, String folder, int known) {
    return jdbc.sql(VERSIONS + " WHERE meeting_id = ? AND folder = ? AND version >= ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
        .param(meeting).param(folder).param(known).query(Manifests::version).optional();
  }

  Optional<ManifestVersion> version(long meeting, String folder, int version) {
    return jdbc.sql(VERSIONS + " WHERE meeting_id = ? AND folder = ? AND version = ?").param(meeting).param(folder)
        .param(version).query(Manifests::version).optional();
  }

  void insert(ManifestVersion v) {
    jdbc.sql("""
        INSERT INTO archive_manifests (group_id, meeting_id, folder, version, change_seq, kind, number, issued_at,
          previous_sha256, sha256, size_bytes, signature, key_url, key_id, manifest_format, entries_sha256)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(v.groupId(), v.meetingId(), v.folder(), v.version(), v.changeSeq(), v.kind(), v.number(),
            utc(v.issuedAt()), v.previousSha256(), v.sha256(), v.format() == 1 ? v.size() : null, v.signature(),
            v.keyUrl(), v.keyId(), v.format(), v.entriesSha256())
        .update();
  }

  /** The folder's entries that a manifest of {@code version} lists, by name then order of publication. */
  List<ManifestEntry> entries(long meeting, String folder, int version) {
    return jdbc.sql(ENTRIES + " WHERE meeting_id = ? AND folder = ? AND added_version <= ? ORDER BY name, id")
        .param(meeting).param(folder).param(version).query(Manifests::entry).list();
  }

  /** Inserts the entry; answers its row's id. */
  long insert(ManifestEntry e) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO archive_entries (meeting_id, folder, name, number, store_path, size_bytes, sha256, crc32,
          published_at, publisher, added_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(e.meetingId(), e.folder(), e.name(), e.number(), e.storePath(), e.size(), e.sha256(), e.crc32(),
            utc(e.publishedAt()), e.publisher(), e.addedVersion())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** The entries of any folder with this SHA-256 (published, perhaps withdrawn since), oldest first. */
  List<ManifestEntry> withSha256(String sha256) {
    return jdbc.sql(ENTRIES + " WHERE sha256 = ? ORDER BY id").param(sha256).query(Manifests::entry).list();
  }

  /** The folders where files of the number are listed and not withdrawn. */
  List<String> foldersListing(long meeting, String number) {
    return jdbc.sql("""
        SELECT DISTINCT folder FROM archive_entries WHERE meeting_id = ? AND number = ? AND withdrawn_version IS NULL""")
        .param(meeting).param(number).query(String.class).list();
  }

  void withdraw(long meeting, String folder, String name, String sha256, int version, Instant at, String by) {
    jdbc.sql("""
        UPDATE archive_entries SET withdrawn_version = ?, withdrawn_at = ?, withdrawn_by = ?
        WHERE meeting_id = ? AND folder = ? AND name = ? AND sha256 = ? AND withdrawn_version IS NULL""")
        .params(version, utc(at), by, meeting, folder, name, sha256).update();
  }

  /** The versions numbered {@code version} of the meeting's folders (one per folder that has it). */
  List<ManifestVersion> atVersion(long meeting, int version) {
    return jdbc.sql(VERSIONS + " WHERE meeting_id = ? AND version = ?").param(meeting).param(version)
        .query(Manifests::version).list();
  }

  /** The group's changes after the cursor, oldest first. */
  List<ManifestVersion> changesAfter(long group, long cursor, int limit) {
    return jdbc.sql(VERSIONS + " WHERE group_id = ? AND change_seq > ? ORDER BY change_seq FETCH FIRST " + limit
        + " ROWS ONLY").param(group).param(cursor).query(Manifests::version).list();
  }

  /** The cursor just before the group's first change issued at or after the instant. */
  long cursorBefore(long group, Instant since) {
    // MIN of no row is NULL, which single() refuses: a time after every change was a 500.
    long first = jdbc.sql("SELECT COALESCE(MIN(change_seq), -1) FROM archive_manifests WHERE group_id = ? AND issued_at >= ?")
        .param(group).param(utc(since)).query(Long.class).single();
    return first < 0 ? lastChange(group) : first - 1;
  }

  long lastChange(long group) {
    return jdbc.sql("SELECT COALESCE(MAX(last_change), 0) FROM archive_feeds WHERE group_id = ?").param(group)
        .query(Long.class).single();
  }

  /** The entries a change added or withdrew. */
  List<ManifestEntry> touchedBy(long meeting, String folder, int version) {
    return jdbc.sql(ENTRIES
        + " WHERE meeting_id = ? AND folder = ? AND (added_version = ? OR withdrawn_version = ?) ORDER BY name, id")
        .param(meeting).param(folder).param(version).param(version).query(Manifests::entry).list();
  }

  private static ManifestVersion version(ResultSet rs, int row) throws SQLException {
    return new ManifestVersion(rs.getLong("group_id"), rs.getLong("meeting_id"), rs.getString("folder"),
        rs.getInt("version"), rs.getLong("change_seq"), rs.getString("kind"), rs.getString("number"),
        instant(rs, "issued_at"), rs.getString("previous_sha256"), rs.getString("sha256"), rs.getLong("size_bytes"),
        rs.getString("signature"), rs.getString("key_url"), rs.getString("key_id"), rs.getInt("manifest_format"),
        rs.getString("entries_sha256"));
  }

  private static ManifestEntry entry(ResultSet rs, int row) throws SQLException {
    int withdrawn = rs.getInt("withdrawn_version");
    boolean live = rs.wasNull();
    return new ManifestEntry(rs.getLong("id"), rs.getLong("meeting_id"), rs.getString("folder"), rs.getString("name"), rs.getString("number"),
        rs.getString("store_path"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getLong("crc32"),
        instant(rs, "published_at"), rs.getString("publisher"), rs.getInt("added_version"),
        live ? null : withdrawn, instant(rs, "withdrawn_at"), rs.getString("withdrawn_by"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
