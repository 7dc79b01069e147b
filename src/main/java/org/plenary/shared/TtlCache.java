package org.plenary.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small read-through cache for reference data that changes rarely (groups, meetings). Writes on
 * this node clear it at once; a change made by another node sharing the database is seen within
 * {@code ttl}.
 */
public final class TtlCache<K, V> {

  private record Entry<V>(V value, long expiresAt) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlMillis;
  private final Clock clock;
  private final int maxEntries;

  public TtlCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttlMillis = ttl.toMillis();
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  public V get(K key, Supplier<V> load) {
    long now = clock.millis();
    Entry<V> entry = entries.get(key);
    if (entry != null && entry.expiresAt() > now) {
      return entry.value();
    }
    V value = load.get();
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(key, new Entry<>(value, now + ttlMillis));
    return value;
  }

  /**
   * Forgets everything now and, inside a transaction, again once it has committed, so that no
   * reader caches the state of just before the write.
   */
  public void clear() {
    entries.clear();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          entries.clear();
        }
      });
    }
  }
}
