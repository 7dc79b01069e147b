package org.plenary.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.plenary.ops.BackupManifest.Entry;
import org.plenary.shared.PrivateFiles;
import org.plenary.store.StoreFiles;

/**
 * {@code restore}: checks the backup first (nothing is written from a damaged one), refuses a backup of
 * another database type, a data folder or store that already holds documents or keys and a database that
 * already has tables, all before it makes anything (no data folder, no {@code db/}), then loads the
 * database, checks its rows per table and schema version against the manifest, and copies the documents (into the folder or
 * the bucket the settings name) and keys back, each checked against the manifest again. One of these failing takes back
 * all the restore made ({@link RestoreUndo}): a restore is all or nothing. The check refuses paths of another shape and
 * symbolic links ({@link BackupCheck}), and the copies open no link, so nothing is read from outside
 * the backup nor written outside the data folder and the store.
 */
final class Restore {

  private Restore() {}

  /**
   * Refuses a damaged backup. {@code restore} asks it before it reads its settings: reading them makes the
   * data folder and the embedded database's folder ({@code DataDirectoryEnvironment}), which a refused
   * restore left behind, empty and half-made.
   */
  static void requireIntact(Path folder) throws IOException {
    List<String> problems = BackupCheck.problems(folder);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The backup in " + folder + " is damaged; nothing was restored:\n  "
          + String.join("\n  ", problems));
    }
  }

  static BackupManifest restore(BackupTarget target, Path folder) throws Exception {
    requireIntact(folder);
    BackupManifest manifest = BackupManifest.read(folder);
    // Everything that can refuse is asked before anything is made: a refusal leaves no data folder, no db/.
    if (!manifest.database().equals(target.postgres() ? "postgresql" : "h2")) {
      throw new IllegalStateException("This backup is of a " + manifest.database() + " database; " + target.url()
          + " is not one. Nothing was restored.");
    }
    try (StoreFiles store = target.store()) {
      if (!store.list(Backups.STORE_FOLDERS).isEmpty()) {
        throw new IllegalStateException(store.where() + " already holds documents; restore only into an empty data folder"
            + " and an empty store. Nothing was restored.");
      }
      for (String key : Backups.KEYS) {
        if (Files.exists(target.dataDir().resolve(key), LinkOption.NOFOLLOW_LINKS)) {
          throw new IllegalStateException(target.dataDir().resolve(key) + " exists; restore only into an empty data folder."
              + " Nothing was restored.");
        }
      }
      DatabaseDump.requireEmpty(target);
      RestoreUndo undo = RestoreUndo.record(target, store);
      try {
        PrivateFiles.prepareDataFolder(target.dataDir(), target.url());
        DatabaseDump.load(target, folder.resolve(manifest.dump().path()));
        requireRestored(target, manifest);
        copyDocuments(manifest, folder, store, undo);
        copyKeys(manifest, folder, target);
      } catch (Exception e) {
        throw undo.undo(store, e);
      }
    }
    return manifest;
  }

  private static void copyDocuments(BackupManifest manifest, Path folder, StoreFiles store, RestoreUndo undo)
      throws Exception {
    for (Entry document : manifest.documents()) {
      String path = document.path().substring("documents/".length());
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      undo.writing(path);
      try (InputStream in = new DigestInputStream(Files.newInputStream(folder.resolve(document.path()),
          LinkOption.NOFOLLOW_LINKS), sha256)) {
        store.add(path, in, document.size());
      } catch (IOException e) {
        throw new IOException("Could not write " + store.where() + "/" + path + " (" + e + ").", e);
      }
      check(document, HexFormat.of().formatHex(sha256.digest()));
    }
  }

  private static void copyKeys(BackupManifest manifest, Path folder, BackupTarget target) throws IOException {
    for (Entry key : manifest.keys()) {
      try (InputStream in = Files.newInputStream(folder.resolve(key.path()), LinkOption.NOFOLLOW_LINKS)) {
        check(key, Backups.copy(in, target.dataDir().resolve(key.path().substring("keys/".length())), key.path()).sha256());
      } catch (IOException e) {
        throw new IOException("Could not write " + key.path() + " into " + target.dataDir() + " (" + e + ").", e);
      }
    }
  }

  /**
   * The database as loaded holds what the manifest says was saved: the same tables with the same number of rows
   * each, at the same schema version. The manifest is not covered by its own checksums, and a dump can load
   * without error yet short (a table left out by hand); a restore that said "done" then served a register with
   * documents missing. Checked before a document is copied.
   */
  private static void requireRestored(BackupTarget target, BackupManifest manifest) throws java.sql.SQLException {
    var problems = DatabaseDump.differences(target, manifest.rows(), manifest.schemaVersion());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The database restored from " + manifest.dump().path()
          + " is not the one the manifest describes:\n  "
          + String.join("\n  ", problems));
    }
  }

  private static void check(Entry expected, String copied) {
    if (!expected.sha256().equals(copied)) {
      throw new IllegalStateException(expected.path() + " changed while it was restored.");
    }
  }
}
