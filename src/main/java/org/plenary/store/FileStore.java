package org.plenary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenary.shared.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The document store under {@code <data-dir>/documents} ({@code plenary.documents-dir}), the default
 * ({@code plenary.documents.store=fs}). Every path is checked to stay inside the root. Bytes go to a
 * {@code .part} file beside the target ({@link PartFile}), which is linked into place only when every
 * byte was written, so a killed process never leaves a partial file where one is expected; a hard
 * link never replaces a file. Files left as {@code .part} by a crash are swept at start-up. Folders
 * are created 0700 and files 0600 whatever the umask ({@link PrivateFiles}). Moves that must follow a
 * database transaction are journalled first ({@link FileJournals}); files no register knows leave
 * the store through {@link #quarantine} into {@code plenary.documents.orphans-dir}.
 */
@Component("documentStore")
@ConditionalOnProperty(name = "plenary.documents.store", havingValue = "fs", matchIfMissing = true)
public class FileStore implements DocumentStore {

  private static final Logger log = LoggerFactory.getLogger(FileStore.class);
  private static final String PART = ".part";

  private final Path root;
  private final Path orphans;
  private final boolean fsync;
  private final boolean directIo;
  private final FileJournals journals;

  @Autowired
  FileStore(@Value("${plenary.documents-dir:${plenary.data-dir}/documents}") String documentsDir,
      @Value("${plenary.documents-reset-on-start:false}") boolean reset,
      @Value("${plenary.documents.fsync:false}") boolean fsync,
      @Value("${plenary.documents.direct-io:true}") boolean directIo,
      @Value("${plenary.documents.orphans-dir:${plenary.data-dir}/orphans}") String orphansDir) throws IOException {
    this.root = Path.of(documentsDir).toAbsolutePath().normalize();
    this.orphans = Path.of(orphansDir).toAbsolutePath().normalize()
        .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));
    this.fsync = fsync;
    this.directIo = directIo;
    this.journals = new FileJournals(root.resolve(".journal"), fsync);
    if (reset) {
      FileSystemUtils.deleteRecursively(root);
    }
    PrivateFiles.createDirectories(root);
    sweep();
  }

  FileStore(String documentsDir, boolean reset, boolean fsync, boolean directIo) throws IOException {
    this(documentsDir, reset, fsync, directIo, Path.of(documentsDir).resolveSibling("orphans").toString());
  }

  @Override
  public Writer create(String path, long maxSize) {
    Path target = resolve(path);
    Path part = target.resolveSibling("." + UUID.randomUUID() + PART);
    try {
      PrivateFiles.createDirectories(target.getParent());
      FileChannel channel = FileChannel.open(part, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          StandardOpenOption.READ), PrivateFiles.fileAttribute());
      PrivateFiles.set(part, PrivateFiles.FILE);
      return new PartFile(path, target, part, channel, maxSize, fsync, directIo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void move(String from, String to) {
    Path target = resolve(to);
    try {
      PrivateFiles.createDirectories(target.getParent());
      renameWithoutReplacing(resolve(from), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String path) {
    deleteQuietly(resolve(path));
  }

  /** Makes a published file read-only on disk. */
  @Override
  public void seal(String path) {
    try {
      PrivateFiles.set(resolve(path), PrivateFiles.SEALED);
    } catch (IOException e) {
      log.warn("Could not make {} read-only: {}", path, e.getMessage());
    }
  }

  @Override
  public boolean exists(String path) {
    return Files.isRegularFile(resolve(path));
  }

  @Override
  public InputStream open(String path, long from, long to) throws IOException {
    FileChannel channel = FileChannel.open(resolve(path), StandardOpenOption.READ);
    return new java.io.BufferedInputStream(new BoundedInput(Channels.newInputStream(channel.position(from)), to - from),
        256 * 1024);
  }

  @Override
  public Optional<Path> local(String path) {
    return Optional.of(resolve(path));
  }

  /**
   * Also sets every folder to 0700 and takes group and other bits from every file (a store written
   * before, or by hand, becomes private too).
   */
  @Override
  public int sweep() throws IOException {
    return FileTree.sweep(root, root.resolve(STAGING), PART);
  }

  @Override
  public List<String> files(String... folders) throws IOException {
    var found = new ArrayList<String>();
    for (String folder : folders) {
      found.addAll(FileTree.files(root, resolve(folder), PART));
    }
    return found;
  }

  /** Into the orphans folder of this start ({@code plenary.documents.orphans-dir}/yyyyMMdd-HHmmss/path). */
  @Override
  public String quarantine(String path) {
    Path file = resolve(path);
    Path target = orphans.resolve(path);
    try {
      PrivateFiles.createDirectories(target.getParent());
      while (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        target = target.resolveSibling(target.getFileName() + "~");
      }
      Files.move(file, target);
      log.warn("Moved {}, a file the register does not know, to {}.", path, target);
      return target.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void journal(String id, String from, String to) {
    resolve(from);
    resolve(to);
    journals.append(id, from, to);
  }

  @Override
  public void endJournal(String id) {
    journals.end(id);
  }

  @Override
  public Map<String, List<Move>> journals() throws IOException {
    return journals.all();
  }

  @Override
  public Optional<String> problem() {
    return Files.isDirectory(root) && Files.isWritable(root) ? Optional.empty()
        : Optional.of("The document folder " + root + " is not a writable folder.");
  }

  private Path resolve(String path) {
    StorePaths.check(path);
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
  static void renameWithoutReplacing(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
      if (noHardLinks instanceof FileAlreadyExistsException exists) {
        throw exists;
      }
      Files.move(from, to);
      return;
    }
    Files.delete(from);
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }
}
