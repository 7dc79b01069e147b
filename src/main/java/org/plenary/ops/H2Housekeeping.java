package org.plenary.ops;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Does for the embedded H2 file database the housekeeping that {@code WRITE_DELAY=0} switches off.
 *
 * <p>{@code WRITE_DELAY=0} makes H2 write every commit at once (a killed process loses nothing
 * acknowledged), but H2 2.4 maps it to {@code MVStore.setAutoCommitDelay(0)}, which also means no
 * background writer thread, and that thread is H2's only caller of {@code FileStore.doHousekeeping}:
 * rewriting chunks that are mostly dead and moving chunks together when the file is fragmented. Without
 * it the file grows and every chunk that is still partly live keeps its metadata on the heap.
 *
 * <p>Every {@code plenary.h2.housekeeping-interval} one daemon thread does what that background thread
 * does each round: {@code MVStore.tryCommit()} (returns at once when a commit is in progress), then
 * {@code doHousekeeping}, then marks the file's operation count so H2's own idle detection works. H2 has
 * no public method with the same choices (its fill rates of rewritable chunks and its fragmentation test
 * are not public), so {@code doHousekeeping} is called reflectively; its work takes H2's store lock only
 * with {@code tryLock(10 ms)}, so commits never wait long for it. Commits are still written by the
 * committing thread, at once. Off for PostgreSQL and in-memory H2; stopped before the datasource closes.
 * If H2 changes so that the method cannot be called, or it fails, that is logged once and housekeeping stops.
 *
 * <p>Each round ends by forcing the file to disk ({@code MVStore.sync()}), so that H2 may reuse the space of a
 * dead chunk after {@code plenary.h2.retention-time} instead of its default 45 s (which assumes the operating
 * system writes its buffers out within that time). Every commit writes a chunk, and H2 keeps every chunk younger
 * than the retention time whatever it holds: under a steady load the file holds commits a second times that
 * time, and the chunk metadata each commit rewrites grows with their number, so that more is written at each
 * commit and the file grows on. The retention time is at least twice the interval, so a chunk's space is reused
 * only after a round has forced what was written since to disk.
 */
