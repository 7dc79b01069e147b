package org.plenary.ops;

import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Two settings for an H2 database of this process (a file or in memory), passed with the connection settings
 * before the pool's first connection, that keep H2's share of the heap bounded whatever the data:
 * <ul>
 *   <li>{@code CACHE_SIZE}: {@code plenary.h2.cache-size}, the bound of H2's page cache. H2 2.4 keeps 16 MB of
 *   pages whatever the heap (its documentation's "64 MB per GB of RAM" is the old page store's rule); the
 *   setting makes the bound explicit and lets an operator choose it.</li>
 *   <li>{@code OPTIMIZE_REUSE_RESULTS=0}: otherwise every pooled connection keeps, for each of its cached
 *   statements ({@code QUERY_CACHE_SIZE}), the whole result of its last run, even once read and closed, to
 *   answer the same query again if no table changed. A listing of the incoming folder is every waiting
 *   document: twenty connections kept up to twenty copies of it, growing with the folder (10 connections
 *   that read 20,000 rows kept 8 MB; 52 KB without). Plenary keeps what it reads again itself.</li>
 * </ul>
 * Defaults only: a setting in the URL, or the pool's {@code spring.datasource.hikari.data-source-properties},
 * wins. Nothing is set for other databases, nor for H2 over TCP (the server's settings are its operator's).
 */
@Component
class H2Settings implements BeanPostProcessor {

  static final String CACHE_SIZE = "CACHE_SIZE";
  static final String REUSE_RESULTS = "OPTIMIZE_REUSE_RESULTS";

  private final DataSize cacheSize;

  H2Settings(@Value("${plenary.h2.cache-size:16MB}") DataSize cacheSize) {
    if (cacheSize.toKilobytes() < 1 || cacheSize.toKilobytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "plenary.h2.cache-size must be between 1KB and " + Integer.MAX_VALUE + "KB, not " + cacheSize);
    }
    this.cacheSize = cacheSize;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof HikariDataSource pool) {
      defaults(pool.getJdbcUrl()).forEach((setting, value) -> {
        if (pool.getDataSourceProperties().keySet().stream().noneMatch(key -> setting.equalsIgnoreCase(key.toString()))) {
          pool.addDataSourceProperty(setting, value);
        }
      });
    }
    return bean;
  }

  /** The settings to add to a connection to {@code url}: none but H2 of this process's own, less those the URL sets. */
  Map<String, String> defaults(String url) {
    var settings = new LinkedHashMap<String, String>();
    if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      return settings;
    }
    String[] parts = url.substring("jdbc:h2:".length()).split(";");
    String database = parts[0].strip().toLowerCase(Locale.ROOT);
    if (database.startsWith("tcp:") || database.startsWith("ssl:")) {
      return settings;
    }
    settings.put(CACHE_SIZE, Long.toString(cacheSize.toKilobytes()));
    settings.put(REUSE_RESULTS, "0");
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      String given = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).strip();
      settings.keySet().removeIf(given::equalsIgnoreCase);
    }
    return settings;
  }
}
