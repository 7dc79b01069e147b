package org.plenary.output;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.plenary.group.GroupId;
import org.plenary.shared.Names;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the terminology register, its history and translations. A term's version as read (its ETag, the
 * register's) is its own, one more at every change, plus the version of the meeting that agreed it, whose code it
 * shows: an edit of that meeting moves the versions of the terms that quote it, so a decision read before is refused.
 * Its history numbers its own changes.
 */
@Repository
class Terms {

  private static final String SELECT = """
      SELECT t.id, t.term, t.term_order, t.definition, t.source, t.note, t.status, m.code AS agreed_at, t.superseded_by, t.related,
        t.version + COALESCE(m.edit_version, 0) AS version
      FROM terms t LEFT JOIN meetings m ON m.id = t.agreed_meeting_id""";

  private final JdbcClient jdbc;

  Terms(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(GroupId group, Term term) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO terms (group_id, term, term_order, term_key, definition, source, note, status, related, version)
            VALUES (?, ?, LOWER(?), ?, ?, ?, ?, 'PROPOSED', ?, 1)""")
        .params(group.value(), term.term(), term.term(), Names.key(term.term()), term.definition(), term.source(), term.note(),
            joined(term.related()))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void update(Term term, Long agreedMeetingId) {
    jdbc.sql("""
            UPDATE terms SET term = ?, term_order = LOWER(?), term_key = ?, definition = ?, source = ?, note = ?,
              status = ?, agreed_meeting_id = ?, superseded_by = ?, related = ?, version = version + 1 WHERE id = ?""")
        .params(term.term(), term.term(), key(term), term.definition(), term.source(), term.note(), term.status().name(), agreedMeetingId,
            term.supersededBy(), joined(term.related()), term.id())
        .update();
  }

  void history(Term term, Long agreedMeetingId, String change, String by, Instant at) {
    jdbc.sql("""
            INSERT INTO term_history (term_id, version, change, term, definition, source, note, status,
              agreed_meeting_id, superseded_by, related, changed_by, changed_at)
            VALUES (?, (SELECT version FROM terms WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(term.id(), term.id(), change, term.term(), term.definition(), term.source(), term.note(),
            term.status().name(), agreedMeetingId, term.supersededBy(), joined(term.related()), by, Deliverables.utc(at))
        .update();
  }

  List<TermChange> history(long termId) {
    return jdbc.sql("""
            SELECT version, change, term, definition, source, note, status, superseded_by, changed_by, changed_at
            FROM term_history WHERE term_id = ? ORDER BY id""")
        .param(termId)
        .query((rs, n) -> new TermChange(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), TermStatus.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
            Deliverables.instant(rs, "changed_at")))
        .list();
  }

  /** One page of the term's changes, read by key, oldest first. */
  org.plenary.shared.Paged<TermChange> history(long termId, org.plenary.shared.Paged.Asked asked) {
    return asked.keyset(jdbc.sql("""
            SELECT id, version, change, term, definition, source, note, status, superseded_by, changed_by, changed_at
            FROM term_history WHERE term_id = ? AND id > ? ORDER BY id LIMIT ?""")
        .params(termId, asked.afterId(), asked.read())
        .query((rs, n) -> new org.plenary.shared.Paged.Keyed<>(org.plenary.shared.Paged.Key.of(rs.getLong(1)),
            new TermChange(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), TermStatus.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10),
                Deliverables.instant(rs, "changed_at"))))
        .list());
  }

  /** Sets the translation and counts it as a change of the term (its version goes up). */
  void translate(long termId, String lang, String term, String definition) {
    jdbc.sql("UPDATE terms SET version = version + 1 WHERE id = ?").param(termId).update();
    jdbc.sql("DELETE FROM term_translations WHERE term_id = ? AND lang = ?").params(termId, lang).update();
    jdbc.sql("INSERT INTO term_translations (term_id, lang, term, definition) VALUES (?, ?, ?, ?)")
        .params(termId, lang, term, definition).update();
  }

  /**
   * Takes the term's row lock until the transaction ends (one change at a time), and answers the meeting that agreed
   * it, if one did.
   */
  Optional<org.plenary.meeting.MeetingId> lock(long id) {
    // The meeting that agreed it, read under the term's lock (no agreement moves it meanwhile): its version is
    // part of the term's, so the caller locks that meeting too before the version is checked.
    return jdbc.sql("SELECT agreed_meeting_id FROM terms WHERE id = ? FOR UPDATE").param(id)
        .query((rs, n) -> rs.getLong(1)).list().stream().filter(meeting -> meeting != 0)
        .map(org.plenary.meeting.MeetingId::new).findFirst();
  }

  /** The group's terms, alphabetically; with a query, those whose term or definition contains its words. */
  List<Term> search(GroupId group, String query) {
    var params = new HashMap<String, Object>();
    return select(found(group, query, params), params);
  }

  /**
   * One page of {@link #search}'s terms, in its order ({@code term_order}, the database's {@code LOWER(term)} kept
   * with the term, then id: the index on group, order and id serves it), read by key: the page and one more.
   */
  org.plenary.shared.Paged<Term> page(GroupId group, String query, org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    var params = new HashMap<String, Object>();
    var where = new StringBuilder(found(group, query, params));
    if (after != null) {
      where.append(" AND (t.term_order > :order OR (t.term_order = :order AND t.id > :id))");
      params.put("order", after.sortAs(java.util.Objects::requireNonNull));
      params.put("id", after.id());
    }
    params.put("read", asked.read());
    return asked.keyset(selectPage(where.toString(), params));
  }

  private static String found(GroupId group, String query, Map<String, Object> params) {
    var where = new StringBuilder("t.group_id = :group");
    var words = query == null ? List.<String>of()
        : Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isBlank()).limit(8).toList();
    params.put("group", group.value());
    for (int i = 0; i < words.size(); i++) {
      where.append(" AND (LOWER(t.term) LIKE :w").append(i).append(" ESCAPE '\\' OR LOWER(t.definition) LIKE :w")
          .append(i).append(" ESCAPE '\\')");
      params.put("w" + i, "%" + words.get(i).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    return where.toString();
  }

  Optional<Term> find(GroupId group, long id) {
    return select("t.group_id = :group AND t.id = :id", Map.of("group", group.value(), "id", id)).stream().findFirst();
  }

  /**
   * The group's term (not superseded) of this name, compared as names that must be unique are
   * ({@link Names#key}: composed, case-folded): "Straße" is "STRASSE", and "José" typed with a combining
   * accent is the "José" typed with "é". The key is stored ({@code term_key}, V096) under a unique index per
   * group, so two proposals of one name at once cannot both be saved.
   */
  Optional<Term> findByName(GroupId group, String term) {
    return select("t.group_id = :group AND t.term_key = :key", Map.of("group", group.value(), "key", Names.key(term)))
        .stream().findFirst();
  }

  /** The key a term holds: its name's, while it is not superseded; a superseded term gives its name up. */
  private static String key(Term term) {
    return term.status() == TermStatus.SUPERSEDED ? null : Names.key(term.term());
  }

  private List<Term> select(String where, Map<String, Object> params) {
    Map<Long, Map<String, Term.Translation>> translations = new HashMap<>();
    jdbc.sql("SELECT x.term_id, x.lang, x.term, x.definition FROM term_translations x JOIN terms t ON t.id = x.term_id"
            + " WHERE " + where)
        .params(params)
        .query((rs, n) -> translations.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
            .put(rs.getString(2), new Term.Translation(rs.getString(3), rs.getString(4))))
        .list();
    return jdbc.sql(SELECT + " WHERE " + where + " ORDER BY t.term_order, t.id").params(params)
        .query((rs, n) -> row(rs, translations.getOrDefault(rs.getLong("id"), Map.of()))).list();
  }

  /** A page of the terms {@code where} names: at most {@code :read} rows in register order, then their translations. */
  private List<org.plenary.shared.Paged.Keyed<Term>> selectPage(String where, Map<String, Object> params) {
    List<org.plenary.shared.Paged.Keyed<Term>> rows = jdbc.sql(SELECT + " WHERE " + where
            + " ORDER BY t.term_order, t.id LIMIT :read").params(params)
        .query((rs, n) -> new org.plenary.shared.Paged.Keyed<>(
            new org.plenary.shared.Paged.Key(rs.getString("term_order"), rs.getLong("id")), row(rs, Map.of())))
        .list();
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, Map<String, Term.Translation>> translations = new HashMap<>();
    jdbc.sql("SELECT term_id, lang, term, definition FROM term_translations WHERE term_id IN (:ids)")
        .param("ids", org.plenary.shared.InLists.padded(rows.stream().map(r -> r.key().id()).toList()))
        .query((rs, n) -> translations.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
            .put(rs.getString(2), new Term.Translation(rs.getString(3), rs.getString(4))))
        .list();
    return rows.stream().map(r -> {
      Term t = r.row();
      return new org.plenary.shared.Paged.Keyed<>(r.key(), new Term(t.id(), t.term(), t.definition(), t.source(),
          t.note(), t.status(), t.agreedAt(), t.supersededBy(), t.related(), t.version(),
          translations.getOrDefault(t.id(), Map.of())));
    }).toList();
  }

  private static Term row(ResultSet rs, Map<String, Term.Translation> translations) throws SQLException {
    String related = rs.getString("related");
    return new Term(rs.getLong("id"), rs.getString("term"), rs.getString("definition"), rs.getString("source"),
        rs.getString("note"), TermStatus.valueOf(rs.getString("status")), rs.getString("agreed_at"),
        rs.getString("superseded_by"),
        related == null || related.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(related.split(";\\s*"))),
        rs.getInt("version"), translations);
  }

  private static String joined(List<String> values) {
    return values.isEmpty() ? null : String.join("; ", values);
  }
}
