package org.plenary.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the outbox. */
@Repository
class Outbox {

  private final JdbcClient jdbc;

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long keep(Instant now, String recipients, String subject, String body) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO mail_messages (created_at, recipients, subject, body, status)
            VALUES (?, ?, ?, ?, 'KEPT')""")
        .params(now.atOffset(ZoneOffset.UTC), recipients, subject, body).update(keys, "id");
    return keys.getKey().longValue();
  }

  /**
   * Claims a kept message for this node: one conditional UPDATE, so of several nodes trying at once
   * exactly one gets it (true) and only that one sends it.
   */
  boolean claim(long id, String node, Instant now) {
    return jdbc.sql("UPDATE mail_messages SET status = 'SENDING', claimed_by = ?, claimed_at = ? WHERE id = ? AND status = 'KEPT'")
        .params(node, now.atOffset(ZoneOffset.UTC), id).update() == 1;
  }

  /** Kept messages created before {@code before}: left unsent (a node stopped between keeping and sending). */
  List<Long> keptBefore(Instant before, int limit) {
    return jdbc.sql("SELECT id FROM mail_messages WHERE status = 'KEPT' AND created_at < ? ORDER BY id FETCH FIRST "
            + limit + " ROWS ONLY")
        .param(before.atOffset(ZoneOffset.UTC)).query(Long.class).list();
  }

  /** Gives back claims older than {@code before} (their node died while sending): they are kept again, to be claimed anew. */
  int releaseClaimsBefore(Instant before) {
    return jdbc.sql("UPDATE mail_messages SET status = 'KEPT', claimed_by = NULL, claimed_at = NULL WHERE status = 'SENDING' AND claimed_at < ?")
        .param(before.atOffset(ZoneOffset.UTC)).update();
  }

  void sent(long id, Instant at) {
    jdbc.sql("UPDATE mail_messages SET status = 'SENT', sent_at = ?, error = NULL WHERE id = ?")
        .params(at.atOffset(ZoneOffset.UTC), id).update();
  }

  void failed(long id, String error) {
    jdbc.sql("UPDATE mail_messages SET status = 'FAILED', error = ? WHERE id = ?")
        .params(error.length() > 1000 ? error.substring(0, 1000) : error, id).update();
  }

  long countFailed() {
    return jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE status = 'FAILED'").query(Long.class).single();
  }

  List<MailMessage> latest(int limit) {
    return jdbc.sql("SELECT * FROM mail_messages ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY")
        .query(this::message).list();
  }

  Optional<MailMessage> find(long id) {
    return jdbc.sql("SELECT * FROM mail_messages WHERE id = ?").param(id).query(this::message).optional();
  }

  private MailMessage message(ResultSet rs, int row) throws SQLException {
    OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
    return new MailMessage(rs.getLong("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("recipients"), rs.getString("subject"), rs.getString("body"),
        MailMessage.Status.valueOf(rs.getString("status")), sent == null ? null : sent.toInstant(),
        rs.getString("error"));
  }
}
