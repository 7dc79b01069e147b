package org.plenary.output;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.plenary.group.GroupId;
import org.plenary.meeting.MeetingId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the living list: every edit is a history row carrying the list's version after it, so
 * the list at any version is, per entry, its latest row at or below that version, unless removed.
 */
@Repository
class LivingListEntries {

  private final JdbcClient jdbc;

  LivingListEntries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Starts the group's version counter at zero, in a transaction of its own (a failed insert would
   * abort the caller's transaction on PostgreSQL); a caller that loses the race gets a
   * {@code DuplicateKeyException} and finds it made.
   */
  void createCounter(GroupId group) {
    if (jdbc.sql("SELECT COUNT(*) FROM living_list_versions WHERE group_id = ?").param(group.value())
        .query(Long.class).single() > 0) {
      return;
    }
    jdbc.sql("INSERT INTO living_list_versions (group_id, version) VALUES (?, 0)").param(group.value()).update();
  }

  /**
   * The group's next list version, holding the group's version row until the transaction ends, so
   * that edits on any node follow one another. {@link #createCounter} made the row.
   */
  long nextVersion(GroupId group) {
    jdbc.sql("UPDATE living_list_versions SET version = version + 1 WHERE group_id = ?").param(group.value()).update();
    return version(group);
  }

  /**
   * The group's list version, holding the group's version row until the transaction ends, so that no edit is
   * made between reading it and recording what depends on it. {@link #createCounter} made the row.
   */
  long lockVersion(GroupId group) {
    return jdbc.sql("SELECT version FROM living_list_versions WHERE group_id = ? FOR UPDATE").param(group.value())
        .query(Long.class).single();
  }

  long version(GroupId group) {
    return jdbc.sql("SELECT version FROM living_list_versions WHERE group_id = ?").param(group.value())
        .query(Long.class).optional().orElse(0L);
  }

  long newEntry(GroupId group) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO living_list_entries (group_id) VALUES (?)").param(group.value()).update(keys, "id");
    return keys.getKey().longValue();
  }

  boolean exists(GroupId group, long entry) {
    return jdbc.sql("SELECT COUNT(*) FROM living_list_entries WHERE group_id = ? AND id = ?")
        .params(group.value(), entry).query(Long.class).single() > 0;
  }

  void record(GroupId group, long version, LivingListEntry e, boolean removed, String by, Instant at) {
    jdbc.sql("""
            INSERT INTO living_list_history (entry_id, group_id, list_version, organization, body_group, url, topics,
              contact, last_reviewed, liaisons, removed, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(e.id(), group.value(), version, e.organization(), e.bodyGroup(), e.url(), e.topics(), e.contact(),
            e.lastReviewed() == null ? null : Date.valueOf(e.lastReviewed()),
            e.liaisons().isEmpty() ? null : String.join(" ", e.liaisons()), removed, by, Deliverables.utc(at))
        .update();
  }

  /** The entries as they stood at the version, by organization. */
  List<LivingListEntry> at(GroupId group, long version) {
    return jdbc.sql("""
            SELECT h.entry_id, h.organization, h.body_group, h.url, h.topics, h.contact, h.last_reviewed, h.liaisons,
              h.list_version
            FROM living_list_history h
            WHERE h.group_id = :group AND h.removed = FALSE AND h.id = (SELECT MAX(l.id) FROM living_list_history l
              WHERE l.entry_id = h.entry_id AND l.list_version <= :version)
            ORDER BY LOWER(h.organization), h.entry_id""")
        .param("group", group.value()).param("version", version)
        .query((rs, n) -> new LivingListEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class),
            rs.getString(8) == null ? List.of() : Arrays.asList(rs.getString(8).split(" ")), rs.getLong(9)))
        .list();
  }

  void agree(GroupId group, MeetingId meeting, long version, String by, Instant at) {
    jdbc.sql("DELETE FROM living_list_agreements WHERE group_id = ? AND meeting_id = ?")
        .params(group.value(), meeting.value()).update();
    jdbc.sql("""
            INSERT INTO living_list_agreements (group_id, meeting_id, list_version, agreed_by, agreed_at)
            VALUES (?, ?, ?, ?, ?)""")
        .params(group.value(), meeting.value(), version, by, Deliverables.utc(at)).update();
  }

  Optional<Long> agreedVersion(GroupId group, MeetingId meeting) {
    return jdbc.sql("SELECT list_version FROM living_list_agreements WHERE group_id = ? AND meeting_id = ?")
        .params(group.value(), meeting.value()).query(Long.class).optional();
  }

  /** The codes of the meetings that agreed the list, in the order of their agreement. */
  List<String> agreements(GroupId group) {
    return jdbc.sql("""
            SELECT m.code FROM living_list_agreements a JOIN meetings m ON m.id = a.meeting_id
            WHERE a.group_id = ? ORDER BY a.agreed_at""")
        .param(group.value()).query(String.class).list();
  }
}
