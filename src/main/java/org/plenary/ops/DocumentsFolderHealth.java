package org.plenary.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The {@code documentsFolder} health of the readiness group: the documents folder (of the file-system
 * store) is writable and its disk has at least {@code plenary.health.min-free-space} left. The probe
 * file ends in {@code .part}, so one left by a crash is swept at the next start.
 */
@Component("documentsFolderHealthIndicator")
@ConditionalOnProperty(name = "plenary.documents.store", havingValue = "fs", matchIfMissing = true)
class DocumentsFolderHealth implements HealthIndicator {

  private final Path folder;
  private final DataSize minFree;

  DocumentsFolderHealth(@Value("${plenary.documents-dir:${plenary.data-dir}/documents}") String folder,
      @Value("${plenary.health.min-free-space:256MB}") DataSize minFree) {
    this.folder = Path.of(folder).toAbsolutePath().normalize();
    this.minFree = minFree;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up().withDetail("path", folder.toString()).withDetail("threshold", minFree.toBytes());
    try {
      long free = Files.getFileStore(folder).getUsableSpace();
      health.withDetail("free", free);
      Path probe = Files.createTempFile(folder, ".health-", ".part");
      Files.delete(probe);
      if (free < minFree.toBytes()) {
        return health.down().withDetail("reason", "less free space than plenary.health.min-free-space").build();
      }
      return health.build();
    } catch (IOException | RuntimeException e) {
      return health.down().withDetail("reason", "not writable: " + e.getMessage()).build();
    }
  }
}
