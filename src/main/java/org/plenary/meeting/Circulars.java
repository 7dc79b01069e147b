package org.plenary.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenary.group.GroupId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of circulars, their frozen PDFs, their audit trail and the groups' announcement rules. */
@Repository
class Circulars {

  /** One line of a circular's audit trail. */
  record AuditLine(Instant at, String actor, String action, String detail) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PARAGRAPH_BREAK = "\n\n";

  private final JdbcClient jdbc;

  Circulars(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  CircularId insert(MeetingId meeting, Circular.Kind kind, CircularId parent, int sequence, String number,
      LocalDate dated, String signatory, String signatoryTitle, List<String> paragraphs, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO meeting_circulars (meeting_id, kind, parent_id, sequence, number, dated, signatory,
              signatory_title, paragraphs, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?)""")
        .params(meeting.value(), kind.name(), parent == null ? null : parent.value(), sequence, number, dated,
            signatory, signatoryTitle, String.join(PARAGRAPH_BREAK, paragraphs), utc(now))
        .update(keys, "id");
    return new CircularId(keys.getKey().longValue());
  }

  /** Changes a draft; an issued circular is never changed (0 rows). */
  int updateDraft(CircularId id, String number, LocalDate dated, String signatory, String signatoryTitle,
      List<String> paragraphs) {
    return jdbc.sql("""
            UPDATE meeting_circulars SET number = ?, dated = ?, signatory = ?, signatory_title = ?, paragraphs = ?,
              edit_version = edit_version + 1
            WHERE id = ? AND status = 'DRAFT'""")
        .params(number, dated, signatory, signatoryTitle, String.join(PARAGRAPH_BREAK, paragraphs), id.value())
        .update();
  }

  /**
   * The versions of the circular's draft and of its meeting together (each only grows, so their sum moves whenever
   * one does), and its meeting's group, whose version the group module gives.
   */
  Versions versions(CircularId id) {
    return jdbc.sql("""
            SELECT c.edit_version + m.edit_version, m.group_id FROM meeting_circulars c
              JOIN meetings m ON m.id = c.meeting_id WHERE c.id = ?""").param(id.value())
        .query((rs, row) -> new Versions(rs.getLong(1), new GroupId(rs.getLong(2)))).single();
  }

  /** The circular's draft and meeting versions summed, and the group its meeting belongs to. */
  record Versions(long draftAndMeeting, GroupId group) {}

  /**
   * The circular's row and its meeting's locked until the transaction ends (the group's is the group module's to
   * lock, after these): the group whose row is to be locked next.
   */
  GroupId lockRows(CircularId id) {
    long meeting = jdbc.sql("SELECT meeting_id FROM meeting_circulars WHERE id = ? FOR UPDATE").param(id.value())
        .query(Long.class).single();
    return new GroupId(jdbc.sql("SELECT group_id FROM meetings WHERE id = ? FOR UPDATE").param(meeting)
        .query(Long.class).single());
  }

  /** Freezes a draft; 0 when it was issued meanwhile. */
  int markIssued(CircularId id, Instant at, String actor, Map<String, String> facts, List<Circular.FactChange> changes,
      List<CircularWarning> confirmations) {
    return jdbc.sql("""
            UPDATE meeting_circulars SET status = 'ISSUED', issued_at = ?, issued_by = ?, facts = ?, changes = ?,
              confirmations = ? WHERE id = ? AND status = 'DRAFT'""")
        .params(utc(at), actor, JSON.writeValueAsString(facts), JSON.writeValueAsString(changes),
            JSON.writeValueAsString(confirmations), id.value())
        .update();
  }

  void keepPdf(CircularId id, String lang, byte[] pdf, String sha256, CircularDocument document) {
    jdbc.sql("INSERT INTO meeting_circular_pdfs (circular_id, lang, pdf, sha256, document) VALUES (?, ?, ?, ?, ?)")
        .params(id.value(), lang, pdf, sha256, JSON.writeValueAsString(document)).update();
  }

  Optional<CircularDocument> document(CircularId id, String lang) {
    return jdbc.sql("SELECT document FROM meeting_circular_pdfs WHERE circular_id = ? AND lang = ?")
        .params(id.value(), lang).query((rs, n) -> JSON.readValue(rs.getString(1), CircularDocument.class)).optional();
  }

  boolean numberTaken(String number, CircularId except) {
    return jdbc.sql("SELECT COUNT(*) FROM meeting_circulars WHERE kind = 'CIRCULAR' AND number = ? AND id <> ?")
        .params(number, except == null ? -1 : except.value()).query(Long.class).single() > 0;
  }

  Optional<byte[]> pdf(CircularId id, String lang) {
    return jdbc.sql("SELECT pdf FROM meeting_circular_pdfs WHERE circular_id = ? AND lang = ?").params(id.value(), lang)
        .query((rs, n) -> rs.getBytes(1)).optional();
  }

  Map<String, String> sha256s(CircularId id) {
    var out = new LinkedHashMap<String, String>();
    jdbc.sql("SELECT lang, sha256 FROM meeting_circular_pdfs WHERE circular_id = ? ORDER BY lang").param(id.value())
        .query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
    return out;
  }

  void audit(CircularId id, Instant at, String actor, String action, String detail) {
    jdbc.sql("INSERT INTO meeting_circular_audit (circular_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)")
        .params(id.value(), utc(at), actor, action, detail).update();
  }

  List<AuditLine> auditTrail(CircularId id) {
    return jdbc.sql("SELECT at, actor, action, detail FROM meeting_circular_audit WHERE circular_id = ? ORDER BY id")
        .param(id.value())
        .query((rs, n) -> new AuditLine(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
            rs.getString(3), rs.getString(4))).list();
  }

  Optional<Circular> find(CircularId id) {
    return jdbc.sql("SELECT * FROM meeting_circulars WHERE id = ?").param(id.value()).query(this::circular).optional();
  }

  /** The meeting's circulars and notices, oldest first. */
  List<Circular> ofMeeting(MeetingId meeting) {
    return jdbc.sql("SELECT * FROM meeting_circulars WHERE meeting_id = ? ORDER BY id").param(meeting.value())
        .query(this::circular).list();
  }

  /**
   * One page of the meeting's circulars read by key in id order (the index on meeting and id serves it): all of them,
   * or only those issued.
   */
  org.plenary.shared.Paged<Circular> ofMeeting(MeetingId meeting, boolean drafts, org.plenary.shared.Paged.Asked asked) {
    return asked.keyset(jdbc.sql("SELECT * FROM meeting_circulars WHERE meeting_id = ? AND id > ?"
            + (drafts ? "" : " AND status = 'ISSUED'") + " ORDER BY id LIMIT ?")
        .params(meeting.value(), asked.afterId(), asked.read())
        .query((rs, n) -> {
          Circular circular = circular(rs, n);
          return new org.plenary.shared.Paged.Keyed<>(org.plenary.shared.Paged.Key.of(circular.id().value()), circular);
        }).list());
  }

  /** The group's issued circulars and notices, newest first. */
  List<Circular> issuedOfGroup(GroupId group) {
    return jdbc.sql("""
            SELECT c.* FROM meeting_circulars c JOIN meetings m ON m.id = c.meeting_id
            WHERE m.group_id = ? AND c.status = 'ISSUED' ORDER BY c.issued_at DESC, c.id DESC""")
        .param(group.value()).query(this::circular).list();
  }

  int nextSequence(CircularId parent) {
    return jdbc.sql("SELECT COALESCE(MAX(sequence), 0) + 1 FROM meeting_circulars WHERE parent_id = ?")
        .param(parent.value()).query(Integer.class).single();
  }

  Optional<AnnouncementRules> rules(GroupId group) {
    return jdbc.sql("SELECT announce_weeks, contribution_days FROM meeting_announcement_rules WHERE group_id = ?")
        .param(group.value()).query((rs, n) -> new AnnouncementRules(rs.getInt(1), rs.getInt(2))).optional();
  }

  void setRules(GroupId group, AnnouncementRules rules) {
    if (jdbc.sql("""
            UPDATE meeting_announcement_rules SET announce_weeks = ?, contribution_days = ?,
              edit_version = edit_version + 1 WHERE group_id = ?""")
        .params(rules.announceWeeks(), rules.contributionDays(), group.value()).update() == 0) {
      jdbc.sql("""
              INSERT INTO meeting_announcement_rules (group_id, announce_weeks, contribution_days, edit_version)
              VALUES (?, ?, ?, 1)""")
          .params(group.value(), rules.announceWeeks(), rules.contributionDays()).update();
    }
  }

  /** The version of the group's announcement rules: one more at every save, 0 before the first. */
  long rulesVersion(GroupId group) {
    return jdbc.sql("SELECT edit_version FROM meeting_announcement_rules WHERE group_id = ?").param(group.value())
        .query(Long.class).optional().orElse(0L);
  }


  /**
   * Records when the meeting was announced. The meeting's resource states it ({@code announcedAt}), so its version
   * moves too: without it a conditional GET answered 304 and a reader kept the meeting as not yet announced.
   */
  void markAnnounced(MeetingId meeting, Instant at) {
    jdbc.sql("UPDATE meetings SET announced_at = ?, edit_version = edit_version + 1 WHERE id = ? AND announced_at IS NULL")
        .params(utc(at), meeting.value()).update();
  }

  Optional<Instant> announcedAt(MeetingId meeting) {
    return jdbc.sql("SELECT announced_at FROM meetings WHERE id = ?").param(meeting.value())
        .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
        .optional().flatMap(at -> at);
  }

  private Circular circular(ResultSet rs, int row) throws SQLException {
    long parent = rs.getLong("parent_id");
    boolean noParent = rs.wasNull();
    String paragraphs = rs.getString("paragraphs");
    OffsetDateTime issued = rs.getObject("issued_at", OffsetDateTime.class);
    String facts = rs.getString("facts");
    String changes = rs.getString("changes");
    String confirmations = rs.getString("confirmations");
    return new Circular(new CircularId(rs.getLong("id")), new MeetingId(rs.getLong("meeting_id")),
        Circular.Kind.valueOf(rs.getString("kind")), noParent ? null : new CircularId(parent), rs.getInt("sequence"),
        rs.getString("number"), rs.getObject("dated", LocalDate.class), rs.getString("signatory"),
        rs.getString("signatory_title"),
        paragraphs == null || paragraphs.isBlank() ? List.of()
            : Arrays.stream(paragraphs.split(PARAGRAPH_BREAK)).filter(p -> !p.isBlank()).toList(),
        Circular.Status.valueOf(rs.getString("status")), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        issued == null ? null : issued.toInstant(), rs.getString("issued_by"),
        facts == null ? Map.of()
            : CircularFacts.read(JSON.readValue(facts, new TypeReference<LinkedHashMap<String, String>>() {})),
        changes == null ? List.of()
            : CircularFacts.readChanges(JSON.readValue(changes, new TypeReference<List<Circular.FactChange>>() {})),
        confirmations == null ? List.of() : JSON.readValue(confirmations, new TypeReference<List<CircularWarning>>() {}));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
