package org.plenary.ops;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The application's transaction manager: Spring Boot's own ({@link JdbcTransactionManager}) except that
 * it does not try to roll back on a connection that is already gone.
 *
 * <p>When the database drops a connection at {@code COMMIT} (PostgreSQL stopping answers {@code 57P01}),
 * the pool closes that connection and Spring then rolls back "on commit failure": on a closed pooled
 * connection that fails with a bare {@code SQLException} ("Connection is closed", no SQL state), which
 * replaced the commit's own error. The request then answered 500 instead of 503. The server discards a
 * transaction whose connection ended, so there is nothing to roll back, and the commit's error, which
 * says why, is the one the caller gets.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseTransactions {

  @Bean
  JdbcTransactionManager transactionManager(DataSource dataSource, ObjectProvider<TransactionManagerCustomizers> customizers) {
    var transactions = new LostConnectionAware(dataSource);
    customizers.ifAvailable(each -> each.customize(transactions));
    return transactions;
  }

  static final class LostConnectionAware extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTransactions.class);

    LostConnectionAware(DataSource dataSource) {
      super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
      if (status.getTransaction() instanceof JdbcTransactionObjectSupport transaction && transaction.hasConnectionHolder()
          && closed(transaction.getConnectionHolder().getConnection())) {
        log.debug("No rollback: the connection was already closed (the database ended it and its transaction).");
        return;
      }
      super.doRollback(status);
    }

    private static boolean closed(Connection connection) {
      try {
        return connection.isClosed();
      } catch (SQLException unknown) {
        return false; // then the rollback itself says what is wrong
      }
    }
  }
}
