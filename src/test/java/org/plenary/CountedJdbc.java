package org.plenary;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * A data source whose statements are looked at as the application uses them: each statement prepared (its SQL), each
 * prepared statement closed, each row a result set of one answers. Plain {@link Proxy}s over the JDBC interfaces (no
 * ORM, no library), around the application's data source ({@link #dataSources}) or one a test makes ({@link #of}).
 * The one counting proxy of the tests: {@link RowsRead}, {@code ExportFreshnessTests} and {@code RowLocksTests} count
 * through it.
 */
public final class CountedJdbc {

  private CountedJdbc() {}

  /** What is told of the statements; each is called on the thread that uses the connection. */
  public interface Listener {

    /** A statement was prepared with {@code sql}. */
    default void prepared(String sql) {}

    /** The prepared statement of {@code sql} was closed. */
    default void closed(String sql) {}

    /** A result set of the prepared statement of {@code sql} answered one more row. */
    default void row(String sql) {}
  }

  /** {@code target} with every connection it gives told to {@code listener}. */
  public static DataSource of(DataSource target, Listener listener) {
    return proxy(DataSource.class, target, (source, method, args) -> {
      Object made = method.invoke(source, args);
      return made instanceof Connection connection ? connection(connection, listener) : made;
    });
  }

  /** Wraps the application's data source bean ({@link #of}): a test configuration's {@code static @Bean}. */
  public static BeanPostProcessor dataSources(Listener listener) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource source ? of(source, listener) : bean;
      }
    };
  }

  private static Connection connection(Connection connection, Listener listener) {
    return proxy(Connection.class, connection, (c, method, args) -> {
      Object made = method.invoke(c, args);
      if (made instanceof PreparedStatement statement && method.getName().equals("prepareStatement")
          && args[0] instanceof String sql) {
        listener.prepared(sql);
        return statement(statement, sql, listener);
      }
      return made;
    });
  }

  private static PreparedStatement statement(PreparedStatement statement, String sql, Listener listener) {
    return proxy(PreparedStatement.class, statement, (s, method, args) -> {
      if (method.getName().equals("close")) {
        listener.closed(sql);
      }
      Object result = method.invoke(s, args);
      return result instanceof ResultSet rows ? rows(rows, sql, listener) : result;
    });
  }

  private static ResultSet rows(ResultSet rows, String sql, Listener listener) {
    return proxy(ResultSet.class, rows, (r, method, args) -> {
      Object result = method.invoke(r, args);
      if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
        listener.row(sql);
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
    Object handle(T target, Method method, Object[] args) throws Throwable;
  }
}
