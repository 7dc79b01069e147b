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
 * Letters approved before V078 kept no record of the venue and days they state; V121 marks them "facts unknown"
 * (and only them: a letter that states its facts, a request not approved, are left as they are), on H2 and on
 * PostgreSQL. Before, such a letter read as stating the meeting as it is, so a move was never seen for it.
 */
class VisaLetterFactsMigrationTests {

  @Test
  void lettersApprovedWithoutFactsAreMarkedUnknownOnH2() throws SQLException {
    migrateAndCheck("jdbc:h2:mem:visa-facts-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Nested
  @EnabledIfPostgres
  class OnPostgres {
    @Test
    void lettersApprovedWithoutFactsAreMarkedUnknownOnPostgres() throws SQLException {
      var database = TestPostgres.freshDatabase();
      migrateAndCheck(database.url(), database.user(), database.password());
    }
  }

  private static void migrateAndCheck(String url, String user, String password) throws SQLException {
    // The schema just before V121, whichever migration that is.
    MigrationVersion before = java.util.Arrays.stream(flyway(url, user, password).load().info().all())
        .map(MigrationInfo::getVersion).filter(v -> v.compareTo(MigrationVersion.fromVersion("121")) < 0)
        .max(MigrationVersion::compareTo).orElseThrow();
    flyway(url, user, password).target(before).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement()) {
      sql.execute("INSERT INTO plenary_groups (id, slug, acronym, name, working_language, lifetime_months)"
          + " VALUES (1, 'cloud', 'FG Cloud', 'Cloud', 'English', 12)");
      sql.execute("INSERT INTO meetings (id, group_id, code, start_date, end_date, time_zone, venue_name, venue_code,"
          + " languages, paperless, documents_public, registration_deadline, contribution_deadline, visa_deadline)"
          + " VALUES (1, 1, '1006-gva', DATE '2010-06-14', DATE '2010-06-16', 'Europe/Zurich', 'ITU', 'gva', 'English',"
          + " FALSE, TRUE, TIMESTAMP WITH TIME ZONE '2010-06-01 23:59:00+02', TIMESTAMP WITH TIME ZONE '2010-06-07 23:59:00+02',"
          + " TIMESTAMP WITH TIME ZONE '2010-05-17 23:59:00+02')");
      // Four people: approved before V078 (no facts), approved since (facts), approved then purged, still waiting.
      String[][] requests = {{"1", "APPROVED", "NULL"}, {"2", "APPROVED", "'ITU'"}, {"3", "APPROVED", "NULL"},
          {"4", "REQUESTED", "NULL"}};
      for (String[] r : requests) {
        sql.execute("INSERT INTO accounts (id, username, email, email_key, display_name, password_hash, created_at)"
            + " VALUES (" + r[0] + ", 'p" + r[0] + "', 'p" + r[0] + "@example.org', 'p" + r[0] + "@example.org', 'P',"
            + " 'x', CURRENT_TIMESTAMP)");
        sql.execute("INSERT INTO registrations (id, meeting_id, account_id, full_name, email, category, country_code,"
            + " first_time, attendance, status, submitted_at) VALUES (" + r[0] + ", 1, " + r[0] + ", 'P', 'p" + r[0]
            + "@example.org', 'SECTOR_MEMBER', 'FR', FALSE, 'IN_PERSON', 'APPROVED', CURRENT_TIMESTAMP)");
        boolean approved = r[1].equals("APPROVED");
        sql.execute("INSERT INTO visa_requests (id, registration_id, meeting_id, full_name, mission, status, reference,"
            + " verification_code, requested_at, decided_at, letter_venue, letter_starts, letter_ends, purged_at)"
            + " VALUES (" + r[0] + ", " + r[0] + ", 1, 'P', 'Embassy', '" + r[1] + "', "
            + (approved ? "'1006-GVA-V-000" + r[0] + "'" : "NULL") + ", 'CODE" + r[0] + "', CURRENT_TIMESTAMP, "
            + (approved ? "CURRENT_TIMESTAMP" : "NULL") + ", " + r[2] + ", "
            + (r[2].equals("NULL") ? "NULL" : "DATE '2010-06-14'") + ", " + (r[2].equals("NULL") ? "NULL" : "DATE '2010-06-16'")
            + ", " + (r[0].equals("3") ? "CURRENT_TIMESTAMP" : "NULL") + ")");
      }
    }
    flyway(url, user, password).load().migrate();
    try (Connection db = DriverManager.getConnection(url, user, password); var sql = db.createStatement();
        var rows = sql.executeQuery("SELECT id, letter_facts_unknown FROM visa_requests ORDER BY id")) {
      var marked = new ArrayList<String>();
      while (rows.next()) {
        marked.add(rows.getLong(1) + ": " + rows.getBoolean(2));
      }
      assertThat(marked).containsExactly("1: true", "2: false", "3: true", "4: false");
    }
  }
}
