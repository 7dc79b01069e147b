package org.plenary;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-persistence;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "plenary.data-dir=target/test-data/${random.uuid}"})
class H2PersistenceTests extends PersistenceScenarios {}
