package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.HashSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

class VerificationCodeTests {

  @Test
  void codesCarryEightyRandomBitsAndReadBackAsTyped() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      String code = VerificationCode.generate();
      assertThat(code).hasSize(16).matches("[0-9A-HJKMNP-TV-Z]{16}");
      seen.add(code);
    }
    assertThat(seen).hasSize(1000);
    var typed = VerificationCode.Typed.parse(" 2701-gva-v-oo12 k7qf-3m2x-p4tr-8wzn ").orElseThrow();
    assertThat(typed.code()).isEqualTo("K7QF3M2XP4TR8WZN");
    assertThat(typed.names("2701-GVA-V-0012")).isTrue();
    assertThat(typed.names("2701-GVA-V-0013")).isFalse();
    assertThat(VerificationCode.Typed.parse("2701-GVA-V-0012")).isEmpty();
    assertThat(VerificationCode.Typed.parse("VISA-2701-GVA-0012")).isEmpty();
  }

  @Test
  void theMigrationGivesExistingRequestsACode() throws Exception {
    String url = "jdbc:h2:mem:visa-migration;DB_CLOSE_DELAY=-1";
    MigrationVersion before = java.util.Arrays.stream(Flyway.configure().dataSource(url, "sa", "")
            .locations("classpath:db/migration").load().info().all())
        .map(m -> m.getVersion()).filter(v -> v.isNewerThan("11") && !v.isAtLeast("22"))
        .max(MigrationVersion::compareTo).orElseThrow();
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target(before).load().migrate();
    try (var connection = DriverManager.getConnection(url, "sa", ""); var statement = connection.createStatement()) {
      statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
      for (int i = 1; i <= 3; i++) {
        statement.execute("INSERT INTO visa_requests (registration_id, meeting_id, full_name, mission, status, reference, "
            + "requested_at) VALUES (" + i + ", 1, 'Old " + i + "', 'Paris', 'APPROVED', 'VISA-1006-GVA-000" + i + "', "
            + "CURRENT_TIMESTAMP)");
      }
      statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
    }
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
    try (var connection = DriverManager.getConnection(url, "sa", "");
        var rows = connection.createStatement().executeQuery("SELECT verification_code FROM visa_requests")) {
      var codes = new HashSet<String>();
      while (rows.next()) {
        assertThat(rows.getString(1)).matches("[0-9A-HJKMNP-TV-Z]{16}");
        codes.add(rows.getString(1));
      }
      assertThat(codes).hasSize(3);
    }
  }
}
