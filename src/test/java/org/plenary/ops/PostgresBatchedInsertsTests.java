package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresBatchedInsertsTests {

  private static HikariDataSource processed(String url, String given) {
    var pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    if (given != null) {
      pool.addDataSourceProperty(PostgresBatchedInserts.REWRITE, given);
    }
    new PostgresBatchedInserts().postProcessAfterInitialization(pool, "dataSource");
    return pool;
  }

  @Test
  void rewritesBatchedInsertsOnPostgres() {
    assertThat(processed("jdbc:postgresql://db:5432/plenary", null).getDataSourceProperties())
        .containsEntry(PostgresBatchedInserts.REWRITE, "true");
  }

  @Test
  void leavesOtherDatabasesAlone() {
    assertThat(processed("jdbc:h2:file:./data/db/plenary", null).getDataSourceProperties())
        .doesNotContainKey(PostgresBatchedInserts.REWRITE);
  }

  @Test
  void keepsWhatTheOperatorSet() {
    assertThat(processed("jdbc:postgresql://db/plenary", "false").getDataSourceProperties())
        .containsEntry(PostgresBatchedInserts.REWRITE, "false");
    assertThat(processed("jdbc:postgresql://db/plenary?reWriteBatchedInserts=false", null).getDataSourceProperties())
        .doesNotContainKey(PostgresBatchedInserts.REWRITE);
  }
}
