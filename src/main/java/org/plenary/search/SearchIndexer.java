package org.plenary.search;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.RegisterChanges;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's index up to date on one background thread, so that uploads and publications
 * never wait for it: numbers the events name are queued; every few seconds the register's version
 * is compared with the last one seen and, when it moved (on any node), the numbers with an action
 * since the last look (less 30 s for transactions that committed late) are queued too. An
 * index missing at start-up is built from the register; {@link #rebuild()} does the same on demand.
 */
@Component
class SearchIndexer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
  private static final String CAUGHT_UP = "caught-up-to";
  /** What each index document holds; an index written with another layout is rebuilt at start. */
  private static final String LAYOUT = "layout";
  private static final String CURRENT_LAYOUT =
      "9: facets composed (8: words composed, NFKC unstemmed and NFC stemmed; 7: the number as a sort key; 6: body without offsets; 5: a hit's fields as one doc value; 4: state, date and stamp as doc values)";
  private static final Duration MARGIN = Duration.ofSeconds(30);
  private static final int BATCH = 100;
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  /**
   * How long queued numbers wait before they are indexed, so that a burst (thousands of numbers a
   * second, each batch its own event) is indexed in a few large batches, not in one small batch per
   * event; and how often, while numbers keep coming, what was indexed is made visible to searches.
   */
  private static final Duration GATHER = Duration.ofMillis(250);
  private static final long REFRESH_EVERY_MILLIS = 1_000;

  private final SearchIndex index;
  private final ContributionDesk desk;
  private final RegisterChanges changes;
  private final FileReading reading;
  private final Entries entries;
  private final Clock clock;
  private final Duration catchUpEvery;
  private final boolean enabled;
  private final Set<String> pending = new LinkedHashSet<>();
  /** Queued numbers that their allocation's event queued, once it committed (guarded by {@code pending}). */
  private final Set<String> allocated = new HashSet<>();
  /**
   * Numbers read and indexed after their allocation committed, with when, oldest first (the indexer's
   * thread only). The catch-up that meets their allocation in the register need not queue them again:
   * without this every new number was read from the register and compared with the index twice.
   * Dropped once the catch-up's window has passed them, and all of them when indexing failed.
   */
  private final LinkedHashMap<String, Instant> indexedAtAllocation = new LinkedHashMap<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private ScheduledExecutorService worker;
  private volatile boolean running;
  private volatile Instant caughtUpTo;
  private volatile Instant markWhenDrained;
  private volatile Instant lookedAt;
  private volatile long lastVersion = Long.MIN_VALUE;
  private volatile long lastCommit;
  /**
   * The actions the looks at the register found within the last look's window, ascending by id. The
   * register sends a look only the actions it has not seen (new ones, and ones that committed late):
   * during a burst the same 35 s of actions came back at every look, and were each read and compared again.
   */
  private volatile Seen seenActions = Seen.NONE;
  private volatile long indexed;
  /** Contributions read from the register to be indexed, since the start. */
  private volatile long read;

  SearchIndexer(SearchIndex index, ContributionDesk desk, RegisterChanges changes, MeetingCatalog meetings,
      GroupCatalog groups, DocumentStore store, ExtractionLimits limits, Clock clock,
      @Value("${plenary.search.catch-up:5s}") Duration catchUpEvery,
      @Value("${plenary.search.indexing:true}") boolean enabled) {
    this.enabled = enabled;
    this.index = index;
    this.desk = desk;
    this.changes = changes;
    this.clock = clock;
    this.catchUpEvery = catchUpEvery;
    this.reading = new FileReading(limits, index.scratch());
    this.entries = new Entries(meetings, groups, store, reading, limits.maxChars());
  }

  /** Queues numbers to be indexed again (their entries are made afresh, or removed if gone). */
  void enqueue(Collection<String> numbers) {
    synchronized (pending) {
      pending.addAll(numbers);
    }
    schedule();
  }

  /**
   * Queues numbers just allocated, once their allocation committed: one without a file yet is
   * indexed without looking in the index first (there is nothing there to compare with or to take
   * its text from; an entry the catch-up wrote meanwhile is replaced by the same).
   */
  void enqueueAllocated(Collection<String> numbers) {
    synchronized (pending) {
      pending.addAll(numbers);
      allocated.addAll(numbers);
    }
    schedule();
  }

  /**
   * Begins a new index beside the one searches read and queues every number of the register into
   * it; returns how many. Searches answer from the old index until the new one has caught up.
   */
  int rebuild() {
    if (!enabled) {
      throw new IllegalStateException("Indexing is off on this node (plenary.search.indexing=false)");
    }
    try {
      return worker.submit(this::rebuildNow).get();
    } catch (Exception e) {
      throw new IllegalStateException("The search index could not be rebuilt", e);
    }
  }

  private int rebuildNow() throws IOException {
    Instant started = clock.instant();
    synchronized (pending) {
      pending.clear();
      allocated.clear();
    }
    seenActions = Seen.NONE;
    indexedAtAllocation.clear();
    // Entries are compared with what the index being written holds: the new one holds nothing.
    index.beginRebuild();
    lastVersion = changes.version();
    List<String> numbers = changes.numbers();
    markWhenDrained = started;
    lookedAt = started;
    enqueue(numbers);
    log.info("Search index: building from the register, {} documents", numbers.size());
    return numbers.size();
  }

  /**
   * Documents in the index searches read, numbers waiting, and, while a rebuild runs, the documents
   * written so far into the index that will replace it.
   */
  record Status(int documents, int pending, Instant caughtUpTo, boolean rebuilding, int rebuilt) {}

  Status status() {
    synchronized (pending) {
      return new Status(index.size(), pending.size() + (draining.get() ? 1 : 0), caughtUpTo, index.rebuilding(),
          index.rebuilt());
    }
  }

  /** Contributions read from the register to be indexed since the start, and the register's version last looked at. */
  record Reads(long contributions, long version) {}

  Reads reads() {
    return new Reads(read, lastVersion);
  }

  /** Waits until nothing is queued (tests and the benchmark). */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (status().pending() == 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private void schedule() {
    if (running && enabled && draining.compareAndSet(false, true)) {
      worker.schedule(this::drain, GATHER.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void drain() {
    try {
      long refreshed = System.currentTimeMillis();
      while (running) {
        List<String> batch = next();
        if (batch.isEmpty()) {
          break;
        }
        // Entries are compared with the searcher's view, which may lag by up to a second: an entry
        // not yet visible is only written again, never lost.
        index(batch);
        if (System.currentTimeMillis() - refreshed > REFRESH_EVERY_MILLIS) {
          index.refresh();
          refreshed = System.currentTimeMillis();
        }
        if (System.currentTimeMillis() - lastCommit > 5_000) {
          commit(false);
        }
      }
      index.refresh();
      commit(true);
    } catch (IOException | RuntimeException e) {
      // What was queued by a look is not queued by the next one: forget what was seen, so it is; and
      // what was written since the last commit may be lost with the writer.
      seenActions = Seen.NONE;
      indexedAtAllocation.clear();
      log.error("Search index: indexing failed; the next catch-up tries again", e);
    } finally {
      draining.set(false);
      boolean more;
      synchronized (pending) {
        more = !pending.isEmpty();
      }
      if (more) {
        schedule();
      }
    }
  }

  private List<String> next() {
    synchronized (pending) {
      List<String> batch = new ArrayList<>(BATCH);
      var it = pending.iterator();
      while (it.hasNext() && batch.size() < BATCH) {
        batch.add(it.next());
        it.remove();
      }
      return batch;
    }
  }

  private void index(List<String> numbers) throws IOException {
    Set<String> fresh = new HashSet<>();
    synchronized (pending) {
      numbers.stream().filter(allocated::remove).forEach(fresh::add);
    }
    List<Contribution> found = desk.all(numbers);
    read += found.size();
    Set<String> gone = new HashSet<>(numbers);
    Set<String> done = new HashSet<>();
    Instant now = clock.instant();
    for (Contribution c : found) {
      gone.remove(c.number());
      boolean bare = fresh.contains(c.number()) && c.files().isEmpty();
      var entry = bare ? entries.of(c, Optional.empty(), () -> "")
          : entries.of(c, index.stored(c.number()), () -> index.body(c.number()));
      if (!running) {
        // Stopping: a file read may have been cut short. What is not done waits for the next start.
        synchronized (pending) {
          numbers.stream().filter(n -> !done.contains(n)).forEach(pending::add);
        }
        return;
      }
      if (entry.isPresent()) {
        entry.get().applyTo(index);
        indexed++;
      }
      if (fresh.contains(c.number())) {
        indexedAtAllocation.put(c.number(), now);
      }
      done.add(c.number());
    }
    for (String number : gone) {
      index.delete(number);
    }
  }

  private void commit(boolean drained) throws IOException {
    if (drained && markWhenDrained != null) {
      synchronized (pending) {
        if (pending.isEmpty()) {
          caughtUpTo = markWhenDrained;
        }
      }
    }
    if (drained && index.rebuilding()) {
      boolean complete;
      synchronized (pending) {
        complete = pending.isEmpty();
      }
      if (complete && running) {
        // The new index holds every number the register had when it began, and every change since.
        index.finishRebuild(Map.of(CAUGHT_UP, caughtUpTo.toString(), LAYOUT, CURRENT_LAYOUT));
        lastCommit = System.currentTimeMillis();
        return;
      }
    }
    if (caughtUpTo != null) {
      index.commit(Map.of(CAUGHT_UP, caughtUpTo.toString(), LAYOUT, CURRENT_LAYOUT));
    }
    lastCommit = System.currentTimeMillis();
  }

  private boolean idle() {
    synchronized (pending) {
      return pending.isEmpty() && !draining.get();
    }
  }

  /** Queues what changed in the register since the last look, when its version moved. */
  private void catchUp() {
    try {
      long version = changes.version();
      if (version == lastVersion) {
        return;
      }
      Instant started = clock.instant();
      // From the last look on this node; after a start, from what the index had caught up to.
      Instant from = lookedAt != null ? lookedAt : caughtUpTo;
      Instant since = from == null ? Instant.EPOCH : from.minus(MARGIN);
      Seen seen = seenActions.since(since);
      List<RegisterChanges.Action> actions = changes.changedSince(since, seen.ids());
      Set<String> numbers = new LinkedHashSet<>();
      for (RegisterChanges.Action action : actions) {
        boolean indexedSince = action.allocation() && indexedAtAllocation.remove(action.number()) != null;
        if (!indexedSince) {
          numbers.add(action.number());
        }
      }
      // Later looks start after `since`: an allocation indexed before it, not met yet, was met by an earlier look.
      indexedAtAllocation.values().removeIf(at -> at.isBefore(since));
      seenActions = seen.with(actions);
      lookedAt = started;
      markWhenDrained = started;
      if (numbers.isEmpty() && idle()) {
        caughtUpTo = started;
      } else {
        enqueue(numbers);
      }
      // Last, so that whoever sees this version seen also sees what the look queued (tests).
      lastVersion = version;
    } catch (RuntimeException e) {
      log.warn("Search index: catching up with the register failed; trying again in {}", catchUpEvery, e);
    }
  }

  @Override
  public void start() {
    if (!enabled) {
      log.warn("Search index: indexing is off (plenary.search.indexing=false); searches answer from the index as it is");
      running = true;
      return;
    }
    try {
      if (index.reopenIfBroken()) {
        // What was written after the last commit is gone: catch up from the committed mark.
        lookedAt = null;
        lastVersion = Long.MIN_VALUE;
        log.warn("Search index: reopened after a failure; catching up from its last commit");
      }
    } catch (IOException e) {
      log.error("Search index: could not reopen the index; searches answer from the index as it was", e);
    }
    worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "search-indexer");
      t.setDaemon(true);
      return t;
    });
    running = true;
    worker.execute(() -> {
      try {
        Map<String, String> data = index.committed();
        String committed = data.get(CAUGHT_UP);
        if (index.created() || index.interruptedRebuild() || index.rebuilding() || committed == null
            || !CURRENT_LAYOUT.equals(data.get(LAYOUT))) {
          rebuildNow();
        } else {
          caughtUpTo = Instant.parse(committed);
          catchUp();
        }
      } catch (IOException | RuntimeException e) {
        log.error("Search index: could not start indexing", e);
      }
    });
    // Numbers a stop left queued (a restart in the same process) are indexed without waiting for a change.
    schedule();
    long every = catchUpEvery.toMillis();
    worker.scheduleWithFixedDelay(this::catchUp, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Lets the batch being written finish and commits it. The indexer's thread is never interrupted
   * while it writes: an interrupt closes the index's file channels and, with them, the writer. The
   * file being read is abandoned at once (its number stays queued).
   */
  @Override
  public void stop() {
    running = false;
    if (worker == null) {
      return;
    }
    worker.shutdown();
    reading.close();
    try {
      if (!worker.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("Search index: indexing did not stop within {}; interrupting it", STOP_WAIT);
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Ids of actions seen, ascending, each with when it happened (epoch milliseconds). */
  record Seen(long[] ids, long[] at) {

    static final Seen NONE = new Seen(new long[0], new long[0]);

    /** Those that happened at or after {@code since}: a look asks for no earlier ones. */
    Seen since(Instant since) {
      long from = since.toEpochMilli();
      int kept = 0;
      for (long t : at) {
        kept += t >= from ? 1 : 0;
      }
      if (kept == ids.length) {
        return this;
      }
      var keptIds = new long[kept];
      var keptAt = new long[kept];
      for (int i = 0, k = 0; i < ids.length; i++) {
        if (at[i] >= from) {
          keptIds[k] = ids[i];
          keptAt[k++] = at[i];
        }
      }
      return new Seen(keptIds, keptAt);
    }

    /** These and {@code more} (ascending by id, none of them among these). */
    Seen with(List<RegisterChanges.Action> more) {
      if (more.isEmpty()) {
        return this;
      }
      int n = ids.length + more.size();
      var mergedIds = new long[n];
      var mergedAt = new long[n];
      for (int i = 0, j = 0, k = 0; k < n; k++) {
        if (j == more.size() || (i < ids.length && ids[i] < more.get(j).id())) {
          mergedIds[k] = ids[i];
          mergedAt[k] = at[i++];
        } else {
          mergedIds[k] = more.get(j).id();
          mergedAt[k] = more.get(j++).at().toEpochMilli();
        }
      }
      return new Seen(mergedIds, mergedAt);
    }
  }
}
