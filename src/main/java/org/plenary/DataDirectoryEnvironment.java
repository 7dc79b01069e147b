package org.plenary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.plenary.shared.PrivateFiles;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves {@code plenary.data-dir} to an absolute path before anything uses it: the embedded H2
 * database refuses paths that are only implicitly relative ({@code data} rather than {@code ./data}).
 * Makes the data folder, and the embedded database's folder ({@code db}, or {@code demo} in demo
 * mode), readable by the service's user only (0700, whatever the umask), before H2 opens anything:
 * the files H2 creates inside are then out of reach of other users whatever their own mode, and
 * those already there are set to 0600. An application that only reads the settings
 * ({@link PrivateFiles.SettingsOnly}: {@code backup}, {@code restore}) makes nothing: a restore refused
 * after reading them left an empty data folder and {@code db/} behind.
 */
class DataDirectoryEnvironment implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String dataDir = environment.getProperty("plenary.data-dir", "./data");
    Path absolute = Path.of(dataDir).toAbsolutePath().normalize();
    environment.getPropertySources()
        .addFirst(new MapPropertySource("plenaryDataDir", Map.of("plenary.data-dir", absolute.toString())));
    if (application.getAllSources().stream().anyMatch(source -> source instanceof Class<?> type
        && PrivateFiles.SettingsOnly.class.isAssignableFrom(type))) {
      return;
    }
    try {
      PrivateFiles.prepareDataFolder(absolute, environment.getProperty("spring.datasource.url", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the data folder " + absolute, e);
    }
  }
}
