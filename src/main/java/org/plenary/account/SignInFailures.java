package org.plenary.account;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of the failed sign-in counters ({@code sign_in_failures}), shared by every node on the
 * database: a counter is a key ({@code u:username} or {@code a:address}), its failures and, once they
 * reached the limit, until when it locks out. A counter untouched for the lock-out period counts as
 * zero, as one whose lock-out has passed does.
 */
@Repository
class SignInFailures {

  /** A counter as stored. */
  record Counter(int failures, Instant lockedUntil) {
    static final Counter NONE = new Counter(0, null);
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  SignInFailures(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    // A transaction of its own: a failure is counted even when the sign-in's own work rolls back.
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The counter now; {@link Counter#NONE} when it has none, or only an expired one. */
  Counter find(String key, Duration lockout, Instant now) {
    return read(key, false, lockout, now).orElse(Counter.NONE);
  }

  /** Counts one failure (row locked while it is counted) and locks out at the limit; returns the counter after it. */
  Counter fail(String key, int limit, Duration lockout, Instant now) {
    for (int tries = 0; ; tries++) {
      try {
        return transaction.execute(status -> {
          Optional<Counter> before = read(key, true, lockout, now);
          Counter counter = before.orElse(Counter.NONE);
          boolean locks = counter.lockedUntil() != null && counter.lockedUntil().isAfter(now);
          int failures = counter.lockedUntil() != null && !locks ? 1 : counter.failures() + 1;
          Instant until = locks ? counter.lockedUntil() : failures >= limit ? now.plus(lockout) : null;
          Counter after = new Counter(failures, until);
          int updated = jdbc.sql("UPDATE sign_in_failures SET failures = ?, locked_until = ?, updated_at = ? WHERE counter_key = ?")
              .params(failures, utc(until), utc(now), key).update();
          if (updated == 0) {
            jdbc.sql("INSERT INTO sign_in_failures (counter_key, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)")
                .params(key, failures, utc(until), utc(now)).update();
          }
          return after;
        });
      } catch (DuplicateKeyException raced) {
        if (tries > 2) {
          throw raced;
        }
      }
    }
  }

  /** Forgets the counter (a success clears its username's failures). */
  void clear(String key) {
    jdbc.sql("DELETE FROM sign_in_failures WHERE counter_key = ?").param(key).update();
  }

  /** Removes counters that count nothing any more. */
  int purge(Duration lockout, Instant now) {
    return jdbc.sql("DELETE FROM sign_in_failures WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)")
        .params(utc(now.minus(lockout)), utc(now)).update();
  }

  private Optional<Counter> read(String key, boolean forUpdate, Duration lockout, Instant now) {
    return jdbc.sql("SELECT failures, locked_until, updated_at FROM sign_in_failures WHERE counter_key = ?"
            + (forUpdate ? " FOR UPDATE" : ""))
        .param(key)
        .query((rs, row) -> {
          OffsetDateTime until = rs.getObject("locked_until", OffsetDateTime.class);
          Instant updated = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
          boolean stillLocked = until != null && until.toInstant().isAfter(now);
          return stillLocked || updated.plus(lockout).isAfter(now)
              ? new Counter(rs.getInt("failures"), until == null ? null : until.toInstant()) : Counter.NONE;
        })
        .optional();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
