package org.plenary;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the rows the application reads from the database, by statement: its {@link DataSource} wrapped in
 * {@link Proxy}s (connection, prepared statement, result set) that note each {@code ResultSet.next()} answering a row,
 * as {@code ExportFreshnessTests} counts statements. Only rows read while answering a request count (on the web
 * server's {@code http-…} threads): the application's own catch-up work (the register's changes feed reading new audit
 * entries) reads on its own threads. {@code @Import(RowsRead.class)} on a test's context.
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
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource source ? proxy(DataSource.class, source, (target, method, args) -> {
          Object made = method.invoke(target, args);
          return made instanceof Connection connection ? connection(connection) : made;
        }) : bean;
      }
    };
  }

  private static Connection connection(Connection connection) {
    return proxy(Connection.class, connection, (c, method, args) -> {
      Object made = method.invoke(c, args);
      if (made instanceof PreparedStatement statement && method.getName().equals("prepareStatement")
          && args[0] instanceof String sql) {
        return proxy(PreparedStatement.class, statement, (s, m, a) -> {
          Object result = m.invoke(s, a);
          return result instanceof ResultSet rows ? counted(rows, sql) : result;
        });
      }
      return made;
    });
  }

  private static ResultSet counted(ResultSet rows, String sql) {
    LongAdder count = BY_STATEMENT.computeIfAbsent(sql, s -> new LongAdder());
    return proxy(ResultSet.class, rows, (r, m, a) -> {
      Object result = m.invoke(r, a);
      if (m.getName().equals("next") && Boolean.TRUE.equals(result) && Thread.currentThread().getName().startsWith("http-")) {
        count.increment();
      }
      return result;
    });
  }

  private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
      try {
        return handler.handle(target, method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }));
  }

  private interface Handler<T> {
    Object handle(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
  }
}
