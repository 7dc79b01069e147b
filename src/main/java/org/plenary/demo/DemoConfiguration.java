package org.plenary.demo;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The demo database is rebuilt at every start, so the upcoming meeting is always eight weeks ahead. */
@Configuration
@Profile("demo")
class DemoConfiguration {

  @Bean
  FlywayMigrationStrategy rebuildDemoDatabase() {
    return flyway -> {
      flyway.clean();
      flyway.migrate();
    };
  }
}
