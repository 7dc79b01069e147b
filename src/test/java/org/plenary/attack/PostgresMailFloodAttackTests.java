package org.plenary.attack;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.plenary.notification.OutboxSweep;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link MailFloodAttackTests} on a real PostgreSQL (the outbox's fold and count queries, and its insert of many
 * messages at once, differ there), in a fresh database; skipped, visibly, when none is reachable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "plenary.data-dir=target/test-data/attack-mail-flood-pg-${random.uuid}",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=19625",
    "plenary.ftp.port=0"})
@ActiveProfiles("demo")
@Import(OutboxSweep.class)
@EnabledIfPostgres
class PostgresMailFloodAttackTests extends MailFloodAttackTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
