package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.plenary.CountedJdbc;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
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
  private DataSource counting(String name) {
    var h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rowlocks-" + name + ";DB_CLOSE_DELAY=-1");
    var jdbc = new JdbcTemplate(h2);
    jdbc.execute("CREATE TABLE IF NOT EXISTS items (id BIGINT PRIMARY KEY)");
    jdbc.execute("MERGE INTO items KEY (id) VALUES (1), (2), (3)");
    return CountedJdbc.of(h2, new CountedJdbc.Listener() {
      @Override
      public void prepared(String sql) {
        prepared.add(sql);
      }

      @Override
      public void closed(String sql) {
        closed++;
      }
    });
  }

  private static final class RequiresNew extends org.springframework.transaction.support.DefaultTransactionDefinition {
    RequiresNew() {
      setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }
  }
}
