package org.plenary.visa;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of re-issue requests: each kept as the trail of who asked, why, and how it was settled. */
@Repository
class ReissueAsks {

  private static final String SELECT = """
      SELECT id, request_id, status, reason, changed_fields, asked_by, asked_at, settled_by, settled_at, answer, reference
      FROM visa_reissue_requests""";

  private final JdbcClient jdbc;

  ReissueAsks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(long request, String reason, String sealedDetails, List<String> changes, String by, Instant at) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO visa_reissue_requests (request_id, status, reason, details, changed_fields, asked_by, asked_at)
            VALUES (?, 'OPEN', ?, ?, ?, ?, ?)""")
        .params(request, reason, sealedDetails, changes.isEmpty() ? null : String.join(",", changes), by, utc(at))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<ReissueAsk> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::ask).optional();
  }

  /** The request's open re-issue request, if any (one at a time, checked under the visa request's row lock). */
  Optional<ReissueAsk> open(long request) {
    return jdbc.sql(SELECT + " WHERE request_id = ? AND status = 'OPEN'").param(request).query(this::ask).optional();
  }

  /** Every open re-issue request, oldest first. */
  List<ReissueAsk> allOpen() {
    return jdbc.sql(SELECT + " WHERE status = 'OPEN' ORDER BY asked_at, id").query(this::ask).list();
  }

  /**
   * One page of the request's re-issue requests read by key, newest first: (asked at, id) descending, from the index
   * on request, time and id read backwards.
   */
  org.plenary.shared.Paged<ReissueAsk> of(long request, org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    var query = after == null
        ? jdbc.sql(SELECT + " WHERE request_id = ? ORDER BY asked_at DESC, id DESC LIMIT ?").params(request, asked.read())
        : jdbc.sql(SELECT + " WHERE request_id = ? AND (asked_at < ? OR (asked_at = ? AND id < ?))"
                + " ORDER BY asked_at DESC, id DESC LIMIT ?")
            .params(request, utc(after.sortAs(Instant::parse)), utc(after.sortAs(Instant::parse)), after.id(), asked.read());
    return asked.keyset(query.query((rs, n) -> {
      ReissueAsk ask = ask(rs, n);
      return new org.plenary.shared.Paged.Keyed<>(new org.plenary.shared.Paged.Key(ask.askedAt().toString(), ask.id()), ask);
    }).list());
  }

  /** The request's re-issue requests, newest first. */
  List<ReissueAsk> of(long request) {
    return jdbc.sql(SELECT + " WHERE request_id = ? ORDER BY asked_at DESC, id DESC").param(request).query(this::ask).list();
  }

  /** The corrected details asked, sealed; empty once settled or purged, or when nothing was corrected. */
  Optional<String> sealedDetails(long id) {
    return jdbc.sql("SELECT details FROM visa_reissue_requests WHERE id = ? AND details IS NOT NULL").param(id)
        .query(String.class).optional();
  }

  /** Settles an open request, its corrected details erased (moved into the request by a re-issue). */
  void settle(long id, ReissueAsk.State state, String by, Instant at, String answer, String reference) {
    jdbc.sql("""
            UPDATE visa_reissue_requests SET status = ?, details = NULL, settled_by = ?, settled_at = ?, answer = ?,
              reference = ? WHERE id = ? AND status = 'OPEN'""")
        .params(state.name(), by, utc(at), answer, reference, id).update();
  }

  private ReissueAsk ask(ResultSet rs, int row) throws SQLException {
    String changes = rs.getString("changed_fields");
    return new ReissueAsk(rs.getLong("id"), rs.getLong("request_id"), ReissueAsk.State.valueOf(rs.getString("status")),
        rs.getString("reason"), changes == null ? List.of() : Arrays.asList(changes.split(",")), rs.getString("asked_by"),
        instant(rs, "asked_at"), rs.getString("settled_by"), instant(rs, "settled_at"), rs.getString("answer"),
        rs.getString("reference"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
