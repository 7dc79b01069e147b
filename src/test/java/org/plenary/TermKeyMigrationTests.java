package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.Migrations.flyway;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * V096 gives each term a stored key (composed, case-folded) under a unique index per group. A database whose
 * register already holds one name twice (made when the check was in Java only) migrates: the older keeps the
 * key, the later ones theirs apart with their id; a superseded term holds none, its name free for a new term;
 * another group's term of that name is its own. After it, a second live term of one key is refused by the
 * database itself. On H2 and on PostgreSQL.
 */
class TermKeyMigrationTests {

  @Test
  void termsThatShareAKeyMigrateApartAndTheIndexRefusesANewTwinOnH2() throws SQLException {
    migrateAndCheck("jdbc:h2:mem:term-key-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Nested
  @EnabledIfPostgres
  class OnPostgres {
    @Test
    void termsThatShareAKeyMigrateApartAndTheIndexRefusesANewTwinOnPostgres() throws SQLException {
      var database = TestPostgres.freshDatabase();
      migrateAndCheck(database.url(), database.user(), database.password());
    }
  }

  private static void migrateAndCheck(String url, String user, String password) throws SQLException {
    flyway(url, user, password).target(MigrationVersion.fromVersion("95")).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      for (int group = 1; group <= 2; group++) {
        sql.execute("INSERT INTO plenary_groups (id, slug, acronym, name, working_language, lifetime_months)"
            + " VALUES (" + group + ", 'g" + group + "', 'FG G" + group + "', 'G', 'English', 12)");
      }
      String[][] terms = {{"1", "1", "Cloud", "AGREED"}, {"2", "1", "CLOUD", "PROPOSED"}, {"3", "1", "Stra\u00dfe", "PROPOSED"},
          {"4", "1", "strasse", "PROPOSED"}, {"5", "1", "Grid", "SUPERSEDED"}, {"6", "1", "grid", "PROPOSED"},
          {"7", "2", "cloud", "PROPOSED"}};
      for (String[] t : terms) {
        sql.execute("INSERT INTO terms (id, group_id, term, definition, status, version) VALUES (" + t[0] + ", " + t[1]
            + ", '" + t[2] + "', 'D', '" + t[3] + "', 1)");
      }
    }
    flyway(url, user, password).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      var keys = new ArrayList<String>();
      try (var rows = sql.executeQuery("SELECT id, term_key FROM terms ORDER BY id")) {
        while (rows.next()) {
          keys.add(rows.getLong(1) + ": " + rows.getString(2));
        }
      }
      assertThat(keys).containsExactly("1: cloud", "2: cloud#2", "3: strasse", "4: strasse#4", "5: null", "6: grid",
          "7: cloud");
      assertThatThrownBy(() -> sql.execute("INSERT INTO terms (id, group_id, term, term_order, term_key, definition,"
          + " status, version) VALUES (8, 1, 'Cloud', 'cloud', 'cloud', 'D', 'PROPOSED', 1)"))
          .isInstanceOf(SQLException.class);
      sql.execute("INSERT INTO terms (id, group_id, term, term_order, term_key, definition, status, version)"
          + " VALUES (9, 1, 'Old', 'old', NULL, 'D', 'SUPERSEDED', 1)");
    }
  }
}
