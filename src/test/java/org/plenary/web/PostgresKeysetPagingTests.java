package org.plenary.web;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link KeysetPagingTests} on a real PostgreSQL, in a fresh database; skipped, visibly, when none is reachable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false", "plenary.catalog.cache-time=1s"})
@ActiveProfiles("demo")
@EnabledIfPostgres
class PostgresKeysetPagingTests extends KeysetPagingTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
