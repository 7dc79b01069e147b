package org.plenary.demo;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode on an external database ({@code spring.datasource.url} not the embedded H2): the database
 * is shared with other nodes and may hold their demo, so it is neither cleaned at start nor are the
 * documents emptied; the embedded demo is rebuilt at every start as before, its empty schema made by
 * the baseline migration of {@code db/baseline} (one script instead of the versioned migrations up to it).
 */
class DemoEnvironment implements EnvironmentPostProcessor {

  /** Whether the database is another than the embedded H2 one. */
  static boolean external(Environment environment) {
    return !environment.getProperty("spring.datasource.url", "jdbc:h2:").startsWith("jdbc:h2:");
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains("demo")) {
      return;
    }
    if (external(environment)) {
      environment.getPropertySources().addFirst(new MapPropertySource("plenaryDemoOnExternalDatabase",
          Map.of("spring.flyway.clean-disabled", "true", "plenary.documents-reset-on-start", "false")));
    } else {
      String locations = environment.getProperty("spring.flyway.locations", "classpath:db/migration");
      environment.getPropertySources().addFirst(new MapPropertySource("plenaryDemoOnEmbeddedDatabase",
          Map.of("spring.flyway.locations", locations + ",classpath:db/baseline")));
    }
  }
}
