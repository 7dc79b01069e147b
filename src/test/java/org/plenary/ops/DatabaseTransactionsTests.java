package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.plenary.shared.DatabaseUnreachable;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A connection the database ends at COMMIT (PostgreSQL stopping: {@code 57P01}), which the pool then
 * closes, as Hikari does: the failure must still say that the database could not be reached, so that the
 * request answers 503 rather than 500 (found by bench/reliability.sh part b).
 */
class DatabaseTransactionsTests {

  @Test
  void aConnectionEndedAtCommitFailsWithTheCommitsOwnErrorWhichSaysTheDatabaseIsUnreachable() {
    Throwable failure = commitOnAConnectionTheDatabaseEnds(new DatabaseTransactions.LostConnectionAware(dataSource()));

    assertThat(failure).isNotNull();
    assertThat(DatabaseUnreachable.causedBy(failure)).as(failure.toString()).isTrue();
  }

  /** Why the manager exists: Spring's own rolls back on the closed connection, and that error hides the cause. */
  @Test
  void springsOwnManagerReportsTheRollbackOnTheClosedConnectionInstead() {
    Throwable failure = commitOnAConnectionTheDatabaseEnds(new JdbcTransactionManager(dataSource()));

    assertThat(DatabaseUnreachable.causedBy(failure)).as(failure.toString()).isFalse();
  }

  private static Throwable commitOnAConnectionTheDatabaseEnds(PlatformTransactionManager transactions) {
    return catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> { }));
  }

  /** One connection whose COMMIT is answered FATAL 57P01, closed by the pool after that. */
  private static DataSource dataSource() {
    boolean[] closed = {false};
    boolean[] autoCommit = {true};
    Connection connection = (Connection) Proxy.newProxyInstance(DatabaseTransactionsTests.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
          case "commit" -> {
            closed[0] = true;
            throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
          }
          case "rollback" -> {
            if (closed[0]) {
              throw new SQLException("Connection is closed"); // what a closed pooled connection says: no SQL state
            }
            yield null;
          }
          case "isClosed" -> closed[0];
          case "getAutoCommit" -> autoCommit[0];
          case "setAutoCommit" -> {
            autoCommit[0] = (Boolean) args[0];
            yield null;
          }
          case "isReadOnly" -> false;
          case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "a connection the database ends at commit";
          default -> null;
        });
    return (DataSource) Proxy.newProxyInstance(DatabaseTransactionsTests.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getConnection" -> connection;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "one connection";
          default -> null;
        });
  }
}
