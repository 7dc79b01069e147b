package org.plenary.output;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AgreementMeetingLockTests} on a real PostgreSQL (row locks, read committed, where a check of the meeting
 * outside its lock reads the committed days of before the change), in a fresh database; skipped, visibly, when none is
 * reachable.
 */
@SpringBootTest(properties = {"plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
@EnabledIfPostgres
class PostgresAgreementMeetingLockTests extends AgreementMeetingLockTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
