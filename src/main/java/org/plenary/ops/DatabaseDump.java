package org.plenary.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Saves and loads the whole database. H2: {@code SCRIPT TO … COMPRESSION GZIP} and {@code RUNSCRIPT}
 * (H2 lets one process open its file, so the server is stopped and the copy is consistent by itself).
 * PostgreSQL: {@code pg_dump --format=custom} and {@code pg_restore}, from the PATH, reading the snapshot
 * of a REPEATABLE READ read-only transaction ({@code pg_export_snapshot()}) in which the register is
 * read too, so that the dump and the documents checked against it agree while the server keeps running.
 */
final class DatabaseDump {

  /** What was saved: the dump's file name, rows per table, schema version and the register's SHA-256 by store path. */
  record Saved(String file, Map<String, Long> rows, String schemaVersion, Map<String, Set<String>> register) {}

  /** The dump's file in a backup of the embedded H2 database, and of PostgreSQL. */
  static final String H2_FILE = "database.sql.gz";
  static final String POSTGRES_FILE = "database.dump";

  private DatabaseDump() {}

  static Connection connect(BackupTarget target) throws SQLException {
    return DriverManager.getConnection(target.url(), target.username(), target.password());
  }

  static Saved save(BackupTarget target, Path folder) throws SQLException, IOException, InterruptedException {
    try (Connection connection = connect(target)) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(target.postgres());
      String file;
      if (target.postgres()) {
        file = POSTGRES_FILE;
        String snapshot = single(connection, "SELECT pg_export_snapshot()");
        PostgresTools.run(target, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + snapshot,
            "--file=" + folder.resolve(file));
      } else {
        file = H2_FILE;
        try (var statement = connection.createStatement()) {
          statement.execute("SCRIPT TO '" + folder.resolve(file).toString().replace("'", "''") + "' COMPRESSION GZIP");
        }
      }
      var saved = new Saved(file, rows(connection), schemaVersion(connection), register(connection));
      connection.commit();
      return saved;
    }
  }

  /**
   * Refuses a database that already has tables, without making one: an embedded database's file that is not
   * there is empty (connecting would create it, and its folder).
   */
  static void requireEmpty(BackupTarget target) throws SQLException {
    if (notMade(target)) {
      return;
    }
    try (Connection connection = connect(target)) {
      if (!rows(connection).isEmpty()) {
        throw new IllegalStateException("The database " + target.url() + " already has tables; restore only into an"
            + " empty one. Nothing was restored.");
      }
    }
  }

  /** The embedded database's file ({@code ….mv.db}) when the URL names one. */
  static java.util.Optional<Path> h2File(BackupTarget target) {
    return target.url().startsWith("jdbc:h2:file:")
        ? java.util.Optional.of(Path.of(target.url().substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db")
            .toAbsolutePath().normalize())
        : java.util.Optional.empty();
  }

  /** An embedded database whose file is not there yet (connecting would make it). */
  private static boolean notMade(BackupTarget target) {
    return h2File(target).filter(file -> !java.nio.file.Files.exists(file)).isPresent();
  }

  /** A table, view or sequence of the public schema, and the statement that drops it. */
  record DbObject(String kind, String schema, String name) {
    String drop() {
      return "DROP " + kind + " IF EXISTS \"" + schema + "\".\"" + name + "\"" + (kind.equals("SEQUENCE") ? "" : " CASCADE");
    }
  }

  /** The tables, views and sequences of the public schema (none, without making it, for an embedded file not there). */
  static Set<DbObject> objects(BackupTarget target) throws SQLException {
    if (notMade(target)) {
      return Set.of();
    }
    try (Connection connection = connect(target)) {
      return objects(connection);
    }
  }

  private static Set<DbObject> objects(Connection connection) throws SQLException {
    var objects = new java.util.LinkedHashSet<DbObject>();
    try (var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT CASE WHEN table_type = 'VIEW' THEN 'VIEW' ELSE 'TABLE' END,"
            + " table_schema, table_name FROM information_schema.tables WHERE LOWER(table_schema) = 'public'"
            + " UNION ALL SELECT 'SEQUENCE', sequence_schema, sequence_name FROM information_schema.sequences"
            + " WHERE LOWER(sequence_schema) = 'public'")) {
      while (result.next()) {
        objects.add(new DbObject(result.getString(1), result.getString(2), result.getString(3)));
      }
    }
    return objects;
  }

  /**
   * Drops every table, view and sequence of the public schema but {@code kept}: what a load made, taken
   * back (views first, then tables with what depends on them, then sequences left).
   */
  static void dropAllBut(BackupTarget target, Set<DbObject> kept) throws SQLException {
    if (notMade(target)) {
      return;
    }
    try (Connection connection = connect(target); var statement = connection.createStatement()) {
      var made = new java.util.ArrayList<>(objects(connection));
      made.removeAll(kept);
      made.sort(java.util.Comparator.comparing(object -> List.of("VIEW", "TABLE", "SEQUENCE").indexOf(object.kind())));
      for (DbObject object : made) {
        statement.execute(object.drop());
      }
    }
  }

  /** How the database differs from {@code rows} per table and {@code schemaVersion}; empty when it does not. */
  static java.util.List<String> differences(BackupTarget target, Map<String, Long> rows, String schemaVersion)
      throws SQLException {
    var problems = new java.util.ArrayList<String>();
    try (Connection connection = connect(target)) {
      Map<String, Long> found = rows(connection);
      var tables = new java.util.TreeSet<>(rows.keySet());
      tables.addAll(found.keySet());
      for (String table : tables) {
        Long expected = rows.get(table);
        Long actual = found.get(table);
        if (!java.util.Objects.equals(expected, actual)) {
          problems.add("table " + table + ": " + (actual == null ? "missing" : actual + " rows") + "; the manifest says "
              + (expected == null ? "no such table" : expected + " rows") + ".");
        }
      }
      String version = schemaVersion(connection);
      if (!java.util.Objects.equals(version, schemaVersion)) {
        problems.add("schema version " + version + "; the manifest says " + schemaVersion + ".");
      }
    }
    return problems;
  }

  /** Loads a dump into the configured database, which must hold no table yet. */
  static void load(BackupTarget target, Path dump) throws SQLException, IOException, InterruptedException {
    try (Connection connection = connect(target)) {
      if (!rows(connection).isEmpty()) {
        throw new IllegalStateException("The database " + target.url() + " already has tables; restore only into an empty one.");
      }
      if (target.postgres()) {
        PostgresTools.run(target, "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
            "--dbname=" + PostgresTools.database(target), dump.toString());
      } else {
        try (var statement = connection.createStatement()) {
          statement.execute("RUNSCRIPT FROM '" + dump.toString().replace("'", "''") + "' COMPRESSION GZIP");
        } catch (SQLException e) {
          // H2's message goes on with the whole statement; its first line says what stopped it.
          String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replace("; SQL statement:", "");
          throw new SQLException("The dump stopped loading: " + first + ".", e);
        }
      }
    }
  }

  static Map<String, Long> rows(Connection connection) throws SQLException {
    var tables = new TreeMap<String, Long>();
    try (var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
            + " WHERE LOWER(table_schema) = 'public' AND table_type = 'BASE TABLE'")) {
      while (result.next()) {
        tables.put(result.getString(1) + "\u0000" + result.getString(2), 0L);
      }
    }
    var rows = new TreeMap<String, Long>();
    for (String table : tables.keySet()) {
      String[] name = table.split("\u0000");
      rows.put(name[1].toLowerCase(java.util.Locale.ROOT),
          Long.parseLong(single(connection, "SELECT COUNT(*) FROM \"" + name[0] + "\".\"" + name[1] + "\"")));
    }
    return rows;
  }

  private static String schemaVersion(Connection connection) throws SQLException {
    return single(connection, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL"
        + " ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY");
  }

  /**
   * Every SHA-256 the register records for each store path (contribution files and the archive entries not
   * withdrawn: a withdrawn entry keeps the published path its file left for the history).
   */
  private static Map<String, Set<String>> register(Connection connection) throws SQLException {
    var register = new HashMap<String, Set<String>>();
    try (var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT store_path, sha256 FROM contribution_files"
            + " UNION ALL SELECT store_path, sha256 FROM archive_entries WHERE withdrawn_version IS NULL")) {
      while (result.next()) {
        register.computeIfAbsent(result.getString(1), path -> new HashSet<>()).add(result.getString(2).strip());
      }
    }
    return register;
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
      return result.next() ? result.getString(1) : null;
    }
  }
}
