package org.plenary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.plenary.shared.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The document store under {@code <data-dir>/documents} ({@code plenary.documents-dir}). Paths are relative, with forward slashes
 * ({@code t/fg/cloud/docs/incoming/FG-Cloud-I-0001.docx}); every one is checked to stay inside the
 * root. A write is complete (size and SHA-256 known) or absent: bytes go to a {@code .part} file
 * beside the target, which is linked into place only when every byte was written, so a killed
 * process never leaves a partial file where one is expected. With {@code plenary.documents.fsync}
 * the file is also forced to the disk first, so that it survives a power cut too. Files left as
 * {@code .part} by a crash are swept at start-up. Folders are created 0700 and files 0600 whatever
 * the umask ({@link PrivateFiles}); the tree is set so at every start. Moves that must follow a
 * database transaction are written to a journal first ({@link #journal}), so that the register's
 * owner can finish or undo them after a crash; files it does not know leave the store through
 * {@link #quarantine}.
 */
@Component
public class DocumentStore {

  private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);
  private static final String PART = ".part";
  /** Where uploads are written before the register takes them; see {@link #sweep()}. */
  public static final String STAGING = "staging";

  private static final String JOURNALS = ".journal";

  /** One move of a journal: the file went, or was about to go, from {@code from} to {@code to}. */
  public record Move(String from, String to) {}

  private final Path root;
  private final Path orphans;
  private final boolean fsync;
  private final boolean directIo;

  @org.springframework.beans.factory.annotation.Autowired
  DocumentStore(@Value("${plenary.documents-dir:${plenary.data-dir}/documents}") String documentsDir,
      @Value("${plenary.documents-reset-on-start:false}") boolean reset,
      @Value("${plenary.documents.fsync:false}") boolean fsync,
      @Value("${plenary.documents.direct-io:true}") boolean directIo,
      @Value("${plenary.documents.orphans-dir:${plenary.data-dir}/orphans}") String orphansDir) throws IOException {
    this.root = Path.of(documentsDir).toAbsolutePath().normalize();
    this.orphans = Path.of(orphansDir).toAbsolutePath().normalize()
        .resolve(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(java.time.LocalDateTime.now()));
    this.fsync = fsync;
    this.directIo = directIo;
    if (reset) {
      org.springframework.util.FileSystemUtils.deleteRecursively(root);
    }
    PrivateFiles.createDirectories(root);
    sweep();
  }

  DocumentStore(String documentsDir, boolean reset, boolean fsync, boolean directIo) throws IOException {
    this(documentsDir, reset, fsync, directIo, Path.of(documentsDir).resolveSibling("orphans").toString());
  }

  /**
   * Writes {@code bytes} to {@code path}, replacing nothing: the target must not exist. Throws
   * {@link TooLargeException} past {@code maxSize} bytes, leaving nothing behind.
   */
  public StoredFile write(String path, InputStream bytes, long maxSize) {
    try (Writer writer = create(path, maxSize)) {
      writer.writeAll(bytes);
      return writer.complete();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens a file to be written piece by piece (an FTP transfer arriving in network buffers). It
   * appears at {@code path} only when {@link Writer#complete()} succeeds; closing it before that
   * removes every byte written.
   */
  public Writer create(String path, long maxSize) {
    Path target = resolve(path);
    Path part = target.resolveSibling("." + UUID.randomUUID() + PART);
    try {
      PrivateFiles.createDirectories(target.getParent());
      FileChannel channel = FileChannel.open(part, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          StandardOpenOption.READ), PrivateFiles.fileAttribute());
      PrivateFiles.set(part, PrivateFiles.FILE);
      return new Writer(path, target, part, channel, maxSize, fsync, directIo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A file being written: complete, with size and SHA-256, or removed on {@link #close()}. Past
   * {@link #LARGE} bytes the rest goes to the disk with O_DIRECT where the file system allows
   * ({@link DirectWrites}, {@code plenary.documents.direct-io}), and is on the device when
   * {@link #complete()} returns; otherwise the SHA-256 is computed on another thread
   * ({@link DigestBehind}). Small files are forced to disk only with {@code plenary.documents.fsync}.
   */
  public static final class Writer implements AutoCloseable {
    /** From this size on, a file is large: written with O_DIRECT, or hashed behind the writer. */
    static final long LARGE = 8L << 20;
    private final String path;
    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private final long maxSize;
    private final MessageDigest sha256;
    private long size;
    private boolean completed;
    private final boolean sync;
    private final boolean directIo;
    private boolean large;
    private DirectWrites direct;
    private DigestBehind digestBehind;

    private Writer(String path, Path target, Path part, FileChannel channel, long maxSize, boolean sync,
        boolean directIo) {
      this.sync = sync;
      this.directIo = directIo;
      this.path = path;
      this.target = target;
      this.part = part;
      this.channel = channel;
      this.maxSize = maxSize;
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }

    /** Appends the buffer's remaining bytes; past the limit, throws {@link TooLargeException} and keeps nothing. */
    public void write(ByteBuffer bytes) throws IOException {
      if (size + bytes.remaining() > maxSize) {
        close();
        throw new TooLargeException(maxSize);
      }
      if (!large && size >= LARGE) {
        large = true;
        direct = directIo ? DirectWrites.continuing(part, channel, size).orElse(null) : null;
        if (direct == null) {
          digestBehind = new DigestBehind(part, sha256, size);
        }
      }
      size += bytes.remaining();
      ByteBuffer digested = bytes.duplicate();
      if (direct != null) {
        direct.write(bytes);
      } else {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
      if (digestBehind != null) {
        digestBehind.written(size);
      } else {
        sha256.update(digested);
      }
    }

    /** Appends everything the stream has, to its end. */
    public void writeAll(InputStream bytes) throws IOException {
      byte[] buffer = new byte[256 * 1024];
      for (int read; (read = bytes.read(buffer)) != -1; ) {
        write(ByteBuffer.wrap(buffer, 0, read));
      }
    }

    public long size() {
      return size;
    }

    /** Forces the bytes to disk and puts the file at its path in one step. */
    public StoredFile complete() throws IOException {
      if (digestBehind != null) {
        digestBehind.finish(size);
        digestBehind.close();
      }
      if (direct != null) {
        direct.finish(size);
        direct.close();
      } else if (sync) {
        channel.force(true);
      }
      channel.close();
      renameWithoutReplacing(part, target);
      completed = true;
      return new StoredFile(path, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** Abandons an incomplete file: nothing of it remains. */
    @Override
    public void close() {
      if (direct != null) {
        direct.close();
      }
      if (digestBehind != null) {
        digestBehind.close();
      }
      try {
        channel.close();
      } catch (IOException e) {
        log.warn("Could not close {}: {}", part, e.getMessage());
      }
      if (!completed) {
        deleteQuietly(part);
      }
    }
  }

  /**
   * Has the JIT compile SHA-256 while the server is idle after start-up. Until the optimizing
   * compiler has it (behind everything else the start queued), every upload is hashed several
   * times slower, and a burst of uploads soon after a start would pay for it.
   */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void warmUpHashing() {
    Thread warmUp = new Thread(() -> {
      try {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        ByteBuffer block = ByteBuffer.allocateDirect(256 * 1024);
        for (int i = 0; i < 1024; i++) {
          sha256.update(block.clear());
          if (i % 64 == 63) {
            sha256.digest();
            Thread.sleep(20);
          }
        }
      } catch (NoSuchAlgorithmException | InterruptedException e) {
        log.debug("SHA-256 warm-up stopped: {}", e.toString());
      }
    }, "store-hash-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
  }

  /** Moves a complete file to another path in one step (publication); the target must not exist. */
  public void move(String from, String to) {
    Path target = resolve(to);
    try {
      PrivateFiles.createDirectories(target.getParent());
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
    try {
      PrivateFiles.set(resolve(path), PrivateFiles.SEALED);
    } catch (IOException e) {
      log.warn("Could not make {} read-only: {}", path, e.getMessage());
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
   * upload whose transaction never committed. Sets every folder to 0700 and takes group and other
   * bits from every file (a store written before, or by hand, becomes private too).
   */
  public int sweep() throws IOException {
    int[] removed = {0};
    Path staging = root.resolve(STAGING);
    try (Stream<Path> files = Files.walk(root)) {
      files.forEach(file -> {
        if (file.getFileName().toString().endsWith(PART) || file.startsWith(staging) && Files.isRegularFile(file)) {
          deleteQuietly(file);
          removed[0]++;
          return;
        }
        try {
          PrivateFiles.restrict(file);
        } catch (IOException e) {
          log.warn("Could not make {} private: {}", file, e.getMessage());
        }
      });
    }
    if (removed[0] > 0) {
      log.warn("Removed {} incomplete upload(s) left by an interrupted write.", removed[0]);
    }
    return removed[0];
  }

  /**
   * Every file under these top folders of the store ({@code t}, {@code history}), as store paths;
   * files being written ({@code .part}) are not listed.
   */
  public java.util.List<String> files(String... folders) throws IOException {
    var found = new java.util.ArrayList<String>();
    for (String folder : folders) {
      Path top = resolve(folder);
      if (!Files.isDirectory(top)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(top)) {
        files.filter(file -> Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !file.getFileName().toString().endsWith(PART))
            .forEach(file -> found.add(root.relativize(file).toString().replace('\\', '/')));
      }
    }
    return found;
  }

  /**
   * Moves a file that no register knows out of the store, into the orphans folder of this start
   * ({@code plenary.documents.orphans-dir}/yyyyMMdd-HHmmss/path), where an operator can look at it;
   * returns where it went.
   */
  public Path quarantine(String path) {
    Path file = resolve(path);
    Path target = orphans.resolve(path);
    try {
      PrivateFiles.createDirectories(target.getParent());
      while (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        target = target.resolveSibling(target.getFileName() + "~");
      }
      Files.move(file, target);
      log.warn("Moved {}, a file the register does not know, to {}.", path, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Notes in the journal {@code id}, before it is done, that a file moves from {@code from} to
   * {@code to}: if the process dies before {@link #endJournal}, {@link #journals()} tells what to
   * finish or undo.
   */
  public void journal(String id, String from, String to) {
    Path journal = root.resolve(JOURNALS).resolve(id);
    resolve(from);
    resolve(to);
    try {
      PrivateFiles.createDirectories(journal.getParent());
      try (var channel = FileChannel.open(journal, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND), PrivateFiles.fileAttribute())) {
        channel.write(ByteBuffer.wrap((from + "\t" + to + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (fsync) {
          channel.force(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The moves of journal {@code id} are settled (committed, or undone): forgets it. */
  public void endJournal(String id) {
    deleteQuietly(root.resolve(JOURNALS).resolve(id));
  }

  /** The journals a stopped process left, each with its moves in the order they were made. */
  public java.util.Map<String, java.util.List<Move>> journals() throws IOException {
    var journals = new java.util.TreeMap<String, java.util.List<Move>>();
    Path folder = root.resolve(JOURNALS);
    if (!Files.isDirectory(folder)) {
      return journals;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        var moves = new java.util.ArrayList<Move>();
        for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
          String[] parts = line.split("\t");
          if (parts.length == 2) {
            moves.add(new Move(parts[0], parts[1]));
          }
        }
        journals.put(file.getFileName().toString(), moves);
      }
    }
    return journals;
  }

  private Path resolve(String path) {
    if (path == null || path.isEmpty() || path.contains("\\") || path.contains("\0") || path.contains("\n")
        || path.contains("\t")) {
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

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }
}
