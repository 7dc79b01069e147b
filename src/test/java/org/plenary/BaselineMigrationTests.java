package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The embedded demo database starts from the baseline migration (db/baseline: B048, the versioned
 * migrations up to V048 in one script), every other database from the versioned migrations: both end
 * with the same tables, columns, keys, indexes and rows, on H2 and on PostgreSQL.
 */
class BaselineMigrationTests {

  private static final String[] VERSIONED = {"classpath:db/migration"};
  private static final String[] WITH_BASELINE = {"classpath:db/migration", "classpath:db/baseline"};

  @Test
  void aNewDatabaseFromTheBaselineEqualsOneMigratedStepByStepOnH2() throws SQLException {
    compare(h2(), h2());
  }

  @Test
  void aDatabaseMigratedStepByStepKeepsItsHistoryAndIgnoresTheBaseline() throws SQLException {
    Db db = h2();
    stepByStep(db);
    flyway(db, WITH_BASELINE).migrate();
    assertThat(flyway(db, WITH_BASELINE).validateWithResult().validationSuccessful).isTrue();
    assertThat(scripts(db, WITH_BASELINE)).contains("V001__account_accounts.sql", "V048__store_uploads.sql")
        .doesNotContain("B048__schema_baseline.sql");
  }

  @Test
  void aContributionWithoutItsSequenceNumberIsRefusedOnH2() throws SQLException {
    Db db = h2();
    stepByStep(db);
    assertSequenceNumberRequired(db);
  }

  /**
   * H2 records an identity's bound in a commit of its own (a write of the store) each time its cache runs
   * out: with H2's 32, a batch of numbers paid two or three such writes beside its own commit. V073 gives
   * every identity 1,000, and a table added since must too.
   */
  @Test
  void everyIdentityOnH2KeepsAThousandValuesBetweenWrites() throws SQLException {
    Db stepByStep = h2();
    stepByStep(stepByStep);
    Db fromBaseline = h2();
    flyway(fromBaseline, WITH_BASELINE).migrate();
    for (Db db : List.of(stepByStep, fromBaseline)) {
      try (Connection connection = db.connect(); var statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("""
              SELECT TABLE_NAME, COLUMN_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS
              WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES'""")) {
        var caches = new ArrayList<String>();
        var small = new ArrayList<String>();
        while (rows.next()) {
          String column = rows.getString(1).toLowerCase(Locale.ROOT) + "." + rows.getString(2).toLowerCase(Locale.ROOT);
          caches.add(column);
          if (rows.getLong(3) < 1000) {
            small.add(column + " caches " + rows.getLong(3) + " (ALTER TABLE … ALTER COLUMN … SET CACHE 1000, as V073)");
          }
        }
        assertThat(caches).contains("contributions.id", "contribution_events.id", "mail_messages.id");
        assertThat(small).isEmpty();
      }
    }
  }

  @Nested
  @EnabledIfPostgres
  class OnPostgres {
    @Test
    void aNewDatabaseFromTheBaselineEqualsOneMigratedStepByStepOnPostgres() throws SQLException {
      var database = TestPostgres.freshDatabase();
      Db migrated = new Db(database.url(), database.user(), database.password(), "step_by_step");
      compare(new Db(database.url(), database.user(), database.password(), "from_baseline"), migrated);
      assertSequenceNumberRequired(migrated);
    }
  }

  /** Rows are inserted numbered (V069 withdrew V068's relaxation): the column refuses a row without a number. */
  private static void assertSequenceNumberRequired(Db db) throws SQLException {
    try (Connection connection = db.connect();
        ResultSet column = connection.getMetaData().getColumns(null,
            db.schema() == null ? connection.getSchema() : db.schema(), "%", "%")) {
      var nullable = new ArrayList<String>();
      while (column.next()) { // names are upper case on H2, lower case on PostgreSQL
        if (column.getString("TABLE_NAME").equalsIgnoreCase("contributions")
            && column.getString("COLUMN_NAME").equalsIgnoreCase("seq_no")) {
          nullable.add(column.getString("IS_NULLABLE"));
        }
      }
      assertThat(nullable).containsExactly("NO");
    }
  }

