package org.plenary.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.plenary.shared.PrivateFiles;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code backup-manifest.json}: what a backup holds, when it was made, and the size and SHA-256 of
 * every file in it (the database dump, each document, the site's keys), so that {@code backup-verify}
 * and {@code restore} detect any file changed, missing or added.
 *
 * @param format always {@value #FORMAT}
 * @param createdAt when the database was read
 * @param database {@code h2} or {@code postgresql}
 * @param schemaVersion the latest Flyway migration applied to the database that was saved
 * @param rows rows per table in the saved database
 * @param dump the database dump's file
 * @param documents every document, by store path, each checked against the register's SHA-256
 * @param keys files of the data folder that belong with the data ({@code manifest.key}, the FTPS keystore)
 */
record BackupManifest(String format, Instant createdAt, String database, String schemaVersion, Map<String, Long> rows,
    Entry dump, List<Entry> documents, List<Entry> keys) {

  static final String FORMAT = "plenary-backup-1";
  static final String FILE = "backup-manifest.json";

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** One file of the backup: its path inside the backup folder, size and SHA-256. */
  record Entry(String path, long size, String sha256) {}

  long documentBytes() {
    return documents.stream().mapToLong(Entry::size).sum();
  }

  void write(Path folder) throws IOException {
    PrivateFiles.write(folder.resolve(FILE), JSON.writeValueAsBytes(this));
  }

  static BackupManifest read(Path folder) {
    BackupManifest manifest = JSON.readValue(folder.resolve(FILE).toFile(), BackupManifest.class);
    if (!FORMAT.equals(manifest.format()) || manifest.dump() == null || manifest.documents() == null
        || manifest.keys() == null || manifest.documents().contains(null) || manifest.keys().contains(null)) {
      throw new IllegalStateException(folder.resolve(FILE) + " is not a Plenary backup manifest (" + FORMAT + ").");
    }
    return manifest;
  }
}
