package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The embedded H2 database's page cache is the configured bound, and an operator's own setting wins. */
class H2CacheSizeTests {

  @TempDir Path folder;

  private HikariDataSource processed(String url, String size) {
    var pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername("sa");
    pool.setPassword("");
    pool.setMaximumPoolSize(1);
    return (HikariDataSource) new H2CacheSize(DataSize.parse(size)).postProcessAfterInitialization(pool, "dataSource");
  }

  @Test
  void boundsTheEmbeddedDatabasesPageCache() throws SQLException {
    try (var pool = processed("jdbc:h2:file:" + folder.resolve("db") + ";WRITE_DELAY=0", "4MB");
        Connection c = pool.getConnection()) {
      // H2 2.4 would keep 16 MB of pages whatever the heap.
      assertThat(setting(c, "info.CACHE_MAX_SIZE")).isEqualTo("4");
      assertThat(setting(c, "CACHE_SIZE")).isEqualTo("4096");
    }
  }

  @Test
  void keepsACacheSizeTheUrlOrThePoolSets() throws SQLException {
    try (var pool = processed("jdbc:h2:file:" + folder.resolve("own") + ";cache_size=2048", "4MB");
        Connection c = pool.getConnection()) {
      assertThat(pool.getDataSourceProperties()).isEmpty();
      assertThat(setting(c, "info.CACHE_MAX_SIZE")).isEqualTo("2");
    }
    var pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:h2:file:" + folder.resolve("pool"));
    pool.addDataSourceProperty("cache_size", "8192");
    new H2CacheSize(DataSize.ofMegabytes(4)).postProcessAfterInitialization(pool, "dataSource");
    assertThat(pool.getDataSourceProperties()).containsOnlyKeys("cache_size");
    pool.close();
  }

  @Test
  void leavesOtherDatabasesAlone() {
    assertThat(H2CacheSize.applies("jdbc:h2:file:./data/db/plenary;WRITE_DELAY=0")).isTrue();
    assertThat(H2CacheSize.applies("jdbc:h2:./data/db/plenary")).isTrue();
    assertThat(H2CacheSize.applies("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isFalse();
    assertThat(H2CacheSize.applies("jdbc:h2:tcp://db:9092/plenary")).isFalse();
    assertThat(H2CacheSize.applies("jdbc:h2:ssl://db:9092/plenary")).isFalse();
    assertThat(H2CacheSize.applies("jdbc:postgresql://db:5432/plenary")).isFalse();
    assertThat(H2CacheSize.applies("jdbc:h2:file:./x; Cache_Size = 1024")).isFalse();
    assertThat(H2CacheSize.applies(null)).isFalse();
  }

  @Test
  void refusesASizeH2CannotTake() {
    assertThatThrownBy(() -> new H2CacheSize(DataSize.ofBytes(512)))
        .hasMessageContaining("plenary.h2.cache-size must be between 1KB");
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (var statement = c.prepareStatement("select setting_value from information_schema.settings where setting_name = ?")) {
      statement.setString(1, name);
      try (var rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
