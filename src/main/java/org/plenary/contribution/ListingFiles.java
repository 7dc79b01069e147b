package org.plenary.contribution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.plenary.shared.PrivateFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Rendered listings, kept once per folder version: a small one as bytes, a large one (past {@link #SMALL})
 * as a file of this node's folder under {@code plenary.listings.cache-dir}, sent with sendfile, so that a
 * folder of 100,000 documents is neither kept on the heap nor copied through it at every request.
 *
 * <p>Each kept listing is found by a key (path, what was left out for the reader, language, format)
 * and carries the stamp it was rendered for (a digest of the entries it shows, and its zone): a kept listing of another
 * stamp is never answered, and is rendered again, once however many readers ask at the same moment.
 * A file is written beside its final name and moved there complete. The files are bounded by
 * {@code plenary.listings.cache-max-size} and ten minutes without a reader; a file replaced or dropped is
 * deleted a minute later, once a send that had already chosen it has opened it. Each node writes in a
 * folder of its own, locked while it runs: a start deletes the folders no running node holds.
 */
@Component
class ListingFiles {

  /** Listings up to this many bytes are kept on the heap: a file would cost more than it saves. */
  static final int SMALL = 64 * 1024;
  /** What the small listings may weigh together. */
  static final long MAX_SMALL_BYTES = 16L << 20;
  /** A kept listing nobody asked for in this long is dropped. */
  static final Duration IDLE = Duration.ofMinutes(10);
  /** How long a replaced file stays on disk: a send that chose it just before opens it well within this. */
  static final Duration GRACE = Duration.ofMinutes(1);
  private static final int STRIPES = 64;

  /** A rendering: its bytes when small, else its file; {@code length} bytes either way. */
  record Kept(long stamp, byte[] bytes, Path file, long length) {}

  /** What writes a listing. */
  @FunctionalInterface
  interface Render {
    void to(OutputStream out) throws IOException;
  }

  private record Retired(Path file, long at) {}

  private final Cache<String, Kept> small = Caffeine.newBuilder().maximumWeight(MAX_SMALL_BYTES)
      .weigher((String key, Kept kept) -> 64 + key.length() + kept.bytes().length).expireAfterAccess(IDLE).build();
  private final Cache<String, Kept> large;
  private final Queue<Retired> retired = new ConcurrentLinkedQueue<>();
  private final Object[] stripes = new Object[STRIPES];
  private final AtomicLong names = new AtomicLong();
  private final Path folder;
  private final FileChannel lockFile;
  private final FileLock lock;

  ListingFiles(@Value("${plenary.listings.cache-dir:${plenary.data-dir}/cache/listings}") Path root,
      @Value("${plenary.listings.cache-max-size:1GB}") DataSize maxSize) throws IOException {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    PrivateFiles.createDirectories(root);
    deleteAbandoned(root);
    folder = PrivateFiles.createTempDirectory(root, "node-");
    lockFile = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock = lockFile.lock();
    large = Caffeine.newBuilder().maximumWeight(maxSize.toBytes())
        .weigher((String key, Kept kept) -> (int) Math.min(Integer.MAX_VALUE, kept.length()))
        .expireAfterAccess(IDLE).scheduler(Scheduler.systemScheduler())
        .removalListener((String key, Kept kept, RemovalCause cause) -> retire(kept)).build();
  }

  /**
   * The listing kept under {@code key} for {@code stamp}, written by {@code render} when there is none
   * (or one of another stamp). Readers of the same key wait for one rendering rather than make their own.
   */
  Kept kept(String key, long stamp, Render render) throws IOException {
    Kept hit = find(key, stamp);
    if (hit != null) {
      return hit;
    }
    synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
      hit = find(key, stamp);
      if (hit != null) {
        return hit;
      }
      Kept made = write(stamp, render);
      if (made.file() == null) {
        small.put(key, made);
        large.invalidate(key);
      } else {
        large.put(key, made);
        small.invalidate(key);
      }
      return made;
    }
  }

  /**
   * {@code plain}, the listing kept under {@code key}, gzipped (at the fastest level: a folder of 100,000
   * documents shrinks about tenfold all the same), kept beside it for the same stamp.
   */
  Kept gzipped(String key, Kept plain) throws IOException {
    return kept(key + "|gzip", plain.stamp(), out -> {
      try (var gzip = new GZIPOutputStream(unclosed(out), 1 << 16) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      }) {
        if (plain.bytes() != null) {
          gzip.write(plain.bytes());
        } else {
          Files.copy(plain.file(), gzip);
        }
      }
    });
  }

  /**
   * {@code out} for a writer that closes what it writes to (a gzip stream, a JSON generator): its close
   * only flushes, since the kept file's stream is closed by its owner once the listing is whole.
   */
  static OutputStream unclosed(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** Whether the request accepts {@code gzip} (named, with a weight above zero; {@code *} is not taken for it). */
  static boolean gzipAccepted(HttpServletRequest request) {
    for (String value : Collections.list(request.getHeaders(HttpHeaders.ACCEPT_ENCODING))) {
      for (String coding : value.split(",")) {
        String[] parts = coding.split(";");
        if (parts[0].strip().equalsIgnoreCase("gzip")) {
          return parts.length == 1 || !parts[1].strip().matches("(?i)q=0(\\.0{0,3})?");
        }
      }
    }
    return false;
  }

  private Kept find(String key, long stamp) {
    Kept hit = small.getIfPresent(key);
    if (hit == null) {
      hit = large.getIfPresent(key);
    }
    return hit != null && hit.stamp() == stamp ? hit : null;
  }

  private Kept write(long stamp, Render render) throws IOException {
    deleteRetired();
    try (var out = new Spill()) {
      render.to(out);
      out.flush();
      if (out.file == null) {
        return new Kept(stamp, out.memory.toByteArray(), null, out.memory.size());
      }
      out.channel.close();
      Path done = folder.resolve("listing-" + names.incrementAndGet());
      Files.move(out.file, done, StandardCopyOption.ATOMIC_MOVE);
      out.file = null;
      return new Kept(stamp, null, done, out.count);
    }
  }

  private void retire(Kept kept) {
    if (kept != null && kept.file() != null) {
      retired.add(new Retired(kept.file(), System.nanoTime()));
    }
    deleteRetired();
  }

  private void deleteRetired() {
    long now = System.nanoTime();
    for (Retired oldest = retired.peek(); oldest != null && now - oldest.at() > GRACE.toNanos(); oldest = retired.peek()) {
      if (retired.remove(oldest)) {
        try {
          Files.deleteIfExists(oldest.file());
        } catch (IOException busy) {
          retired.add(new Retired(oldest.file(), now));
        }
      }
    }
  }

  /** The folders under {@code root} that no running node holds locked (left by a node that stopped). */
  private static void deleteAbandoned(Path root) throws IOException {
    try (Stream<Path> folders = Files.list(root)) {
      for (Path node : folders.filter(Files::isDirectory).toList()) {
        if (abandoned(node)) {
          deleteTree(node);
        }
      }
    }
  }

  private static boolean abandoned(Path node) {
    Path lockPath = node.resolve("lock");
    if (!Files.exists(lockPath)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return false;
      }
      held.release();
      return true;
    } catch (OverlappingFileLockException thisProcess) {
      return false;
    } catch (IOException unreadable) {
      return false;
    }
  }

  private static void deleteTree(Path node) throws IOException {
    try (Stream<Path> paths = Files.walk(node)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @PreDestroy
  void close() throws IOException {
    large.invalidateAll();
    lock.release();
    lockFile.close();
    deleteTree(folder);
  }

  /** Bytes in memory up to {@link #SMALL}, then in a file of this node's folder (with what came before). */
  private final class Spill extends OutputStream {
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private FileChannel channel;
    private OutputStream disk;
    private long count;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (disk == null && memory.size() + len > SMALL) {
        file = Files.createTempFile(folder, "rendering-", ".tmp", PrivateFiles.fileAttribute());
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        disk = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
        memory.writeTo(disk);
        memory = null;
      }
      if (disk != null) {
        disk.write(b, off, len);
      } else {
        memory.write(b, off, len);
      }
      count += len;
    }

    @Override
    public void flush() throws IOException {
      if (disk != null) {
        disk.flush();
      }
    }

    /** Deletes what a rendering that failed half-way wrote. */
    @Override
    public void close() {
      if (file != null) {
        try {
          if (channel != null) {
            channel.close();
          }
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
