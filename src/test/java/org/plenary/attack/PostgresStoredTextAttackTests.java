package org.plenary.attack;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StoredTextAttackTests} on a real PostgreSQL, which stores no NUL (a title with one was a 500 there),
 * in a fresh database; skipped, visibly, when none is reachable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "plenary.data-dir=target/test-data/attack-text-pg-${random.uuid}"})
@ActiveProfiles("demo")
@EnabledIfPostgres
class PostgresStoredTextAttackTests extends StoredTextAttackTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