@Component
class H2Housekeeping implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

  private final DataSource dataSource;
  private final Duration interval;
  private final Duration retention;
  private volatile ScheduledExecutorService worker;
  /** The database's store, found once through a connection (not one borrowed from the pool every round). */
  private volatile MVStore store;
  private volatile boolean failed;
  /** The store whose retention time this set (a store opened again has H2's own until the next round). */
  private MVStore shortened;

  H2Housekeeping(DataSource dataSource, @Value("${plenary.h2.housekeeping-interval:2s}") Duration interval,
      @Value("${plenary.h2.retention-time:10s}") Duration retention) {
    if (interval.isPositive() && retention.compareTo(interval.multipliedBy(2)) < 0 || retention.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("plenary.h2.retention-time (" + retention + ") must be at least twice"
          + " plenary.h2.housekeeping-interval (" + interval + ") and at most " + Integer.MAX_VALUE + " ms: H2 may reuse"
          + " a chunk's space only once housekeeping has forced to disk what replaced it");
    }
    this.dataSource = dataSource;
    this.interval = interval;
    this.retention = retention;
  }

  @Override
  public synchronized void start() {
    if (worker != null || interval.isZero() || interval.isNegative() || (store = fileStore(true)) == null) {
      return;
    }

    if (Reflective.failure != null) {
      log.warn("H2 housekeeping is off: this H2 version has no {} ({}); the database file is not compacted while running",
          "FileStore.doHousekeeping(MVStore)", Reflective.failure.toString());
      return;
    }
    worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "h2-housekeeping");
      t.setDaemon(true);
      return t;
    });
    long every = interval.toMillis();
    worker.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService running = worker;
    worker = null;
    if (running == null) {
      return;
    }
    running.shutdown();
    try {
      // A round holds H2's store lock at most for one bounded rewrite; wait for it so the store closes after.
      if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("H2 housekeeping: a round still runs after 30 s; the database closes anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  /**
   * H2's figures of the store this looks after (those of {@code INFORMATION_SCHEMA.SETTINGS}, e.g.
   * {@code info.FILE_SIZE}), or none (no embedded file database, housekeeping off, or the store closed).
   */
  java.util.Map<String, String> figures() {
    MVStore current = store;
    var figures = new java.util.HashMap<String, String>();
    if (current != null && !current.isClosed()) {
      current.populateInfo(figures::put);
    }
    return figures;
  }

  /** One round of H2's background housekeeping; false when there is nothing to do it on or it stopped. */
  boolean runOnce() {
    if (failed) {
      return false;
    }
    MVStore current = store;
    if (current == null || current.isClosed()) {
      if (worker == null) {
        return false; // not started: no embedded file database to look after
      }
      // No connection at the last look, or the database was closed and opened again: look again.
      current = store = fileStore(false);
      if (current == null) {
        return false;
      }
    }
    try {
      if (current != shortened) {
        shortenRetention(current);
        shortened = current;
      }
      FileStore<?> file = current.getFileStore();
      current.tryCommit();
      Reflective.doHousekeeping.invoke(file, current);
      // As H2's background thread: fewer than 10 reads or writes until the next round count as idle.
      Reflective.lastFileOpCount.setLong(file, file.getWriteCount() + file.getReadCount() + 10);
      // On disk before the next round: what a chunk H2 frees after the retention time was replaced by.
      current.sync();
      return true;
    } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
      failed = true;
      Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
      log.warn("H2 housekeeping stopped after an error; the database file is no longer compacted while running", cause);
      ScheduledExecutorService running = worker;
      if (running != null) {
        running.shutdown();
      }
      return false;
    }
  }

  /** Lets H2 reuse dead chunks' space after the retention time, once everything written so far is on disk. */
  private void shortenRetention(MVStore current) {
    current.sync();
    current.setRetentionTime((int) retention.toMillis());
  }

  /** The store of the embedded H2 file database behind the data source, or null (none, or no connection now). */
  private MVStore fileStore(boolean atStart) {
    try (Connection connection = dataSource.getConnection()) {
      return fileStore(connection);
    } catch (SQLException e) {
      if (atStart) {
        log.warn("H2 housekeeping is off: no connection to look at the database ({})", e.toString());
      } else {
        // The database is down or the pool is full: the next round looks again; requests report it.
        log.debug("H2 housekeeping skipped a round: {}", e.toString());
      }
      return null;
    }
  }

  /** The MVStore of an embedded H2 file database, or null (PostgreSQL, H2 over TCP, in-memory H2). */
  private static MVStore fileStore(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return null;
    }
    var database = session.getDatabase();
    if (!database.isPersistent() || database.getStore() == null) {
      return null;
    }
    MVStore mvStore = database.getStore().getMvStore();
    return mvStore.getFileStore() == null || mvStore.getFileStore().isReadOnly() ? null : mvStore;
  }

  /** H2's housekeeping method and the operation count its idle test reads, found once. */
  private static final class Reflective {

    static final Method doHousekeeping;
    static final Field lastFileOpCount;
    static final Exception failure;

    static {
      Method method = null;
      Field field = null;
      Exception missing = null;
      try {
        method = FileStore.class.getDeclaredMethod("doHousekeeping", MVStore.class);
        method.setAccessible(true);
        field = FileStore.class.getDeclaredField("autoCompactLastFileOpCount");
        field.setAccessible(true);
        if (field.getType() != long.class) {
          throw new NoSuchFieldException("autoCompactLastFileOpCount is a " + field.getType() + ", not a long");
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        missing = e;
      }
      doHousekeeping = method;
      lastFileOpCount = field;
      failure = missing;
    }
  }
}
