package org.plenary.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small read-through cache for reference data that changes rarely (groups, meetings, tokens). Writes
 * on this node clear it at once; a change made by another node sharing the database is seen within
 * {@code ttl}. An entry is dropped once it is {@code ttl} old (measured on {@code clock}), and past
 * {@code maxEntries} the least used are: expired entries do not pile up until the cache is full.
 */
public final class TtlCache<K, V> {

  private final Cache<K, V> entries;

  public TtlCache(Duration ttl, int maxEntries, Clock clock) {
    this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries)
        .ticker(() -> clock.millis() * 1_000_000L).executor(Runnable::run).build();
  }

  /** The value kept for {@code key}, or the one {@code load} gives (never null), kept from now on. */
  public V get(K key, Supplier<V> load) {
    V hit = entries.getIfPresent(key);
    if (hit != null) {
      return hit;
    }
    V value = load.get();
    entries.put(key, value);
    return value;
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
    entries.invalidateAll();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          entries.invalidateAll();
        }
      });
    }
  }
}
