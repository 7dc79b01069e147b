package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.Migrations.flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.UUID;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A database whose contributions still name agenda items by number ("1,3") comes out of the
 * migrations with each document filed under the item that had that number, by the item's id, on
 * H2 and on PostgreSQL.
 */
class AgendaMigrationTests {

  @Test
  void documentsFiledByItemNumberAreFiledUnderTheSameItemsByIdOnH2() throws SQLException {
    migrateAndCheck("jdbc:h2:mem:agenda-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Nested
  @EnabledIfPostgres
  class OnPostgres {
    @Test
    void documentsFiledByItemNumberAreFiledUnderTheSameItemsByIdOnPostgres() throws SQLException {
      var database = TestPostgres.freshDatabase();
      migrateAndCheck(database.url(), database.user(), database.password());
    }
  }

  private static void migrateAndCheck(String url, String user, String password) throws SQLException {
    // The schema just before agenda items had ids: the newest migration before V017, whichever it is.
    MigrationVersion before = java.util.Arrays.stream(flyway(url, user, password).load().info().all())
        .map(MigrationInfo::getVersion).filter(v -> v.compareTo(MigrationVersion.fromVersion("17")) < 0)
        .max(MigrationVersion::compareTo).orElseThrow();
    flyway(url, user, password).target(before).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      sql.execute("INSERT INTO accounts (id, username, email, display_name, password_hash, created_at)"
          + " VALUES (1, 'alice', 'alice@plenary.example', 'Alice', 'x', CURRENT_TIMESTAMP)");
      sql.execute("INSERT INTO plenary_groups (id, slug, acronym, name, working_language, lifetime_months)"
          + " VALUES (1, 'cloud', 'FG Cloud', 'Cloud', 'English', 12)");
      for (int meeting = 1; meeting <= 2; meeting++) {
        sql.execute("INSERT INTO meetings (id, group_id, code, start_date, end_date, time_zone, venue_name, venue_code,"
            + " languages, paperless, documents_public, registration_deadline, contribution_deadline, visa_deadline)"
            + " VALUES (" + meeting + ", 1, 'm" + meeting + "', DATE '2010-06-14', DATE '2010-06-16', 'Europe/Zurich',"
            + " 'ITU', 'gva', 'English', FALSE, TRUE, TIMESTAMP WITH TIME ZONE '2010-06-01 23:59:00+02',"
            + " TIMESTAMP WITH TIME ZONE '2010-06-07 23:59:00+02', TIMESTAMP WITH TIME ZONE '2010-05-17 23:59:00+02')");
      }
      String[] titles = {"Opening", "Working methods", "Deliverables", "Liaisons", "Any other business", "Six",
          "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"};
      for (int i = 0; i < titles.length; i++) {
        sql.execute("INSERT INTO agenda_items (meeting_id, ordinal, title) VALUES (1, " + i + ", '" + titles[i] + "')");
      }
      sql.execute("INSERT INTO agenda_items (meeting_id, ordinal, title) VALUES (2, 0, 'Other meeting, item 1')");
      String[][] contributions = {{"1", "1", "1,3"}, {"2", "1", "12"}, {"3", "1", null}, {"4", "1", ""},
          {"5", "2", "1"}, {"6", "1", "2,99"}, {"7", "1", "2, 1"}};
      for (String[] c : contributions) {
        sql.execute("INSERT INTO contributions (id, group_id, meeting_id, seq_no, number, number_key, title, source,"
            + " agenda_items, allocated_by, allocated_at) VALUES (" + c[0] + ", 1, " + c[1] + ", " + c[0]
            + ", 'FG-Cloud-I-000" + c[0] + "', 'FG-CLOUD-I-000" + c[0] + "', 'T', 'S', "
            + (c[2] == null ? "NULL" : "'" + c[2] + "'") + ", 1, CURRENT_TIMESTAMP)");
      }
    }
    flyway(url, user, password).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      var filed = new ArrayList<String>();
      try (var rows = sql.executeQuery("SELECT x.contribution_id, a.title FROM contribution_agenda_items x"
          + " JOIN meeting_agenda_items a ON a.id = x.agenda_item_id ORDER BY x.contribution_id, a.ordinal")) {
        while (rows.next()) {
          filed.add(rows.getLong(1) + ": " + rows.getString(2));
        }
      }
      assertThat(filed).containsExactly("1: Opening", "1: Deliverables", "2: Twelve", "5: Other meeting, item 1",
          "6: Working methods", "7: Opening", "7: Working methods");
      try (var rows = sql.executeQuery("SELECT COUNT(DISTINCT id) FROM meeting_agenda_items WHERE meeting_id = 1")) {
        rows.next();
        assertThat(rows.getInt(1)).as("every item of meeting 1, each with its own id").isEqualTo(12);
      }
    }
  }
}
