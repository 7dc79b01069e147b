package org.plenary.store;

import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The names taken in the bucket ({@code store_claims}): the arbiter that keeps a published object
 * from being replaced when two nodes write the same path at once. Each claim commits in a
 * transaction of its own, whatever transaction the caller is in, so that every node sees it at once.
 */
final class S3Claims {

  private final JdbcClient jdbc;
  private final TransactionTemplate own;

  S3Claims(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Takes {@code path}; fails when another writer (on any node) has it. */
  void claim(String path) throws FileAlreadyExistsException {
    try {
      own.executeWithoutResult(status -> jdbc.sql("INSERT INTO store_claims (path, claimed_at) VALUES (?, ?)")
          .params(path, java.sql.Timestamp.from(Instant.now())).update());
    } catch (DuplicateKeyException taken) {
      throw new FileAlreadyExistsException(path, null, "another file is already stored at this path");
    }
  }

  void release(String path) {
    own.executeWithoutResult(status -> jdbc.sql("DELETE FROM store_claims WHERE path = ?").param(path).update());
  }

  /** Claims taken before {@code before}: candidates for clean-up when their object never came. */
  List<String> olderThan(Instant before) {
    return jdbc.sql("SELECT path FROM store_claims WHERE claimed_at < ?").param(java.sql.Timestamp.from(before))
        .query(String.class).list();
  }
}
