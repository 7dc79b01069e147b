package org.plenary.registration;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ConcurrentRegistrationEditTests} on a real PostgreSQL (row locks, read committed), in a fresh database; skipped, visibly, when none is reachable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@EnabledIfPostgres
class PostgresConcurrentRegistrationEditTests extends ConcurrentRegistrationEditTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", database::password);
  }
}
