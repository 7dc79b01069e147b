package org.plenary.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.plenary.ops.BackupManifest.Entry;
import org.plenary.shared.PrivateFiles;
import org.plenary.store.StoreFiles;

/**
 * A backup: the database dump first, then every document the saved register knows, copied with its
 * SHA-256 checked against the register's; files written after the dump are left out (the restored
 * register would not know them). On PostgreSQL the server may keep running: a document changed or
 * moved between the dump and its copy (a publication) makes the backup start again, three times at
 * most. The manifest is written last, so a folder without one is no backup.
 */
final class Backups {

  /**
   * The store's own folder of keys: with documents on S3 the manifests' signing key lives in the bucket
   * (every node signs with it), claimed in the database like any object, so it goes with them.
   */
  static final String STORE_KEYS = ".keys";
  /** What a backup copies from the store (the documents the register names, and those keys); a restore requires it empty. */
  static final List<String> STORE_FOLDERS = List.of("t", "history", STORE_KEYS);
  /** Files of the data folder that go with the data: the manifests' signing key, the passport key, the FTPS certificate. */
  static final List<String> KEYS = List.of("manifest.key", "visa.key", "ftp-tls.p12");
  private static final int ATTEMPTS = 3;

  private Backups() {}

  static BackupManifest backup(BackupTarget target, Path folder) throws Exception {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> inside = Files.list(folder)) {
        if (inside.findAny().isPresent()) {
          throw new IllegalStateException(folder + " is not empty; back up into a new folder.");
        }
      }
    }
    for (int attempt = 1; ; attempt++) {
      PrivateFiles.createDirectories(folder);
      try {
        return attempt(target, folder);
      } catch (ConcurrentChangeException e) {
        org.springframework.util.FileSystemUtils.deleteRecursively(folder);
        if (attempt == ATTEMPTS) {
          throw new IllegalStateException("Documents kept changing while the backup copied them (" + e.getMessage()
              + "); try again at a quieter time.", e);
        }
      }
    }
  }

  private static BackupManifest attempt(BackupTarget target, Path folder) throws Exception {
    Instant createdAt = Instant.now();
    DatabaseDump.Saved saved = DatabaseDump.save(target, folder);
    var documents = new ArrayList<Entry>();
    try (StoreFiles store = target.store()) {
      var unknown = new ArrayList<String>();
      for (String path : store.list(STORE_FOLDERS)) {
        boolean key = path.startsWith(STORE_KEYS + "/");
        Set<String> known = saved.register().get(path);
        if (known == null && !key) {
          unknown.add(path);
          continue;
        }
        documents.add(copy(target, store, path, path, known, folder));
      }
      var copied = new java.util.HashSet<String>();
      documents.forEach(entry -> copied.add(entry.path().substring("documents/".length())));
      var missing = new java.util.TreeMap<String, Set<String>>();
      saved.register().forEach((path, known) -> {
        if (path != null && !copied.contains(path)) {
          missing.put(path, known);
        }
      });
      documents.addAll(moving(target, store, missing, unknown, documents, folder));
    }
    var keys = new ArrayList<Entry>();
    for (String key : KEYS) {
      if (Files.isRegularFile(target.dataDir().resolve(key))) {
        try (InputStream in = Files.newInputStream(target.dataDir().resolve(key))) {
          keys.add(copy(in, folder.resolve("keys").resolve(key), "keys/" + key));
        }
      }
    }
    Entry dump = entry(folder.resolve(saved.file()), saved.file());
    var manifest = new BackupManifest(BackupManifest.FORMAT, createdAt, target.postgres() ? "postgresql" : "h2",
        saved.schemaVersion(), saved.rows(), dump, documents, keys);
    manifest.write(folder);
    return manifest;
  }

  /** Copies the file at {@code from} into the backup as {@code path}, checked against the register's SHA-256s. */
  private static Entry copy(BackupTarget target, StoreFiles store, String from, String path, Set<String> known, Path folder)
      throws IOException, ConcurrentChangeException {
    Entry copied;
    try (InputStream in = store.open(from)) {
      copied = copy(in, folder.resolve("documents").resolve(path), "documents/" + path);
    } catch (NoSuchFileException moved) {
      throw new ConcurrentChangeException(from + " moved");
    }
    if (known != null && !known.contains(copied.sha256())) {
      if (target.postgres()) {
        throw new ConcurrentChangeException(from + " changed");
      }
      throw new IllegalStateException(from + " has SHA-256 " + copied.sha256() + ", not the register's " + known
          + ": the document store does not match the database.");
    }
    return copied;
  }

  /**
   * The documents the saved register names where the store holds no file: files on their way between two
   * paths. A move is made outside the database's transaction — before its commit (a publication: the file
   * is already at the path the register will name, the saved register still names the old one), or after it
   * (a replacement: the replaced version moves to the history once the register names it there) — and a
   * dump taken in between names a path the file is not at yet, or no longer. Its bytes are then at a path
   * the register does not know; found by their SHA-256 among those, they are backed up under the path the
   * register names. A document found nowhere is a change under way (PostgreSQL: the backup starts again)
   * or a store that lost it (refused, never a backup silently without it).
   */
  private static List<Entry> moving(BackupTarget target, StoreFiles store, Map<String, Set<String>> missing,
      List<String> unknown, List<Entry> copied, Path folder) throws IOException, ConcurrentChangeException {
    if (missing.isEmpty()) {
      return List.of();
    }
    var bySha = new java.util.HashMap<String, String>();
    // Also among the files copied: a register row written after the move it follows (a manifest's entry) names the same bytes.
    copied.forEach(entry -> bySha.putIfAbsent(entry.sha256(), entry.path().substring("documents/".length())));
    for (String path : unknown) {
      try (InputStream in = store.open(path)) {
        bySha.putIfAbsent(entry(in), path);
      } catch (NoSuchFileException moved) {
        // Moved meanwhile: where it went is listed again at the next attempt.
      }
    }
    var found = new ArrayList<Entry>();
    for (var document : missing.entrySet()) {
      String from = document.getValue().stream().map(bySha::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      if (from != null) {
        found.add(copy(target, store, from, document.getKey(), document.getValue(), folder));
      } else if (target.postgres()) {
        throw new ConcurrentChangeException(document.getKey() + " is not in the store yet");
      } else {
        throw new IllegalStateException("The register names " + document.getKey() + " (SHA-256 " + document.getValue()
            + "), which the document store does not hold: the document store does not match the database.");
      }
    }
    return found;
  }

  /** The SHA-256 of the bytes read. */
  private static String entry(InputStream from) throws IOException {
    MessageDigest sha256 = sha256();
    try (InputStream in = new DigestInputStream(from, sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** Copies bytes into a new file (owner-only), computing their SHA-256. */
  static Entry copy(InputStream from, Path to, String name) throws IOException {
    PrivateFiles.createDirectories(to.getParent());
    MessageDigest sha256 = sha256();
    long size;
    try (InputStream in = new DigestInputStream(from, sha256);
        OutputStream out = Files.newOutputStream(to, java.nio.file.StandardOpenOption.CREATE_NEW)) {
      PrivateFiles.set(to, PrivateFiles.FILE);
      size = in.transferTo(out);
    }
    return new Entry(name, size, HexFormat.of().formatHex(sha256.digest()));
  }

  static Entry entry(Path file, String name) throws IOException {
    MessageDigest sha256 = sha256();
    long size;
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      size = in.transferTo(OutputStream.nullOutputStream());
    }
    return new Entry(name, size, HexFormat.of().formatHex(sha256.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** A document changed between the dump and its copy. */
  private static final class ConcurrentChangeException extends Exception {
    ConcurrentChangeException(String message) {
      super(message);
    }
  }
}
