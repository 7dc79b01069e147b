package org.plenary.ops;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Bounds the page cache of an embedded H2 database to {@code plenary.h2.cache-size}: H2's
 * {@code CACHE_SIZE}, passed with the connection settings before the pool's first connection.
 *
 * <p>H2 2.4 keeps 16 MB of pages by default whatever the heap (its documentation's "64 MB per GB of
 * RAM" is the old page store's rule); the setting makes the bound explicit and lets an operator choose
 * it. A default only: a URL that sets {@code CACHE_SIZE} itself keeps its own, as does a pool given
 * {@code spring.datasource.hikari.data-source-properties.CACHE_SIZE}. Nothing is set for other databases,
 * for in-memory H2 (no page cache) nor for H2 over TCP (the server's cache is its operator's choice).
 */
@Component
class H2CacheSize implements BeanPostProcessor {

  static final String SETTING = "CACHE_SIZE";

  private final DataSize size;

  H2CacheSize(@Value("${plenary.h2.cache-size:16MB}") DataSize size) {
    if (size.toKilobytes() < 1 || size.toKilobytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "plenary.h2.cache-size must be between 1KB and " + Integer.MAX_VALUE + "KB, not " + size);
    }
    this.size = size;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof HikariDataSource pool && applies(pool.getJdbcUrl())
        && pool.getDataSourceProperties().keySet().stream()
            .noneMatch(key -> SETTING.equalsIgnoreCase(key.toString()))) {
      pool.addDataSourceProperty(SETTING, Long.toString(size.toKilobytes()));
    }
    return bean;
  }

  /** Whether the URL names an H2 database of this process's own (file, not memory nor TCP) without a cache size. */
  static boolean applies(String url) {
    if (url == null) {
      return false;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:")) {
      return false;
    }
    String[] parts = lower.substring("jdbc:h2:".length()).split(";");
    String database = parts[0].strip();
    if (database.startsWith("mem:") || database.startsWith("tcp:") || database.startsWith("ssl:")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      String setting = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).strip();
      if (setting.equals("cache_size")) {
        return false;
      }
    }
    return true;
  }
}
