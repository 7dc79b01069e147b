package org.plenary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The document store under {@code <data-dir>/documents} ({@code plenary.documents-dir}). Paths are relative, with forward slashes
 * ({@code t/fg/cloud/docs/incoming/FG-Cloud-I-0001.docx}); every one is checked to stay inside the
 * root. A write is complete (size and SHA-256 known, bytes on disk) or absent: bytes go to a
 * {@code .part} file beside the target, which is forced to disk and renamed into place. Files
 * left as {@code .part} by a crash are swept at start-up.
 */
@Component
public class DocumentStore {

  private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);
  private static final String PART = ".part";
  /** Where uploads are written before the register takes them; see {@link #sweep()}. */
  public static final String STAGING = "staging";

  private final Path root;

  DocumentStore(@Value("${plenary.documents-dir:${plenary.data-dir}/documents}") String documentsDir,
      @Value("${plenary.documents-reset-on-start:false}") boolean reset) throws IOException {
    this.root = Path.of(documentsDir).toAbsolutePath().normalize();
    if (reset) {
      org.springframework.util.FileSystemUtils.deleteRecursively(root);
    }
    Files.createDirectories(root);
    sweep();
  }

  /**
   * Writes {@code bytes} to {@code path}, replacing nothing: the target must not exist. Throws
   * {@link TooLargeException} past {@code maxSize} bytes, leaving nothing behind.
   */
  public StoredFile write(String path, InputStream bytes, long maxSize) {
    Path target = resolve(path);
    Path part = target.resolveSibling("." + UUID.randomUUID() + PART);
    try {
      Files.createDirectories(target.getParent());
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long size;
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel), sha256)) {
        size = copy(bytes, out, maxSize);
        out.flush();
        channel.force(true);
      }
      renameWithoutReplacing(part, target);
      return new StoredFile(path, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException e) {
      deleteQuietly(part);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      deleteQuietly(part);
      throw e;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves a complete file to another path in one step (publication); the target must not exist. */
  public void move(String from, String to) {
    Path target = resolve(to);
    try {
      Files.createDirectories(target.getParent());
      renameWithoutReplacing(resolve(from), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void delete(String path) {
    deleteQuietly(resolve(path));
  }

  /** Makes a published file read-only on disk: published documents never change. */
  public void seal(String path) {
    if (!resolve(path).toFile().setReadOnly()) {
      log.warn("Could not make {} read-only.", path);
    }
  }

  /** The file on disk, for sending; it exists for every path a {@link StoredFile} named. */
  public Path file(String path) {
    return resolve(path);
  }

  public boolean exists(String path) {
    return Files.isRegularFile(resolve(path));
  }

  /**
   * Removes what a crash left unacknowledged: every {@code .part} file, and files staged for an
   * upload whose transaction never committed.
   */
  public int sweep() throws IOException {
    int[] removed = {0};
    Path staging = root.resolve(STAGING);
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(file -> file.getFileName().toString().endsWith(PART)
          || file.startsWith(staging) && Files.isRegularFile(file)).forEach(file -> {
        deleteQuietly(file);
        removed[0]++;
      });
    }
    if (removed[0] > 0) {
      log.warn("Removed {} incomplete upload(s) left by an interrupted write.", removed[0]);
    }
    return removed[0];
  }

  private Path resolve(String path) {
    if (path == null || path.isEmpty() || path.contains("\\") || path.contains("\0")) {
      throw new IllegalArgumentException("Not a store path: " + path);
    }
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root) || resolved.equals(root)) {
      throw new IllegalArgumentException("Outside the store: " + path);
    }
    return resolved;
  }

  /**
   * Puts {@code from} at {@code to} in one step, failing if {@code to} exists: a hard link appears
   * atomically with the complete content and never replaces a file (rename would, on POSIX).
   */
  private static void renameWithoutReplacing(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException noHardLinks) {
      if (noHardLinks instanceof java.nio.file.FileAlreadyExistsException exists) {
        throw exists;
      }
      Files.move(from, to);
      return;
    }
    Files.delete(from);
  }

  private static long copy(InputStream in, OutputStream out, long maxSize) throws IOException {
    byte[] buffer = new byte[256 * 1024];
    long total = 0;
    for (int read; (read = in.read(buffer)) != -1; ) {
      total += read;
      if (total > maxSize) {
        throw new TooLargeException(maxSize);
      }
      out.write(buffer, 0, read);
    }
    return total;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }
}
