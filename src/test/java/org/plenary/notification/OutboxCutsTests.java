package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the outbox cuts to fit its columns (a failed attempt's error at 1,000 characters, a subject at 500, a mail's
 * occasion past 200) is cut by characters: a character beyond U+FFFF across the bound was cut in two and half of it
 * kept (a '?' in PostgreSQL, a lone surrogate in the embedded database). On the embedded database, migrated as the
 * application migrates it.
 */
class OutboxCutsTests {

  private static final String EMOJI = "\uD83D\uDE00";
  private static final String URL = "jdbc:h2:mem:plenary-outbox-cuts;DB_CLOSE_DELAY=-1";

  private static DriverManagerDataSource dataSource;

  @BeforeAll
  static void migrate() {
    dataSource = new DriverManagerDataSource(URL, "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  @Test
  void aFailedAttemptsErrorIsKeptCutByWholeCharacters() {
    var outbox = new Outbox(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), URL);
    long id = outbox.keep(Instant.now(), "delegate@example.org", "Registration approved", "Body");
    // The emoji's two UTF-16 units are the 1,000th and the 1,001st: in characters it is the 1,000th.
    outbox.failed(id, "x".repeat(999) + EMOJI + " and what the server said after it", null);
    String kept = JdbcClient.create(dataSource).sql("SELECT error FROM mail_messages WHERE id = ?").param(id)
        .query(String.class).single();
    assertThat(kept).isEqualTo("x".repeat(999) + EMOJI);
    assertWhole(kept);
  }

  @Test
  void aLongSubjectIsShortenedByWholeCharacters() {
    String subject = "Document number FG-Cloud-I-0002: " + "t".repeat(465) + EMOJI + "rest of the title";
    String fitting = Outbox.fitting(subject);
    assertThat(fitting).isEqualTo("Document number FG-Cloud-I-0002: " + "t".repeat(465) + EMOJI + "\u2026");
    assertThat(fitting.codePointCount(0, fitting.length())).isEqualTo(Outbox.SUBJECT_LENGTH);
    assertWhole(fitting);
  }

  @Test
  void aLongOccasionKeepsItsStartByWholeCharacters() {
    // A milestone's notice names its title: the first 120 characters end in the middle of the emoji in UTF-16 units.
    String occasion = "MilestoneNotice:DUE_SOON:watched:2028-01-01:a" + EMOJI.repeat(300);
    String bounded = Mailer.bounded(occasion);
    assertWhole(bounded);
    assertThat(bounded).startsWith("MilestoneNotice:DUE_SOON:watched:2028-01-01:a" + EMOJI.repeat(75) + "#");
    assertThat(bounded.codePointCount(0, bounded.length())).isLessThanOrEqualTo(200);
  }

  private static void assertWhole(String text) {
    assertThat(text.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).as("no half of a character in %s", text).isTrue();
  }
}
