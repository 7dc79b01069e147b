package org.plenary.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The multipart uploads this node is writing, entered in the database ({@code store_uploads}, V048)
 * with a lease that {@link #renew()} extends while the node lives. Any node's clean-up
 * ({@link S3Sweep}) spares an upload whose lease runs: a slow client's upload outlives the stale
 * bound, and only a node that stopped renewing (it crashed, or lost the database for a whole lease)
 * loses its uploads. Each change commits in a transaction of its own, so that every node sees it at once.
 */
final class S3Uploads {

  private static final Logger log = LoggerFactory.getLogger(S3Uploads.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate own;
  private final String node;
  private final Duration lease;
  private final Clock clock;
  /** The uploads of this node not yet completed nor aborted: only they are renewed. */
  private final Set<String> live = ConcurrentHashMap.newKeySet();

  S3Uploads(JdbcClient jdbc, PlatformTransactionManager transactions, String node, Duration lease, Clock clock) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.node = node;
    this.lease = lease;
    this.clock = clock;
  }

  /** Enters an upload just started by this node, with a fresh lease. */
  void started(String uploadId, String path) {
    var now = clock.instant();
    live.add(uploadId);
    own.executeWithoutResult(status -> jdbc.sql(
        "INSERT INTO store_uploads (upload_id, path, node, started_at, expires_at) VALUES (?, ?, ?, ?, ?)")
        .params(uploadId, path, node, Timestamp.from(now), Timestamp.from(now.plus(lease))).update());
  }

  /** The upload was completed or aborted. A row the database kept is removed at the next renewal. */
  void ended(String uploadId) {
    live.remove(uploadId);
    try {
      own.executeWithoutResult(status ->
          jdbc.sql("DELETE FROM store_uploads WHERE upload_id = ?").param(uploadId).update());
    } catch (DataAccessException e) {
      log.warn("Could not remove the finished upload {} from store_uploads: {}", uploadId, e.getMessage());
    }
  }

  /** Extends the lease of this node's live uploads, and forgets its rows of uploads that ended. */
  void renew() {
    own.executeWithoutResult(status -> {
      for (String id : jdbc.sql("SELECT upload_id FROM store_uploads WHERE node = ?").param(node)
          .query(String.class).list()) {
        if (!live.contains(id)) {
          jdbc.sql("DELETE FROM store_uploads WHERE upload_id = ?").param(id).update();
        }
      }
      jdbc.sql("UPDATE store_uploads SET expires_at = ? WHERE node = ?")
          .params(Timestamp.from(clock.instant().plus(lease)), node).update();
    });
  }

  /** Every upload entered here, of any node, with the instant its lease expires (or expired). */
  Map<String, Instant> leases() {
    var leases = new HashMap<String, Instant>();
    jdbc.sql("SELECT upload_id, expires_at FROM store_uploads")
        .query(row -> {
          leases.put(row.getString(1), row.getTimestamp(2).toInstant());
        });
    return leases;
  }

  /** Forgets the uploads whose lease expired before {@code before} (their node is gone; the clean-up aborted them). */
  void forgetExpired(Instant before) {
    own.executeWithoutResult(status -> jdbc.sql("DELETE FROM store_uploads WHERE expires_at < ?")
        .param(Timestamp.from(before)).update());
  }
}
