package org.plenary.meeting;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.plenary.web.ApiTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CircularEditVersionTests} on a real PostgreSQL (the draft's row lock, V108), in a fresh database; skipped, visibly, when none is reachable. */
@SpringBootTest(properties = "plenary.data-dir=target/test-data/${random.uuid}")
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
@EnabledIfPostgres
class PostgresCircularEditVersionTests extends CircularEditVersionTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", database::password);
  }
}
