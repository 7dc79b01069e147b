package org.plenary.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Row locks ({@code SELECT … FOR UPDATE} of one row) through statements prepared once a transaction
 * and run again for each row it locks. H2 never keeps a locking select in its session's statement
 * cache ({@code Select.isCacheable()} is false for one), so each lock asked through {@code JdbcClient}
 * parsed its statement again: a few per cent of the register's worker, which locks every contribution
 * of its batch. Outside a transaction the statement is prepared for the one use.
 */
@Component
public class RowLocks {

  private final DataSource dataSource;
  private final SQLExceptionTranslator translator;

  public RowLocks(DataSource dataSource) {
    this.dataSource = dataSource;
    this.translator = new JdbcTemplate(dataSource).getExceptionTranslator();
  }

  /**
   * Runs the locking select with its one parameter and answers the first column of the row it locked
   * (a number), or empty when there is no such row.
   */
  public Optional<Long> lock(String sql, Object parameter) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      if (!TransactionSynchronizationManager.isSynchronizationActive()) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          return run(statement, parameter);
        }
      }
      return run(prepared(connection).statement(sql), parameter);
    } catch (SQLException e) {
      var translated = translator.translate("Row lock", sql, e);
      throw translated != null ? translated : new UncategorizedSQLException("Row lock", sql, e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  private static Optional<Long> run(PreparedStatement statement, Object parameter) throws SQLException {
    statement.setObject(1, parameter);
    try (ResultSet row = statement.executeQuery()) {
      return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
    }
  }

  /** This transaction's statements, on its connection (a transaction run inside it has its own). */
  private Prepared prepared(Connection connection) {
    var prepared = (Prepared) TransactionSynchronizationManager.getResource(this);
    if (prepared == null || prepared.connection != connection) {
      if (prepared != null) {
        TransactionSynchronizationManager.unbindResource(this);
      }
      prepared = new Prepared(connection);
      TransactionSynchronizationManager.bindResource(this, prepared);
      TransactionSynchronizationManager.registerSynchronization(prepared);
    }
    return prepared;
  }

  /** The statements one transaction prepared, closed when it ends. */
  private final class Prepared implements TransactionSynchronization {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Prepared(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement statement(String sql) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      return statement;
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResourceIfPossible(RowLocks.this);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.unbindResourceIfPossible(RowLocks.this);
      TransactionSynchronizationManager.bindResource(RowLocks.this, this);
    }

    @Override
    public void afterCompletion(int status) {
      for (PreparedStatement statement : statements.values()) {
        try {
          statement.close();
        } catch (SQLException ignored) {
          // The connection goes back to the pool, which closes what is left open.
        }
      }
      statements.clear();
      if (TransactionSynchronizationManager.getResource(RowLocks.this) == this) {
        TransactionSynchronizationManager.unbindResource(RowLocks.this);
      }
    }
  }
}
