package org.plenary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.plenary.web.ApiTokens;

/**
 * The whole application in demo mode on an in-memory H2 database, with MockMvc. Tests sharing it
 * share one Spring context, so each one uses its own names for what it creates.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-demo;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
public @interface DemoTest {}
