package org.plenary;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the rows the application reads from the database, by statement: its data source looked at through
 * {@link CountedJdbc}, which tells each {@code ResultSet.next()} answering a row. Only rows read while answering a
 * request count (on the web server's {@code http-…} threads): the application's own catch-up work (the register's
 * changes feed reading new audit entries) reads on its own threads. {@code @Import(RowsRead.class)} on a test's context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RowsRead {

  private static final Map<String, LongAdder> BY_STATEMENT = new ConcurrentHashMap<>();

  /** The rows read since {@link #reset()} by statements that read {@code FROM table}. */
  public static long from(String table) {
    String from = "from " + table.toLowerCase(Locale.ROOT) + " ";
    return BY_STATEMENT.entrySet().stream().filter(e -> (e.getKey() + " ").toLowerCase(Locale.ROOT)
            .replaceAll("\\s+", " ").contains(from))
        .mapToLong(e -> e.getValue().sum()).sum();
  }

  /**
   * The most rows one statement reading {@code FROM table} read since {@link #reset()}: what the list's own read took,
   * apart from the single rows a request reads besides (the signed-in account, the group named in the path).
   */
  public static long mostByOneStatement(String table) {
    String from = "from " + table.toLowerCase(Locale.ROOT) + " ";
    return BY_STATEMENT.entrySet().stream().filter(e -> (e.getKey() + " ").toLowerCase(Locale.ROOT)
            .replaceAll("\\s+", " ").contains(from))
        .mapToLong(e -> e.getValue().sum()).max().orElse(0);
  }

  /** Forgets the rows counted so far. */
  public static void reset() {
    BY_STATEMENT.clear();
  }

  @Bean
  static BeanPostProcessor rowsReadDataSource() {
    return CountedJdbc.dataSources(new CountedJdbc.Listener() {
      @Override
      public void row(String sql) {
        if (Thread.currentThread().getName().startsWith("http-")) {
          BY_STATEMENT.computeIfAbsent(sql, s -> new LongAdder()).increment();
        }
      }
    });
  }
}
