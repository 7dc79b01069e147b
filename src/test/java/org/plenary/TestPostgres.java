package org.plenary;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL the tests use: {@code PLENARY_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code PLENARY_TEST_POSTGRES_USER} (postgres)
 * and {@code PLENARY_TEST_POSTGRES_PASSWORD} (empty). Each test class gets a fresh database.
 */
public final class TestPostgres implements ExecutionCondition {

  /** A database made for one test class. */
  public record Database(String url, String user, String password) {

    /** Points a test's application at this database ({@code @DynamicPropertySource}). */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
      registry.add("spring.datasource.url", this::url);
      registry.add("spring.datasource.username", this::user);
      registry.add("spring.datasource.password", this::password);
    }
  }

  private static final String URL = env("PLENARY_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = env("PLENARY_TEST_POSTGRES_USER", "postgres");
  private static final String PASSWORD = env("PLENARY_TEST_POSTGRES_PASSWORD", "");
  private static String unavailable;
  private static boolean probed;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String reason = unavailableReason();
    if (reason == null) {
      return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + URL);
    }
    String message = "SKIPPED " + context.getDisplayName() + ": no PostgreSQL at " + URL + " (" + reason
        + "). Start one, or set PLENARY_TEST_POSTGRES_URL.";
    System.err.println("[WARNING] " + message);
    return ConditionEvaluationResult.disabled(message);
  }

  /**
   * Creates an empty database, after dropping those earlier runs left behind: those whose test process
   * (named in the database's name) has ended. A live one's may be just created and not yet connected to,
   * by a parallel fork or another build.
   */
  public static Database freshDatabase() {
    String name = "plenary_test_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
    try (Connection admin = connect(); var statement = admin.createStatement()) {
      var stale = new ArrayList<String>();
      try (var rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'plenary_test_%'")) {
        while (rows.next()) {
          if (!ofLiveProcess(rows.getString(1))) {
            stale.add(rows.getString(1));
          }
        }
      }
      for (String old : stale) {
        try {
          statement.execute("DROP DATABASE IF EXISTS " + old);
        } catch (SQLException inUse) {
          // Another run is using it; it will be dropped next time.
        }
      }
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create a test database on " + URL, e);
    }
    return new Database(URL.substring(0, URL.lastIndexOf('/') + 1) + name, USER, PASSWORD);
  }

  /** Whether a test database's name ({@code plenary_test_<pid>_<n>}) names a process that is still running. */
  static boolean ofLiveProcess(String database) {
    String[] parts = database.split("_");
    if (parts.length != 4) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(parts[2])).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException notOurs) {
      return false;
    }
  }

  private static synchronized String unavailableReason() {
    if (!probed) {
      probed = true;
      DriverManager.setLoginTimeout(3);
      try (Connection ignored = connect()) {
        unavailable = null;
      } catch (SQLException e) {
        unavailable = e.getMessage();
      }
    }
    return unavailable;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
