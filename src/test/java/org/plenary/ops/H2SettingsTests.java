package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** An H2 database of this process gets a bounded page cache and keeps no query results; an operator's own settings win. */
class H2SettingsTests {

  @TempDir Path folder;

  private static HikariDataSource processed(String url, String cacheSize) {
    var pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername("sa");
    pool.setPassword("");
    pool.setMaximumPoolSize(1);
    return (HikariDataSource) new H2Settings(DataSize.parse(cacheSize)).postProcessAfterInitialization(pool, "dataSource");
  }

  @Test
  void boundsThePageCacheAndKeepsNoQueryResults() throws SQLException {
    try (var pool = processed("jdbc:h2:file:" + folder.resolve("db") + ";WRITE_DELAY=0", "4MB");
        Connection c = pool.getConnection()) {
      // H2 2.4 would keep 16 MB of pages whatever the heap, and the last result of every cached statement.
      assertThat(setting(c, "info.CACHE_MAX_SIZE")).isEqualTo("4");
      assertThat(setting(c, "CACHE_SIZE")).isEqualTo("4096");
      assertThat(database(c).getOptimizeReuseResults()).isFalse();
    }
  }

  @Test
  void keepsWhatTheUrlOrThePoolSets() throws SQLException {
    try (var pool = processed("jdbc:h2:file:" + folder.resolve("own") + ";cache_size=2048;Optimize_Reuse_Results=1", "4MB");
        Connection c = pool.getConnection()) {
      assertThat(pool.getDataSourceProperties()).isEmpty();
      assertThat(setting(c, "info.CACHE_MAX_SIZE")).isEqualTo("2");
      assertThat(database(c).getOptimizeReuseResults()).isTrue();
    }
    var pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:h2:file:" + folder.resolve("pool"));
    pool.addDataSourceProperty("cache_size", "8192");
    new H2Settings(DataSize.ofMegabytes(4)).postProcessAfterInitialization(pool, "dataSource");
    assertThat(pool.getDataSourceProperties()).containsOnlyKeys("cache_size", H2Settings.REUSE_RESULTS);
    pool.close();
  }

  @Test
  void leavesOtherDatabasesAlone() {
    var settings = new H2Settings(DataSize.ofMegabytes(16));
    assertThat(settings.defaults("jdbc:h2:file:./data/db/plenary;WRITE_DELAY=0"))
        .containsEntry(H2Settings.CACHE_SIZE, "16384").containsEntry(H2Settings.REUSE_RESULTS, "0");
    assertThat(settings.defaults("jdbc:h2:./data/db/plenary")).hasSize(2);
    assertThat(settings.defaults("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).hasSize(2);
    assertThat(settings.defaults("jdbc:h2:tcp://db:9092/plenary")).isEmpty();
    assertThat(settings.defaults("jdbc:h2:ssl://db:9092/plenary")).isEmpty();
    assertThat(settings.defaults("jdbc:postgresql://db:5432/plenary")).isEmpty();
    assertThat(settings.defaults("jdbc:h2:file:./x; Cache_Size = 1024")).containsOnlyKeys(H2Settings.REUSE_RESULTS);
    assertThat(settings.defaults(null)).isEmpty();
  }

  @Test
  void refusesACacheSizeH2CannotTake() {
    assertThatThrownBy(() -> new H2Settings(DataSize.ofBytes(512)))
        .hasMessageContaining("plenary.h2.cache-size must be between 1KB");
  }

  private static org.h2.engine.Database database(Connection c) throws SQLException {
    return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase();
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
