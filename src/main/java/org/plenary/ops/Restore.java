package org.plenary.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.plenary.ops.BackupManifest.Entry;

/**
 * {@code restore}: checks the backup first (nothing is written from a damaged one), refuses a data
 * folder that already holds documents or keys and a database that already has tables, then loads the
 * database and copies the documents and keys back, each checked against the manifest again.
 */
final class Restore {

  private Restore() {}

  static BackupManifest restore(BackupTarget target, Path folder) throws Exception {
    List<String> problems = BackupCheck.problems(folder);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The backup in " + folder + " is damaged; nothing was restored:\n  "
          + String.join("\n  ", problems));
    }
    BackupManifest manifest = BackupManifest.read(folder);
    if (!manifest.database().equals(target.postgres() ? "postgresql" : "h2")) {
      throw new IllegalStateException("This backup is of a " + manifest.database() + " database; " + target.url()
          + " is not one.");
    }
    if (!Backups.documentPaths(target.documents()).isEmpty()) {
      throw new IllegalStateException(target.documents() + " already holds documents; restore only into an empty data folder.");
    }
    for (String key : Backups.KEYS) {
      if (Files.exists(target.dataDir().resolve(key))) {
        throw new IllegalStateException(target.dataDir().resolve(key) + " exists; restore only into an empty data folder.");
      }
    }
    DatabaseDump.load(target, folder.resolve(manifest.dump().path()));
    for (Entry document : manifest.documents()) {
      String path = document.path().substring("documents/".length());
      check(document, Backups.copy(folder.resolve(document.path()), target.documents().resolve(path), document.path()));
    }
    for (Entry key : manifest.keys()) {
      check(key, Backups.copy(folder.resolve(key.path()), target.dataDir().resolve(key.path().substring("keys/".length())),
          key.path()));
    }
    return manifest;
  }

  private static void check(Entry expected, Entry copied) {
    if (!expected.sha256().equals(copied.sha256())) {
      throw new IllegalStateException(expected.path() + " changed while it was restored.");
    }
  }
}
