package org.plenary.group;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Content translations on a real PostgreSQL, in a fresh database; skipped, visibly, when none is reachable. */
@SpringBootTest(properties = "plenary.data-dir=target/test-data/${random.uuid}")
@EnabledIfPostgres
class PostgresContentTranslationTests extends ContentTranslationScenarios {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
