package org.plenary.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.plenary.shared.DiskFull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outside every other filter: a request that failed because the database could not be reached
 * answers 503 with {@code Retry-After} and a problem body (Hikari gets a connection again by itself once
 * the database is back, so the service recovers without a restart); one that failed because the
 * disk is full answers 507. Any other failure passes on to the usual error handling.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class UnavailableAnswers extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(UnavailableAnswers.class);
  static final String DATABASE_DOWN = "The database cannot be reached just now; nothing was changed. Try again in a few seconds.";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      if (DiskFull.causedBy(e)) {
        log.error("The document store is full: refused {} {}", request.getMethod(), request.getRequestURI());
        problem(response, HttpStatus.INSUFFICIENT_STORAGE, DiskFull.SENTENCE, request);
      } else if (databaseUnreachable(e)) {
        log.warn("The database cannot be reached: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
            e.toString());
        response.setHeader("Retry-After", "5");
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, DATABASE_DOWN, request);
      } else {
        throw e;
      }
    }
  }

  /**
   * A connection that could not be had, or was lost: SQL states of class 08 (connection exception) and
   * 57P (PostgreSQL shut down or restarting).
   */
  static boolean databaseUnreachable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
              && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      // A connection lost mid-transaction fails the rollback too, which hides the first error.
      if (cause instanceof org.springframework.transaction.TransactionSystemException failed
          && failed.getApplicationException() != null && databaseUnreachable(failed.getApplicationException())) {
        return true;
      }
    }
    return false;
  }

  private static void problem(HttpServletResponse response, HttpStatus status, String detail, HttpServletRequest request)
      throws IOException {
    response.resetBuffer();
    response.setStatus(status.value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
        + status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", "");
  }
}
