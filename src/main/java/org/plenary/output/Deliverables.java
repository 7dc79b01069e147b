package org.plenary.output;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenary.group.GroupId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of deliverables, their versions and their events. A deliverable's version as read is its own plus the
 * version of the meeting that agreed it, whose code it shows (as a term's): that meeting edited, a decision read
 * before is refused.
 */
@Repository
class Deliverables {


  private static final String SELECT = """
      SELECT d.id, d.title, d.kind, d.milestone, d.editors, d.state, m.code AS agreed_at, d.decision, d.consensus,
        d.objections, d.transferred_on, d.created_at, d.version + COALESCE(m.edit_version, 0) AS version
      FROM deliverables d LEFT JOIN meetings m ON m.id = d.agreed_meeting_id""";

  private final JdbcClient jdbc;

  Deliverables(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(GroupId group, String title, DeliverableKind kind, String milestone, List<String> editors, Instant at) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO deliverables (group_id, title, kind, milestone, editors, state, created_at)
            VALUES (?, ?, ?, ?, ?, 'DRAFT', ?)""")
        .params(group.value(), title, kind.name(), milestone, String.join(", ", editors), utc(at)).update(keys, "id");
    return keys.getKey().longValue();
  }

  List<Deliverable> ofGroup(GroupId group) {
    return select("d.group_id = ?", group.value());
  }

  /**
   * One page of the group's deliverables read by key in id order (the index on group and id serves it): the page and
   * one more, each with its versions (read for those rows only).
   */
  org.plenary.shared.Paged<Deliverable> ofGroup(GroupId group, org.plenary.shared.Paged.Asked asked) {
    Map<Long, List<Deliverable.Version>> versions = new HashMap<>();
    jdbc.sql("""
            SELECT v.deliverable_id, v.version, v.output_number, v.added_by, v.added_at FROM deliverable_versions v
            WHERE v.deliverable_id IN (SELECT id FROM deliverables WHERE group_id = ? AND id > ? ORDER BY id LIMIT ?)
            ORDER BY v.version""")
        .params(group.value(), asked.afterId(), asked.read())
        .query((rs, n) -> versions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new Deliverable.Version(rs.getInt(2), rs.getString(3), instant(rs, "added_at"))))
        .list();
    return asked.keyset(jdbc.sql(SELECT + " WHERE d.group_id = ? AND d.id > ? ORDER BY d.id LIMIT ?")
        .params(group.value(), asked.afterId(), asked.read())
        .query((rs, n) -> new org.plenary.shared.Paged.Keyed<>(org.plenary.shared.Paged.Key.of(rs.getLong("id")),
            row(rs, versions.getOrDefault(rs.getLong("id"), List.of()))))
        .list());
  }

  /** The group's deliverables serving one of the milestones {@code titles}, in id order, with their versions. */
  List<Deliverable> serving(GroupId group, java.util.Collection<String> titles) {
    if (titles.isEmpty()) {
      return List.of();
    }
    var params = Map.<String, Object>of("group", group.value(),
        "titles", org.plenary.shared.InLists.padded(List.copyOf(titles)));
    Map<Long, List<Deliverable.Version>> versions = new HashMap<>();
    jdbc.sql("""
            SELECT v.deliverable_id, v.version, v.output_number, v.added_by, v.added_at
            FROM deliverable_versions v JOIN deliverables d ON d.id = v.deliverable_id
            WHERE d.group_id = :group AND d.milestone IN (:titles) ORDER BY v.version""")
        .params(params)
        .query((rs, n) -> versions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new Deliverable.Version(rs.getInt(2), rs.getString(3), instant(rs, "added_at"))))
        .list();
    return jdbc.sql(SELECT + " WHERE d.group_id = :group AND d.milestone IN (:titles) ORDER BY d.id").params(params)
        .query((rs, n) -> row(rs, versions.getOrDefault(rs.getLong("id"), List.of()))).list();
  }

  Optional<Deliverable> find(GroupId group, long id) {
    return select("d.group_id = ? AND d.id = " + id, group.value()).stream().findFirst();
  }

  /** The group's deliverables serving milestone {@code from} serve {@code to}: the milestone was renamed. */
  void renameMilestone(org.plenary.group.GroupId group, String from, String to) {
    jdbc.sql("UPDATE deliverables SET milestone = ?, version = version + 1 WHERE group_id = ? AND milestone = ?")
        .params(to, group.value(), from).update();
  }

  /**
   * Takes the deliverable's row lock until the transaction ends (one change at a time), and answers the meeting that agreed
   * it, if one did.
   */
  Optional<org.plenary.meeting.MeetingId> lock(long id) {
    // The meeting that agreed it, read under the deliverable's lock (no agreement moves it meanwhile): its version is
    // part of the deliverable's, so the caller locks that meeting too before the version is checked.
    return jdbc.sql("SELECT agreed_meeting_id FROM deliverables WHERE id = ? FOR UPDATE").param(id)
        .query((rs, n) -> rs.getLong(1)).list().stream().filter(meeting -> meeting != 0)
        .map(org.plenary.meeting.MeetingId::new).findFirst();
  }

  void addVersion(long id, Deliverable.Version version, String by) {
    jdbc.sql("""
            INSERT INTO deliverable_versions (deliverable_id, version, output_number, added_by, added_at)
            VALUES (?, ?, ?, ?, ?)""")
        .params(id, version.version(), version.outputNumber(), by, utc(version.addedAt())).update();
    jdbc.sql("UPDATE deliverables SET version = version + 1 WHERE id = ?").param(id).update();
  }

  void saveState(Deliverable d, Long agreedMeetingId) {
    jdbc.sql("""
            UPDATE deliverables SET state = ?, agreed_meeting_id = ?, decision = ?, consensus = ?, objections = ?,
              transferred_on = ?, version = version + 1 WHERE id = ?""")
        .params(d.state().name(), agreedMeetingId, d.decision(), d.consensus(),
            d.objections().isEmpty() ? null : String.join("\n", d.objections()), d.transferredOn(), d.id())
        .update();
  }

  void event(long id, String action, String actor, Instant at, String detail) {
    jdbc.sql("""
            INSERT INTO deliverable_events (deliverable_id, action, actor, occurred_at, detail) VALUES (?, ?, ?, ?, ?)""")
        .params(id, action, actor, utc(at), detail).update();
  }

  /**
   * The group's newest changes that {@code shown} keeps, newest first, at most {@code limit}: read a batch at a time
   * from the newest (by the event's id, doubling up to 1,000), so that a feed reads about what it shows rather than
   * the group's whole history, however many changes the reader may not see lie between.
   */
  List<DeliverableChange> events(GroupId group, int limit, java.util.function.Predicate<DeliverableChange> shown) {
    var found = new ArrayList<DeliverableChange>();
    long before = Long.MAX_VALUE;
    int batch = limit + 1;
    while (found.size() < limit) {
      var ids = new ArrayList<Long>();
      List<DeliverableChange> rows = jdbc.sql("""
              SELECT e.id, e.deliverable_id, d.title, e.action, e.actor, e.occurred_at, e.detail
              FROM deliverable_events e JOIN deliverables d ON d.id = e.deliverable_id
              WHERE d.group_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?""")
          .param(group.value()).param(before).param(batch)
          .query((rs, n) -> {
            ids.add(rs.getLong(1));
            return new DeliverableChange(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, "occurred_at"), rs.getString(7));
          }).list();
      rows.stream().filter(shown).limit(limit - found.size()).forEach(found::add);
      if (rows.size() < batch) {
        break;
      }
      before = ids.getLast();
      batch = Math.min(batch * 2, 1_000);
    }
    return found;
  }

  private List<Deliverable> select(String where, Object parameter) {
    Map<Long, List<Deliverable.Version>> versions = new HashMap<>();
    jdbc.sql("""
            SELECT v.deliverable_id, v.version, v.output_number, v.added_by, v.added_at
            FROM deliverable_versions v JOIN deliverables d ON d.id = v.deliverable_id WHERE """ + " " + where
            + " ORDER BY v.version")
        .param(parameter)
        .query((rs, n) -> versions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new Deliverable.Version(rs.getInt(2), rs.getString(3), instant(rs, "added_at"))))
        .list();
    return jdbc.sql(SELECT + " WHERE " + where + " ORDER BY d.id").param(parameter)
        .query((rs, n) -> row(rs, versions.getOrDefault(rs.getLong("id"), List.of()))).list();
  }

  private static Deliverable row(ResultSet rs, List<Deliverable.Version> versions) throws SQLException {
    String editors = rs.getString("editors");
    String objections = rs.getString("objections");
    Object consensus = rs.getObject("consensus");
    return new Deliverable(rs.getLong("id"), rs.getString("title"), DeliverableKind.valueOf(rs.getString("kind")),
        rs.getString("milestone"),
        editors == null || editors.isBlank() ? List.of() : Arrays.stream(editors.split(",\\s*")).toList(),
        DeliverableState.valueOf(rs.getString("state")), rs.getString("agreed_at"), rs.getString("decision"),
        consensus == null ? null : rs.getBoolean("consensus"),
        objections == null ? List.of() : Arrays.stream(objections.split("\n")).toList(),
        rs.getObject("transferred_on", LocalDate.class), versions, instant(rs, "created_at"), rs.getLong("version"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