  /** A database, and the schema Flyway migrates (null: the connection's own). */
  private record Db(String url, String user, String password, String schema) {
    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }
  }

  private static Db h2() {
    return new Db("jdbc:h2:mem:baseline-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", null);
  }

  private static void compare(Db fromBaseline, Db migrated) throws SQLException {
    flyway(fromBaseline, WITH_BASELINE).migrate();
    assertThat(scripts(fromBaseline, WITH_BASELINE)).contains("B048__schema_baseline.sql")
        .doesNotContain("V001__account_accounts.sql", "V048__store_uploads.sql");
    stepByStep(migrated);

    List<String> expected = describe(migrated);
    assertThat(expected).hasSizeGreaterThan(300); // the schema was read: dozens of tables, hundreds of columns
    assertThat(describe(fromBaseline)).containsExactlyElementsOf(expected);
  }

  private static void stepByStep(Db db) {
    flyway(db, VERSIONED).migrate();
    assertThat(scripts(db, VERSIONED))
        .contains("V001__account_accounts.sql", "db.migration.V022__visa_verification_codes", "V048__store_uploads.sql")
        .doesNotContain("B048__schema_baseline.sql");
  }

  private static List<String> scripts(Db db, String... locations) {
    return java.util.Arrays.stream(flyway(db, locations).info().applied()).map(MigrationInfo::getScript).toList();
  }

  private static Flyway flyway(Db db, String... locations) {
    var configuration = Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations(locations);
    return (db.schema() == null ? configuration : configuration.schemas(db.schema())).load();
  }

  /** Every table's columns, primary key, foreign keys, indexes and rows, as sorted lines (generated names left out). */
  private static List<String> describe(Db db) throws SQLException {
    var lines = new TreeSet<String>();
    try (Connection connection = db.connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      String schema = db.schema() == null ? connection.getSchema() : db.schema();
      var tables = new ArrayList<String>();
      try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String table = rows.getString("TABLE_NAME");
          if (!table.equalsIgnoreCase("flyway_schema_history")) {
            tables.add(table);
          }
        }
      }
      for (String table : tables) {
        String t = table.toLowerCase(Locale.ROOT);
        lines.add("table " + t);
        try (ResultSet rows = meta.getColumns(null, schema, table, "%")) {
          while (rows.next()) {
            lines.add("column " + t + "." + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                + rows.getString("TYPE_NAME") + "(" + rows.getInt("COLUMN_SIZE") + "," + rows.getInt("DECIMAL_DIGITS")
                + ") nullable=" + rows.getString("IS_NULLABLE") + " auto=" + rows.getString("IS_AUTOINCREMENT")
                + " default=" + String.valueOf(rows.getString("COLUMN_DEF")).replace(schema + ".", "") + " at " + rows.getInt("ORDINAL_POSITION"));
          }
        }
        try (ResultSet rows = meta.getPrimaryKeys(null, schema, table)) {
          while (rows.next()) {
            lines.add("primary key " + t + "." + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " #"
                + rows.getInt("KEY_SEQ"));
          }
        }
        try (ResultSet rows = meta.getImportedKeys(null, schema, table)) {
          while (rows.next()) {
            lines.add("foreign key " + t + "." + rows.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT) + " -> "
                + rows.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT) + "."
                + rows.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT) + " #" + rows.getInt("KEY_SEQ")
                + " on delete " + rows.getInt("DELETE_RULE"));
          }
        }
        var indexes = new java.util.TreeMap<String, StringBuilder>();
        try (ResultSet rows = meta.getIndexInfo(null, schema, table, false, false)) {
          while (rows.next()) {
            if (rows.getString("COLUMN_NAME") == null) {
              continue;
            }
            indexes.computeIfAbsent(rows.getString("INDEX_NAME"), name -> new StringBuilder("index " + t
                    + (rowsUnique(rows) ? " unique" : "") + " on"))
                .append(' ').append(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
        indexes.values().forEach(index -> lines.add(index.toString()));
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT * FROM " + schema + "." + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            var row = new StringBuilder("row " + t + ":");
            for (int i = 1; i <= columns; i++) {
              row.append(' ').append(rows.getString(i));
            }
            lines.add(row.toString());
          }
        }
      }
    }
    return new ArrayList<>(lines);
  }

  private static boolean rowsUnique(ResultSet rows) {
    try {
      return !rows.getBoolean("NON_UNIQUE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
