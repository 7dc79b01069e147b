package org.plenary.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.plenary.shared.JdbcUrls;
import org.plenary.store.StoreFiles;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * What a backup reads or a restore writes, resolved exactly as the server resolves it (application
 * properties, {@code config/}, environment variables, {@code --key=value} arguments), without starting
 * anything: the database's URL and credentials, the data folder and the document store (the documents
 * folder, or the bucket of {@code plenary.documents.store=s3}).
 */
record BackupTarget(String url, String username, String password, Path dataDir, PropertyResolver settings) {

  boolean postgres() {
    return JdbcUrls.postgres(url);
  }

  /** The document store the settings name; close it after use. */
  StoreFiles store() {
    return StoreFiles.of(settings);
  }

  /** Resolves the settings from the {@code --key=value} arguments and the usual configuration sources. */
  static BackupTarget resolve(List<String> springArguments) {
    var application = new SpringApplication(Nothing.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setBannerMode(Banner.Mode.OFF);
    application.setLogStartupInfo(false);
    application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
    var arguments = new ArrayList<>(springArguments);
    try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
      Environment environment = context.getEnvironment();
      Path dataDir = Path.of(environment.getRequiredProperty("plenary.data-dir")).toAbsolutePath().normalize();
      return new BackupTarget(environment.getRequiredProperty("spring.datasource.url"),
          environment.getProperty("spring.datasource.username", ""), environment.getProperty("spring.datasource.password", ""),
          dataDir, environment);
    }
  }

  /** An empty context: only its environment is used, and the data folder is not made (a restore makes it once checked). */
  @Configuration(proxyBeanMethods = false)
  static class Nothing implements org.plenary.shared.PrivateFiles.SettingsOnly {}
}
