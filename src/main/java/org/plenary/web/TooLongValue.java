package org.plenary.web;

import java.sql.SQLException;
import org.springframework.dao.DataAccessException;

/**
 * A value the database refused as longer than its column (SQLState 22001 on H2 and PostgreSQL). Request records
 * and the desks bound what they take; this is the net under them, so a bound forgotten is a 400 with a sentence
 * in the reader's language, never a 500 with a stack trace.
 */
final class TooLongValue {

  static final String SQL_STATE = "22001";

  private TooLongValue() {
  }

  /** Whether the database said a value is too long anywhere in the exception's causes. */
  static boolean in(DataAccessException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
