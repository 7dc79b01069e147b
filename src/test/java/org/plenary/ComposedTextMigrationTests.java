package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.Migrations.flyway;
import static org.plenary.Migrations.strings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * V124 recomposes (NFC) the typed text stored decomposed before stop 38: a group's name and an organization's are
 * composed after it, and an organization whose composed name another organization already holds (unique) is left as
 * it was, both rows kept, rather than failing the migration or overwriting either. On H2 and on PostgreSQL.
 */
class ComposedTextMigrationTests {

  private static final String NFD = "Re\u0301seau Socie\u0301te\u0301";
  private static final String NFC = "R\u00e9seau Soci\u00e9t\u00e9";

  @Test
  void typedTextIsComposedAndACollisionLeavesBothRowsOnH2() throws SQLException {
    migrateAndCheck("jdbc:h2:mem:composed-text-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Nested
  @EnabledIfPostgres
  class OnPostgres {
    @Test
    void typedTextIsComposedAndACollisionLeavesBothRowsOnPostgres() throws SQLException {
      var database = TestPostgres.freshDatabase();
      migrateAndCheck(database.url(), database.user(), database.password());
    }
  }

  private static void migrateAndCheck(String url, String user, String password) throws SQLException {
    flyway(url, user, password).target(MigrationVersion.fromVersion("123")).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      sql.execute("INSERT INTO plenary_groups (id, slug, acronym, name, working_language, lifetime_months)"
          + " VALUES (1, 'g1', 'FG G1', '" + NFD + "', 'English', 12)");
      sql.execute("INSERT INTO organizations (id, name, name_key, category) VALUES (1, '" + NFD + " A', 'a1', 'OTHER')");
      sql.execute("INSERT INTO organizations (id, name, name_key, category) VALUES (2, '" + NFC + " A', 'a2', 'OTHER')");
      sql.execute("INSERT INTO organizations (id, name, name_key, category) VALUES (3, '" + NFD + " B', 'b3', 'OTHER')");
    }
    flyway(url, user, password).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      assertThat(strings(sql, "SELECT name FROM plenary_groups WHERE id = 1")).containsExactly(NFC);
      assertThat(strings(sql, "SELECT name FROM organizations WHERE id IN (1, 2, 3) ORDER BY id"))
          .as("the first collides with the second and is left; the third is composed")
          .containsExactly(NFD + " A", NFC + " A", NFC + " B");
    }
  }
}
