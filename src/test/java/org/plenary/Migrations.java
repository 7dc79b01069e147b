package org.plenary;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** What the migration tests share: Flyway on the application's versioned migrations, and a column read as texts. */
final class Migrations {

  private Migrations() {}

  /** Flyway on a database, with the versioned migrations only (no baseline), as an existing database is migrated. */
  static FluentConfiguration flyway(String url, String user, String password) {
    return Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
  }

  /** The first column of every row {@code query} gives, as texts, in the order given. */
  static List<String> strings(Statement sql, String query) throws SQLException {
    var found = new ArrayList<String>();
    try (var rows = sql.executeQuery(query)) {
      while (rows.next()) {
        found.add(rows.getString(1));
      }
    }
    return found;
  }
}
