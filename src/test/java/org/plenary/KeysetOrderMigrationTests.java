package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.Migrations.flyway;
import static org.plenary.Migrations.strings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plenary.shared.Names;

/**
 * V126 gives the organizations there are their ICU sort keys in the six languages, and the terms their
 * {@code term_order}: ordered by those columns in SQL ({@code ORDER BY sort_fr, id}), the organizations come exactly
 * as ICU's collation in that language sorts their names (French accents, Ё with Е in Russian, pinyin in Chinese), the
 * terms as {@code LOWER(term)} did. On H2 and on PostgreSQL.
 */
class KeysetOrderMigrationTests {

  private static final List<String> NAMES = List.of("côte", "cote", "Coté", "Côtes", "Ёлка", "Елки", "Ель", "中国",
      "北京", "上海", "Zèbre", "zebra", "Éclair", "eclairs", "Œuf", "Oeufs", "ǅemal", "Ångström", "Angstroms");

  @Test
  void organizationsSortInSqlAsIcuSortsThemAndTermsAsTheirLowerCaseOnH2() throws SQLException {
    migrateAndCheck("jdbc:h2:mem:keyset-order-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Nested
  @EnabledIfPostgres
  class OnPostgres {
    @Test
    void organizationsSortInSqlAsIcuSortsThemAndTermsAsTheirLowerCaseOnPostgres() throws SQLException {
      var database = TestPostgres.freshDatabase();
      migrateAndCheck(database.url(), database.user(), database.password());
    }
  }

  private static void migrateAndCheck(String url, String user, String password) throws SQLException {
    flyway(url, user, password).target(MigrationVersion.fromVersion("125")).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      for (int i = 0; i < NAMES.size(); i++) {
        sql.execute("INSERT INTO organizations (id, name, name_key, category) VALUES (" + (i + 1) + ", '" + NAMES.get(i)
            + "', 'k" + i + "', 'OTHER')");
      }
      sql.execute("INSERT INTO plenary_groups (id, slug, acronym, name, working_language, lifetime_months)"
          + " VALUES (1, 'g1', 'FG G1', 'G', 'English', 12)");
      sql.execute("INSERT INTO terms (id, group_id, term, definition, status, version) VALUES (1, 1, 'Zeta', 'D',"
          + " 'PROPOSED', 1), (2, 1, 'alpha', 'D', 'PROPOSED', 1), (3, 1, 'Beta', 'D', 'PROPOSED', 1)");
    }
    flyway(url, user, password).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      for (String language : List.of("en", "fr", "ru", "zh", "es", "ar")) {
        assertThat(strings(sql, "SELECT name FROM organizations ORDER BY sort_" + language + ", id")).as(language)
            .containsExactlyElementsOf(Names.sorted(NAMES, s -> s, Locale.forLanguageTag(language)));
      }
      assertThat(strings(sql, "SELECT DISTINCT sort_version FROM organizations")).containsExactly(Names.sortVersion());
      assertThat(strings(sql, "SELECT term_order FROM terms ORDER BY term_order, id"))
          .containsExactly("alpha", "beta", "zeta");
    }
  }
}
