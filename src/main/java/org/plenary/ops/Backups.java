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
import java.util.Set;
import java.util.stream.Stream;
import org.plenary.ops.BackupManifest.Entry;
import org.plenary.shared.PrivateFiles;

/**
 * A backup: the database dump first, then every document the saved register knows, copied with its
 * SHA-256 checked against the register's; files written after the dump are left out (the restored
 * register would not know them). On PostgreSQL the server may keep running: a document changed or
 * moved between the dump and its copy (a publication) makes the backup start again, three times at
 * most. The manifest is written last, so a folder without one is no backup.
 */
final class Backups {

  /** Top folders of the file-system store that hold documents the register names. */
  static final List<String> DOCUMENT_FOLDERS = List.of("t", "history");
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
    for (String path : documentPaths(target.documents())) {
      Set<String> known = saved.register().get(path);
      if (known == null) {
        continue;
      }
      Entry copied;
      try {
        copied = copy(target.documents().resolve(path), folder.resolve("documents").resolve(path), "documents/" + path);
      } catch (NoSuchFileException moved) {
        throw new ConcurrentChangeException(path + " moved");
      }
      if (!known.contains(copied.sha256())) {
        if (target.postgres()) {
          throw new ConcurrentChangeException(path + " changed");
        }
        throw new IllegalStateException(path + " has SHA-256 " + copied.sha256() + ", not the register's " + known
            + ": the document store does not match the database.");
      }
      documents.add(copied);
    }
    var keys = new ArrayList<Entry>();
    for (String key : KEYS) {
      if (Files.isRegularFile(target.dataDir().resolve(key))) {
        keys.add(copy(target.dataDir().resolve(key), folder.resolve("keys").resolve(key), "keys/" + key));
      }
    }
    Entry dump = entry(folder.resolve(saved.file()), saved.file());
    var manifest = new BackupManifest(BackupManifest.FORMAT, createdAt, target.postgres() ? "postgresql" : "h2",
        saved.schemaVersion(), saved.rows(), dump, documents, keys);
    manifest.write(folder);
    return manifest;
  }

  /** Store paths of every complete document under the store's document folders, in name order. */
  static List<String> documentPaths(Path root) throws IOException {
    var paths = new ArrayList<String>();
    for (String top : DOCUMENT_FOLDERS) {
      if (!Files.isDirectory(root.resolve(top))) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root.resolve(top))) {
        files.filter(file -> Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !file.getFileName().toString().endsWith(".part"))
            .forEach(file -> paths.add(root.relativize(file).toString().replace('\\', '/')));
      }
    }
    paths.sort(null);
    return paths;
  }

  /** Copies a file (owner-only), computing its SHA-256 from the bytes read. */
  static Entry copy(Path from, Path to, String name) throws IOException {
    PrivateFiles.createDirectories(to.getParent());
    MessageDigest sha256 = sha256();
    long size;
    try (InputStream in = new DigestInputStream(Files.newInputStream(from), sha256);
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
