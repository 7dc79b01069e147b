package org.plenary.contribution;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.plenary.web.ApiTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link TakeBackTests} on a real PostgreSQL (row locks under read committed: two take-backs of one file, or a
 * take-back and a publication, at once), in a fresh database; skipped, visibly, when none is reachable.
 */
@SpringBootTest(properties = "plenary.data-dir=target/test-data/${random.uuid}")
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
@EnabledIfPostgres
class PostgresTakeBackTests extends TakeBackTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
