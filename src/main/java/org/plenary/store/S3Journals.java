package org.plenary.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journals of the {@link S3Store}, in the database ({@code store_journal}, V041): a move is one
 * row, written in a transaction of its own (it must outlive the caller's, which may roll back) before
 * the move is made. An object per move in the bucket cost three S3 requests per upload (write, list,
 * delete); a row costs a fraction of one, and every node sees it.
 */
final class S3Journals {

  private final JdbcClient jdbc;
  private final TransactionTemplate own;
  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

  S3Journals(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A journal is written by one process, so this process's increasing sequence orders its moves. */
  void append(String id, String from, String to) {
    own.executeWithoutResult(status -> jdbc.sql(
        "INSERT INTO store_journal (journal, seq, from_path, to_path, written_at) VALUES (?, ?, ?, ?, ?)")
        .params(StorePaths.check(id), sequence.incrementAndGet(), from, to, Timestamp.from(Instant.now())).update());
  }

  void end(String id) {
    own.executeWithoutResult(status -> jdbc.sql("DELETE FROM store_journal WHERE journal = ?").param(id).update());
  }

  /** The journals whose latest move was written before {@code before}, each move in the order it was made. */
  Map<String, List<DocumentStore.Move>> olderThan(Instant before) {
    var journals = new LinkedHashMap<String, List<DocumentStore.Move>>();
    jdbc.sql("""
        SELECT journal, from_path, to_path FROM store_journal WHERE journal IN
          (SELECT journal FROM store_journal GROUP BY journal HAVING MAX(written_at) < ?)
        ORDER BY journal, seq""").param(Timestamp.from(before))
        .query(row -> {
          journals.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
              .add(new DocumentStore.Move(row.getString(2), row.getString(3)));
        });
    return journals;
  }
}
