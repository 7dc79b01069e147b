package org.plenary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
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
 * those already there are set to 0600.
 */
class DataDirectoryEnvironment implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String dataDir = environment.getProperty("plenary.data-dir", "./data");
    Path absolute = Path.of(dataDir).toAbsolutePath().normalize();
    environment.getPropertySources()
        .addFirst(new MapPropertySource("plenaryDataDir", Map.of("plenary.data-dir", absolute.toString())));
    try {
      PrivateFiles.createDirectories(absolute);
      PrivateFiles.restrict(absolute);
      String url = environment.getProperty("spring.datasource.url", "");
      // The embedded database's folder: db/ by default, demo/ in demo mode; any H2 file inside the data folder.
      Path db = url.startsWith("jdbc:h2:file:")
          ? Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0]).toAbsolutePath().normalize().getParent()
          : null;
      if (db != null && db.startsWith(absolute) && !db.equals(absolute)) {
        PrivateFiles.createDirectories(db);
        PrivateFiles.restrict(db);
        try (Stream<Path> files = Files.list(db)) {
          for (Path file : files.toList()) {
            PrivateFiles.restrict(file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the data folder " + absolute, e);
    }
  }
}
