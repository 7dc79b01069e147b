package org.plenary.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small read-through cache for reference data that changes rarely (groups, meetings, tokens). Writes
 * on this node clear it at once; a change made by another node sharing the database is seen within
 * {@code ttl}: a value is never given once it is {@code ttl} old (measured on {@code clock}). Past
 * {@code maxEntries} the least used are dropped, and expired entries do not pile up until the cache is full.
 *
 * <p>A key in use does not expire under its readers' feet: once its value is three quarters of {@code ttl}
 * old, the first reader starts loading it again in the background and every reader meanwhile gets the
 * value kept. When a value must be loaded (the first time, after a clear, or after {@code ttl} without a
 * reader), one reader loads it and the others asking for the same key wait for that load. Before, every
 * reader of an expired key loaded it itself: eight concurrent searches each read the same meetings from
 * the database every 5 s, on the path of the request.
 */
public final class TtlCache<K, V> {

  /** A value, when its load started, and the clearing it was loaded after. */
  private record Entry<V>(V value, long loadedAt, long generation) {}

  private record Loading<K>(K key, long generation) {}

  private final Cache<K, Entry<V>> entries;
  private final Clock clock;
  private final long ttlMillis;
  private final long refreshMillis;
  private final Executor refresher;
  /** How many times the cache was cleared: a load that started before a clearing is never given after it. */
  private final AtomicLong generation = new AtomicLong();
  /** The loads running, by key and generation: a reader after a clearing never waits for a load begun before it. */
  private final ConcurrentHashMap<Loading<K>, CompletableFuture<Entry<V>>> loading = new ConcurrentHashMap<>();
  private final Set<K> refreshing = ConcurrentHashMap.newKeySet();

  public TtlCache(Duration ttl, int maxEntries, Clock clock) {
    this(ttl, maxEntries, clock, task -> Thread.ofVirtual().name("cache-refresh").start(task));
  }

  TtlCache(Duration ttl, int maxEntries, Clock clock, Executor refresher) {
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
    this.refreshMillis = ttlMillis - ttlMillis / 4;
    this.refresher = refresher;
    this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries)
        .ticker(() -> clock.millis() * 1_000_000L).executor(Runnable::run).build();
  }

  /** The value kept for {@code key}, or the one {@code load} gives (never null), kept from now on. */
  public V get(K key, Supplier<V> load) {
    Entry<V> hit = entries.getIfPresent(key);
    long now = clock.millis();
    if (hit != null && hit.generation() == generation.get() && now - hit.loadedAt() < ttlMillis) {
      if (now - hit.loadedAt() >= refreshMillis && refreshing.add(key)) {
        refreshInBackground(key, load);
      }
      return hit.value();
    }
    return loadOnce(key, load).value();
  }

  private void refreshInBackground(K key, Supplier<V> load) {
    try {
      refresher.execute(() -> {
        try {
          loadOnce(key, load);
        } catch (RuntimeException e) {
          // The reader that next finds the value expired loads it and sees the failure.
        } finally {
          refreshing.remove(key);
        }
      });
    } catch (RuntimeException rejected) {
      refreshing.remove(key);
    }
  }

  /** Loads the key, or waits for the load of it already running. */
  private Entry<V> loadOnce(K key, Supplier<V> load) {
    Loading<K> loadingKey = new Loading<>(key, generation.get());
    CompletableFuture<Entry<V>> mine = new CompletableFuture<>();
    CompletableFuture<Entry<V>> running = loading.putIfAbsent(loadingKey, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    try {
      long startedAt = clock.millis(); // the value's age counts from before the read
      Entry<V> loaded = new Entry<>(load.get(), startedAt, loadingKey.generation());
      // A load that started earlier and ended later does not replace this one.
      entries.asMap().merge(key, loaded, (kept, fresh) -> kept.generation() > fresh.generation()
          || kept.generation() == fresh.generation() && kept.loadedAt() > fresh.loadedAt() ? kept : fresh);
      mine.complete(loaded);
      return loaded;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(loadingKey, mine);
    }
  }

  /** How many entries are kept now (expired ones already dropped). */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /**
   * Forgets everything now and, inside a transaction, again once it has committed, so that no
   * reader caches the state of just before the write.
   */
  public void clear() {
    forget();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          forget();
        }
      });
    }
  }

  private void forget() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }
}
