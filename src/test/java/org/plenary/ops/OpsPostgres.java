package org.plenary.ops;

import java.sql.DriverManager;
import org.plenary.TestPostgres;

/** Databases of the operations tests on the tests' PostgreSQL, named {@code ops_…} and dropped by the test. */
final class OpsPostgres {

  private static final String URL = System.getenv().getOrDefault("PLENARY_TEST_POSTGRES_URL",
      "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = System.getenv().getOrDefault("PLENARY_TEST_POSTGRES_USER", "postgres");
  private static final String PASSWORD = System.getenv().getOrDefault("PLENARY_TEST_POSTGRES_PASSWORD", "");

  private OpsPostgres() {}

  static TestPostgres.Database create() throws Exception {
    String name = "ops_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
    admin("CREATE DATABASE " + name);
    return new TestPostgres.Database(URL.substring(0, URL.lastIndexOf('/') + 1) + name, USER, PASSWORD);
  }

  static String name(TestPostgres.Database database) {
    return database.url().substring(database.url().lastIndexOf('/') + 1);
  }

  static void drop(TestPostgres.Database database) throws Exception {
    admin("DROP DATABASE IF EXISTS " + name(database) + " WITH (FORCE)");
  }

  static void admin(String sql) throws Exception {
    try (var connection = DriverManager.getConnection(URL, USER, PASSWORD); var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
