package org.plenary.web;

import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ValueTooLongTests} on a real PostgreSQL, whose refusal of a long value is its own (SQLState 22001). */
@SpringBootTest(properties = "plenary.data-dir=target/test-data/${random.uuid}")
@org.springframework.test.context.ActiveProfiles("demo")
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
@org.springframework.context.annotation.Import({ValueTooLongTests.ApiProbe.class, ValueTooLongTests.PageProbe.class})
@EnabledIfPostgres
class PostgresValueTooLongTests extends ValueTooLongTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.freshDatabase().register(registry);
  }
}
