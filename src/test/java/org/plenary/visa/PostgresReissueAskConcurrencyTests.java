package org.plenary.visa;

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
 * {@link ReissueAskConcurrencyTests} on a real PostgreSQL (row locks, read committed), in a fresh database; skipped,
 * visibly, when none is reachable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1", "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
@EnabledIfPostgres
class PostgresReissueAskConcurrencyTests extends ReissueAskConcurrencyTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
