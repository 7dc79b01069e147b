package org.plenary.contribution;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The register's version as this process knows it, for a database that no other process writes:
 * the embedded H2 file database (H2 locks the file to one process). Every change of the register
 * then commits through this process's {@link Contributions}, which calls {@link #changed()} once each
 * such transaction has ended; a version read is kept until the next such call, so a download asks
 * the database nothing while the register does not change, and a request that starts after a change
 * has ended always reads again (it cannot be answered from a read older than that change).
 */
final class KnownVersion {

  /** A version read, and how many changes had ended before the read began. */
  private record Known(long changes, long version) {}

  private final AtomicLong changes = new AtomicLong();
  private final LongSupplier read;
  private volatile Known known;

  KnownVersion(LongSupplier read) {
    this.read = read;
  }

  /**
   * Whether only this process writes the database at {@code url}: an embedded H2 file database.
   * Not an in-memory one (tests open one from two application contexts, as two nodes), nor one
   * served to other processes (server mode, {@code AUTO_SERVER} set to anything H2 reads as true:
   * {@code TRUE}, {@code 1}, {@code yes}…), nor one whose file other processes may open too
   * ({@code FILE_LOCK=NO}), nor any other database. Settings are read as H2 reads them: by name
   * whatever the case, each after a {@code ;}.
   */
  static boolean appliesTo(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:")) {
      return false;
    }
    String[] parts = lower.substring("jdbc:h2:".length()).split(";");
    String rest = parts[0].strip();
    if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      String name = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).strip();
      String value = equals < 0 ? "" : parts[i].substring(equals + 1).strip();
      boolean off = value.equals("false") || value.equals("0") || value.equals("f") || value.equals("n")
          || value.equals("no");
      if (name.equals("auto_server") && !off || name.equals("file_lock") && value.equals("no")) {
        return false;
      }
    }
    return true;
  }

  long get() {
    long ended = changes.get();
    Known last = known;
    if (last != null && last.changes() == ended) {
      return last.version();
    }
    long version = read.getAsLong();
    known = new Known(ended, version);
    return version;
  }

  /** A transaction that changed (or may have changed) the version has ended: the next request reads again. */
  void changed() {
    changes.incrementAndGet();
  }
}
