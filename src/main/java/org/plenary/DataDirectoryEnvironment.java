package org.plenary;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves {@code plenary.data-dir} to an absolute path before anything uses it: the embedded H2
 * database refuses paths that are only implicitly relative ({@code data} rather than {@code ./data}).
 */
class DataDirectoryEnvironment implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String dataDir = environment.getProperty("plenary.data-dir", "./data");
    String absolute = Path.of(dataDir).toAbsolutePath().normalize().toString();
    environment.getPropertySources()
        .addFirst(new MapPropertySource("plenaryDataDir", Map.of("plenary.data-dir", absolute)));
  }
}
