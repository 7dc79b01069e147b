package org.plenary.shared;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure caused by the database being out of reach (not by the request), wherever it
 * surfaced: HTTP answers it 503 with a problem, and work done in batches fails the whole batch at once
 * rather than trying each request alone against a database that is not there.
 */
public final class DatabaseUnreachable {

  /** The bundle key of what a reader is told (nothing was changed; try again). */
  public static final String SENTENCE = "common.unavailable.database";

  private DatabaseUnreachable() {}

  /**
   * A connection that could not be had, or was lost: SQL states of class 08 (connection exception) and
   * 57P (PostgreSQL shut down or restarting), in {@code error} or one of its causes.
   */
  public static boolean causedBy(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLException sql && sql.getSQLState() != null
              && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      // A connection lost mid-transaction fails the rollback too, which hides the first error.
      if (cause instanceof TransactionSystemException failed && failed.getApplicationException() != null
          && causedBy(failed.getApplicationException())) {
        return true;
      }
    }
    return false;
  }
}
