package org.plenary.account;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link UniqueNameKeysTests} on a real PostgreSQL, in a fresh database; skipped, visibly, when none is reachable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1", "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@EnabledIfPostgres
class PostgresUniqueNameKeysTests extends UniqueNameKeysTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
