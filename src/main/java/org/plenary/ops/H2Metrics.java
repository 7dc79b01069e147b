package org.plenary.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 file database's store, as Prometheus metrics (NaN on PostgreSQL, on in-memory H2 and
 * while {@link H2Housekeeping} is off): {@code plenary_h2_file_bytes}, {@code plenary_h2_chunks} and
 * {@code plenary_h2_chunks_fill_percent} (the live share of what the chunks hold, which housekeeping
 * keeps up), {@code plenary_h2_cache_used_bytes} and {@code plenary_h2_cache_max_bytes} (the page
 * cache and its bound, {@code plenary.h2.cache-size}), and {@code plenary_h2_written_bytes} since the
 * start. Read from H2's own figures (those of {@code INFORMATION_SCHEMA.SETTINGS}) at each scrape.
 */
@Component
class H2Metrics {

  private final H2Housekeeping housekeeping;

  H2Metrics(H2Housekeeping housekeeping, MeterRegistry registry) {
    this.housekeeping = housekeeping;
    gauge(registry, "plenary.h2.file", "bytes", "Size of the embedded H2 database file", "info.FILE_SIZE", 1);
    gauge(registry, "plenary.h2.chunks", null, "Chunks in the embedded H2 database file", "info.CHUNK_COUNT", 1);
    gauge(registry, "plenary.h2.chunks.fill", "percent", "Live share of the H2 file's chunks", "info.CHUNKS_FILL_RATE", 1);
    gauge(registry, "plenary.h2.cache.used", "bytes", "H2's page cache in use", "info.CACHE_SIZE", 1 << 20);
    gauge(registry, "plenary.h2.cache.max", "bytes", "H2's page cache bound", "info.CACHE_MAX_SIZE", 1 << 20);
    gauge(registry, "plenary.h2.written", "bytes", "Bytes H2 wrote to its file since the start", "info.FILE_WRITE_BYTES", 1);
  }

  private void gauge(MeterRegistry registry, String name, String unit, String description, String info, long scale) {
    Gauge.builder(name, this, metrics -> metrics.read(info) * scale).baseUnit(unit).description(description)
        .register(registry);
  }

  /** One of H2's figures of the store, or NaN when there is no embedded file database (or it is closed). */
  private double read(String info) {
    String value = housekeeping.figures().get(info);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }
}
