package org.plenary.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store's promises on the file system. */
class FileStoreContractTests extends DocumentStoreContract {

  @TempDir
  Path dataDir;
  private FileStore store;

  @BeforeEach
  void open() throws IOException {
    store = new FileStore(dataDir.resolve("documents").toString(), false, false, true);
  }

  @Override
  DocumentStore store() {
    return store;
  }

  @Override
  int unfinishedWrites() throws IOException {
    try (Stream<Path> files = Files.walk(dataDir.resolve("documents"))) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".part")).count();
    }
  }

  /** On one machine every leftover is stale at the next start: a new store on the folder. */
  @Override
  DocumentStore afterTheStaleBound() throws IOException {
    return new FileStore(dataDir.resolve("documents").toString(), false, false, true);
  }
}
