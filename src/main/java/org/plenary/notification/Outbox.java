package org.plenary.notification;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plenary.shared.InLists;
import org.plenary.shared.JdbcUrls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the outbox. */
@Repository
class Outbox {

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  /** Whether the database is PostgreSQL, which keeps a batch of messages and their notes in one statement. */
  private final boolean postgres;

  Outbox(JdbcClient jdbc, JdbcTemplate batches, @Value("${spring.datasource.url:}") String url) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.postgres = JdbcUrls.postgres(url);
  }

  /**
   * The subject column's size. A subject quoting a text at its own longest (a document's title of 500 characters
   * after "Document number FG-Cloud-I-0002: ") is cut short with an ellipsis: refusing it refused the allocation
   * that sent it, a 400 naming no field for a title the API accepts.
   */
  static final int SUBJECT_LENGTH = 500;

  /** The error column's size, in characters: a longer error is kept cut there, never in the middle of a character. */
  static final int ERROR_LENGTH = 1000;

  static String fitting(String subject) {
    return org.plenary.shared.CodePoints.shortened(subject, SUBJECT_LENGTH);
  }

  long keep(Instant now, String recipients, String subject, String body) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO mail_messages (created_at, recipients, subject, body, status)
            VALUES (?, ?, ?, ?, 'KEPT')""")
        .params(now.atOffset(ZoneOffset.UTC), recipients, fitting(subject), body).update(keys, "id");
    return keys.getKey().longValue();
  }

  /**
   * A message to keep for {@code occasion}, noted as mailing each address of {@code to}; {@code fold}: what it is
   * about when a newer one replaces it while it waits (null: never, {@link MailFolding}); {@code held}: when it is
   * sent, if not at once.
   */
  record Kept(String occasion, List<String> to, String subject, String body, String fold, Instant held) {

    Kept {
      subject = fitting(subject);
    }

    Kept heldUntil(Instant until) {
      return new Kept(occasion, to, subject, body, fold, until);
    }
  }

  /**
   * Folds the messages still waiting about {@code fold} that mail none but these addresses (status FOLDED: a newer
   * one replaces them); returns the latest instant one of them was held until (null: none was held).
   */
  Instant fold(String fold, List<String> to) {
    List<Waiting> waiting = jdbc.sql("""
            SELECT m.id, m.next_attempt_at FROM mail_messages m WHERE m.fold_key = :fold AND m.status = 'KEPT'
              AND NOT EXISTS (SELECT 1 FROM mail_deliveries d WHERE d.message_id = m.id AND d.recipient NOT IN (:to))""")
        .param("fold", fold).param("to", lowerCase(to))
        .query((rs, row) -> {
          OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
          return new Waiting(rs.getLong(1), next == null ? null : next.toInstant());
        }).list();
    if (waiting.isEmpty()) {
      return null;
    }
    jdbc.sql("UPDATE mail_messages SET status = 'FOLDED' WHERE id IN (:ids) AND status = 'KEPT'")
        .param("ids", waiting.stream().map(Waiting::id).toList()).update();
    return waiting.stream().map(Waiting::heldUntil).filter(java.util.Objects::nonNull).max(Instant::compareTo)
        .orElse(null);
  }

  /** A message waiting to be sent, and when it is due (null: at once). */
  private record Waiting(long id, Instant heldUntil) {}

  /**
   * How many messages of this kind of fold, not folded, were kept since {@code since} for any of these addresses.
   * The kind is compared as the key's first characters, never as {@code LIKE 'kind:%'}: H2 then read the range of
   * every message of that kind ever kept through the fold index (100,000 rows for one count), where the window's
   * messages are found through {@code mail_messages_created}.
   */
  long keptSince(String kind, List<String> to, Instant since) {
    String prefix = kind + ":";
    return jdbc.sql("""
            SELECT COUNT(DISTINCT m.id) FROM mail_messages m JOIN mail_deliveries d ON d.message_id = m.id
            WHERE m.created_at > :since AND LEFT(m.fold_key, :length) = :prefix AND m.status <> 'FOLDED'
              AND d.recipient IN (:to)""")
        .param("since", since.atOffset(ZoneOffset.UTC)).param("length", prefix.length()).param("prefix", prefix)
        .param("to", lowerCase(to)).query(Long.class).single();
  }

  private static List<String> lowerCase(List<String> addresses) {
    return InLists.padded(addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList());
  }

  /**
   * Keeps the messages and notes whom each mails for its occasion, in two batches of statements;
   * returns the messages' ids in their order.
   */
  List<Long> keepAll(Instant now, List<Kept> messages) {
    if (messages.isEmpty()) {
      return List.of();
    }
    if (postgres) {
      return keepAllAtOnce(now, messages);
    }
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    var keys = new GeneratedKeyHolder();
    batches.batchUpdate(connection -> connection.prepareStatement("""
            INSERT INTO mail_messages (created_at, recipients, subject, body, status, fold_key, next_attempt_at)
            VALUES (?, ?, ?, ?, 'KEPT', ?, ?)""", new String[] {"id"}), new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Kept message = messages.get(i);
            ps.setObject(1, at);
            ps.setString(2, MailMessage.stored(message.to()));
            ps.setString(3, message.subject());
            ps.setString(4, message.body());
            ps.setString(5, message.fold());
            ps.setObject(6, message.held() == null ? null : message.held().atOffset(ZoneOffset.UTC));
          }

          @Override
          public int getBatchSize() {
            return messages.size();
          }
        }, keys);
    List<Long> ids = keys.getKeyList().stream().map(row -> ((Number) row.get(keyColumn(row))).longValue()).toList();
    if (ids.size() != messages.size()) {
      throw new IllegalStateException("The outbox kept " + messages.size() + " messages but the database gave "
          + ids.size() + " ids");
    }
    var deliveries = new ArrayList<Object[]>();
    for (int i = 0; i < messages.size(); i++) {
      for (String recipient : messages.get(i).to()) {
        deliveries.add(new Object[] {messages.get(i).occasion(), recipient.toLowerCase(Locale.ROOT), ids.get(i)});
      }
    }
    batches.batchUpdate("INSERT INTO mail_deliveries (occasion, recipient, message_id) VALUES (?, ?, ?)", deliveries);
    return ids;
  }

  /**
   * {@link #keepAll} in one statement on PostgreSQL: the messages take their ids from the table's
   * sequence, and the notes of whom they mail go in with them. The mails of a batch of numbers are
   * kept while the numbers' series is locked, which other nodes' allocations wait for: one round trip
   * where a batch of INSERTs returning ids and another batch took two.
   */
  private List<Long> keepAllAtOnce(Instant now, List<Kept> messages) {
    int n = messages.size();
    var recipients = new String[n];
    var subjects = new String[n];
    var bodies = new String[n];
    var folds = new String[n];
    var held = new String[n];
    var occasions = new ArrayList<String>();
    var addresses = new ArrayList<String>();
    var of = new ArrayList<Long>();
    for (int i = 0; i < n; i++) {
      Kept message = messages.get(i);
      recipients[i] = MailMessage.stored(message.to());
      subjects[i] = message.subject();
      bodies[i] = message.body();
      folds[i] = message.fold();
      held[i] = message.held() == null ? null : message.held().toString();
      for (String recipient : message.to()) {
        occasions.add(message.occasion());
        addresses.add(recipient.toLowerCase(Locale.ROOT));
        of.add(i + 1L);
      }
    }
    List<Long> ids = jdbc.sql("""
            WITH m AS (SELECT nextval(pg_get_serial_sequence('mail_messages', 'id')) AS id, t.k, t.recipients, t.subject, t.body,
                  t.fold, CAST(t.held AS timestamptz) AS held
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) WITH ORDINALITY
                  AS t (recipients, subject, body, fold, held, k)),
              kept AS (INSERT INTO mail_messages (id, created_at, recipients, subject, body, status, fold_key, next_attempt_at)
                SELECT id, ?, recipients, subject, body, 'KEPT', fold, held FROM m),
              noted AS (INSERT INTO mail_deliveries (occasion, recipient, message_id)
                SELECT d.occasion, d.recipient, m.id FROM unnest(?::varchar[], ?::varchar[], ?::bigint[]) AS d (occasion, recipient, k)
                JOIN m ON m.k = d.k)
            SELECT id FROM m ORDER BY k""")
        .params(recipients, subjects, bodies, folds, held, now.atOffset(ZoneOffset.UTC), occasions.toArray(String[]::new),
            addresses.toArray(String[]::new), of.toArray(Long[]::new))
        .query(Long.class).list();
    if (ids.size() != n) {
      throw new IllegalStateException("The outbox kept " + n + " messages but the database gave " + ids.size() + " ids");
    }
    return ids;
  }

  /** The generated id's column as the driver names it ({@code id} or {@code ID}). */
  private static String keyColumn(Map<String, Object> row) {
    return row.containsKey("id") ? "id" : row.keySet().stream().filter("id"::equalsIgnoreCase).findFirst()
        .orElseThrow(() -> new IllegalStateException("No id among the generated keys " + row.keySet()));
  }

  /** Keeps the file sent with message {@code id}, so that a later attempt sends the same file. */
  void keepAttachment(long id, Mailer.Attachment attachment) {
    jdbc.sql("INSERT INTO mail_attachments (message_id, file_name, content_type, bytes) VALUES (?, ?, ?, ?)")
        .params(id, attachment.name(), attachment.contentType(), attachment.bytes()).update();
  }

  Optional<Mailer.Attachment> attachment(long id) {
    return jdbc.sql("SELECT file_name, content_type, bytes FROM mail_attachments WHERE message_id = ?").param(id)
        .query((rs, row) -> new Mailer.Attachment(rs.getString("file_name"), rs.getString("content_type"),
            rs.getBytes("bytes"))).optional();
  }

  /** Notes that message {@code id} mails {@code recipient} for {@code occasion}; a second note for both is refused. */
  void delivered(String occasion, String recipient, long id) {
    jdbc.sql("INSERT INTO mail_deliveries (occasion, recipient, message_id) VALUES (?, ?, ?)")
        .params(occasion, recipient.toLowerCase(java.util.Locale.ROOT), id).update();
  }

  /** Which of these addresses a message was already written to for {@code occasion} (lower case). */
  Set<String> alreadyMailed(String occasion, List<String> recipients) {
    if (recipients.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql("SELECT recipient FROM mail_deliveries WHERE occasion = :occasion AND recipient IN (:recipients)")
        .param("occasion", occasion)
        .param("recipients", InLists.padded(recipients.stream().map(r -> r.toLowerCase(java.util.Locale.ROOT)).toList()))
        .query(String.class).list());
  }

  /** Who was already mailed for each of these occasions: recipients (lower case) by occasion, in one query. */
  Map<String, Set<String>> alreadyMailed(List<String> occasions) {
    var mailed = new HashMap<String, Set<String>>();
    if (occasions.isEmpty()) {
      return mailed;
    }
    jdbc.sql("SELECT occasion, recipient FROM mail_deliveries WHERE occasion IN (:occasions)")
        .param("occasions", InLists.padded(occasions.stream().distinct().toList()))
        .query(rs -> {
          mailed.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        });
    return mailed;
  }

  /**
   * Claims a kept message for this node: one conditional UPDATE, so of several nodes trying at once
   * exactly one gets it (true) and only that one sends it.
   */
  boolean claim(long id, String node, Instant now) {
    return jdbc.sql("UPDATE mail_messages SET status = 'SENDING', claimed_by = ?, claimed_at = ? WHERE id = ? AND status = 'KEPT'")
        .params(node, now.atOffset(ZoneOffset.UTC), id).update() == 1;
  }

  /**
   * Kept messages created before {@code before} and due for an attempt at {@code now}: left unsent
   * (a node stopped between keeping and sending), or refused for a passing reason and due again.
   */
  List<Long> keptBefore(Instant before, Instant now, int limit) {
    return jdbc.sql("SELECT id FROM mail_messages WHERE status = 'KEPT' AND created_at < ?"
            + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")
        .params(before.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)).query(Long.class).list();
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

  /** An attempt failed: the message is FAILED for good, or KEPT again until {@code next} when given. */
  void failed(long id, String error, Instant next) {
    jdbc.sql("UPDATE mail_messages SET status = ?, error = ?, attempts = attempts + 1, next_attempt_at = ?,"
            + " claimed_by = NULL, claimed_at = NULL WHERE id = ?")
        .params(next == null ? "FAILED" : "KEPT", org.plenary.shared.CodePoints.first(error, ERROR_LENGTH),
            next == null ? null : next.atOffset(ZoneOffset.UTC), id).update();
  }

  /** How many attempts to send message {@code id} have failed so far. */
  int attempts(long id) {
    return jdbc.sql("SELECT attempts FROM mail_messages WHERE id = ?").param(id).query(Integer.class).single();
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
