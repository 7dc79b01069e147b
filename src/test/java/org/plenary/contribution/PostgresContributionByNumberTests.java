package org.plenary.contribution;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ContributionByNumberTests} on a real PostgreSQL, in a fresh database; skipped, visibly, when none is reachable. */
@SpringBootTest(properties = {"plenary.data-dir=target/test-data/by-number-pg-${random.uuid}", "plenary.search.indexing=false"})
@EnabledIfPostgres
class PostgresContributionByNumberTests extends ContributionByNumberTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
