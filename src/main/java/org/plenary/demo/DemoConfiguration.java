package org.plenary.demo;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The embedded demo database is rebuilt at every start, so the upcoming meeting is always eight weeks
 * ahead; an external one (shared by several nodes) is only migrated, and {@link DemoStart} loads the
 * demo there when it is empty.
 */
@Configuration
@Profile("demo")
class DemoConfiguration {

  @Bean
  FlywayMigrationStrategy rebuildDemoDatabase(Environment environment) {
    boolean external = DemoEnvironment.external(environment);
    return flyway -> {
      if (!external) {
        flyway.clean();
      }
      flyway.migrate();
    };
  }
}
