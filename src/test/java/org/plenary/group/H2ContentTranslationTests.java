package org.plenary.group;

import org.springframework.boot.test.context.SpringBootTest;

/** Content translations on the embedded H2 database. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-content-translations;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
class H2ContentTranslationTests extends ContentTranslationScenarios {}
