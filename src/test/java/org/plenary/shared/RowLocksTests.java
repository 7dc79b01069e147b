package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** On a real H2 database: what {@link RowLocks} prepares, locks and closes. */
class RowLocksTests {

  private static final String LOCK = "SELECT id FROM items WHERE id = ? FOR UPDATE";

  /** The SQL of every statement prepared, and how many prepared statements were closed. */
  private final List<String> prepared = new ArrayList<>();
  private int closed;

  @Test
  void aTransactionPreparesEachLockStatementOnceAndClosesItWhenItEnds() {
    var dataSource = counting("prepared-once");
    var locks = new RowLocks(dataSource);
    var transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    var found = new ArrayList<Boolean>();
    transaction.executeWithoutResult(status -> {
      for (long id = 1; id <= 5; id++) {
        found.add(locks.lock(LOCK, id).isPresent());
      }
    });
    assertThat(found).containsExactly(true, true, true, false, false);
    assertThat(prepared).as("one parse for the transaction's five locks").containsExactly(LOCK);
    assertThat(closed).as("closed when the transaction ended").isEqualTo(1);

    prepared.clear();
    transaction.executeWithoutResult(status -> {
      locks.lock(LOCK, 1L);
      new TransactionTemplate(new DataSourceTransactionManager(dataSource), new RequiresNew()).executeWithoutResult(inner -> {
        locks.lock(LOCK, 2L);
        locks.lock(LOCK, 3L);
      });
      locks.lock(LOCK, 2L);
    });
    assertThat(prepared).as("a transaction run inside another prepares on its own connection, once")
        .containsExactly(LOCK, LOCK);
  }

  @Test
  void theRowStaysLockedUntilTheTransactionEnds() throws Exception {
    var dataSource = counting("held;LOCK_TIMEOUT=200");
    var locks = new RowLocks(dataSource);
    var transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    try (var other = Executors.newSingleThreadExecutor()) {
      transaction.executeWithoutResult(status -> {
        locks.lock(LOCK, 2L);
        var waited = other.submit(() -> catchThrowable(() -> transaction.executeWithoutResult(s -> locks.lock(LOCK, 2L))));
        try {
          assertThat(waited.get(10, TimeUnit.SECONDS)).as("another transaction cannot take it meanwhile")
              .isInstanceOf(DataAccessException.class);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      var after = other.submit(() -> transaction.execute(s -> locks.lock(LOCK, 2L).orElseThrow()));
      assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
    }
  }

  /** An in-memory H2 database with three rows, whose connections note each statement prepared and closed. */
  private DelegatingDataSource counting(String name) {
    var h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rowlocks-" + name + ";DB_CLOSE_DELAY=-1");
    var jdbc = new JdbcTemplate(h2);
    jdbc.execute("CREATE TABLE IF NOT EXISTS items (id BIGINT PRIMARY KEY)");
    jdbc.execute("MERGE INTO items KEY (id) VALUES (1), (2), (3)");
    return new DelegatingDataSource(h2) {
      @Override
      public Connection getConnection() throws SQLException {
        Connection real = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(real, method, args);
              if (method.getName().equals("prepareStatement")) {
                prepared.add((String) args[0]);
                var statement = (java.sql.PreparedStatement) result;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {java.sql.PreparedStatement.class},
                    (p, m, a) -> {
                      if (m.getName().equals("close")) {
                        closed++;
                      }
                      return invoke(statement, m, a);
                    });
              }
              return result;
            });
      }
    };
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static final class RequiresNew extends org.springframework.transaction.support.DefaultTransactionDefinition {
    RequiresNew() {
      setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }
  }
}
