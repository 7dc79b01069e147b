package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.plenary.store.StoreFiles;

/** What the H2 and PostgreSQL backup tests share: data to back up, the commands, and the comparison. */
final class BackupScenario {

  private BackupScenario() {}

  /** Three uploads (one published, one with a second version) and their SHA-256 by number. */
  static Map<String, String> populate(RunningPlenary plenary) throws Exception {
    plenary.prepare();
    var uploaded = new TreeMap<String, String>();
    for (int i = 0; i < 3; i++) {
      String number = plenary.allocate();
      byte[] bytes = RunningPlenary.randomBytes(1000 + 70_000 * i);
      assertThat(plenary.upload(number, bytes).statusCode()).isEqualTo(201);
      uploaded.put(number, RunningPlenary.sha256(bytes));
    }
    String first = uploaded.firstKey();
    assertThat(plenary.post("/api/v1/contributions/" + first + "/publish", "").statusCode()).isEqualTo(200);
    String last = uploaded.lastKey();
    byte[] again = RunningPlenary.randomBytes(5000);
    assertThat(plenary.replace(last, uploaded.get(last), again).statusCode()).isEqualTo(201);
    uploaded.put(last, RunningPlenary.sha256(again));
    return uploaded;
  }

  /** Runs a command of {@link BackupCommand}; returns its exit status and what it printed. */
  static Result run(String... arguments) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = BackupCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Result(int status, String out, String err) {}

  /** The arguments of a command with its folder option, then the settings ({@code --key=value}). */
  static String[] command(String command, String option, Path folder, String... settings) {
    var all = new ArrayList<>(List.of(command, option, folder.toString()));
    all.addAll(List.of(settings));
    return all.toArray(String[]::new);
  }

  /** The register as rows "number | path | size | sha256 | state", and the SHA-256 of the bytes the store holds beside it. */
  static List<String> register(String url, String user, String password, StoreFiles documents) throws Exception {
    var rows = new ArrayList<String>();
    try (Connection connection = DriverManager.getConnection(url, user, password);
        var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT c.number, f.store_path, f.size_bytes, f.sha256, f.state"
            + " FROM contribution_files f JOIN contributions c ON c.id = f.contribution_id ORDER BY f.id")) {
      while (result.next()) {
        String path = result.getString(2);
        String bytes;
        try (InputStream in = documents.open(path)) {
          bytes = RunningPlenary.sha256(in.readAllBytes());
        } catch (NoSuchFileException absent) {
          bytes = "absent";
        }
        rows.add(String.join(" | ", result.getString(1), path, result.getString(3), result.getString(4).strip(),
            result.getString(5), bytes));
      }
    }
    return rows;
  }

  /** Where a restore goes: its database (connected to check it), and the settings that name it and a data folder. */
  record Target(String url, String user, String password, String... settings) {}

  /**
   * Restores {@code backup} three times, failing after the restore started writing: at the load (a view already
   * named like a table, which a database with no table may hold), at the rows (a manifest that says one more), and
   * at the documents (a dangling link where the folder of a document after the first goes). After each, nothing is
   * left: the database holds only the view (or nothing) and the data folder is as it was, path for path.
   */
  static void failingRestoresTakeEverythingBack(Path backup, Path work, java.util.function.Function<Path, Target> targets)
      throws Exception {
    Path loading = work.resolve("loading");
    Target target = targets.apply(loading);
    java.nio.file.Files.createDirectories(loading.resolve("db"));
    sql(target, "CREATE VIEW contributions AS SELECT 1 AS one");
    failsLeavingAsItWas(backup, loading, target, "\"contributions\" already exists", 1);
    sql(target, "DROP VIEW contributions");

    Path manifest = backup.resolve("backup-manifest.json");
    String said = java.nio.file.Files.readString(manifest);
    var contributions = java.util.regex.Pattern.compile("\"contributions\"\\s*:\\s*(\\d+)").matcher(said);
    assertThat(contributions.find()).as(said).isTrue();
    java.nio.file.Files.writeString(manifest, said.replace(contributions.group(),
        "\"contributions\" : " + (Long.parseLong(contributions.group(1)) + 1)));
    Path counting = work.resolve("counting");
    failsLeavingAsItWas(backup, counting, targets.apply(counting), "table contributions", 0);
    java.nio.file.Files.writeString(manifest, said);

    Path copying = work.resolve("copying");
    var documents = BackupManifest.read(backup).documents().stream().map(entry -> Path.of(entry.path()).getParent()).toList();
    Path blocked = copying.resolve(documents.stream().filter(parent -> !parent.equals(documents.getFirst())).findFirst()
        .orElseThrow());
    java.nio.file.Files.createDirectories(blocked.getParent());
    java.nio.file.Files.createSymbolicLink(blocked, copying.resolve("nowhere"));
    failsLeavingAsItWas(backup, copying, targets.apply(copying), "Could not write", 0);
  }

  private static void failsLeavingAsItWas(Path backup, Path dataDir, Target target, String why, int objects)
      throws Exception {
    List<String> before = paths(dataDir);
    var all = new ArrayList<>(List.of("restore", "--from", backup.toString()));
    all.addAll(List.of(target.settings()));
    var failed = run(all.toArray(String[]::new));
    assertThat(failed.status()).as(failed.out()).isEqualTo(1);
    assertThat(failed.err()).containsIgnoringCase(why).contains("Nothing was restored").doesNotContain("Restored");
    assertThat(paths(dataDir)).as("the data folder as it was").isEqualTo(before);
    if (java.nio.file.Files.exists(dataDir.resolve("db/plenary.mv.db")) || !target.url().startsWith("jdbc:h2:")) {
      try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password());
          var result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.tables"
              + " WHERE LOWER(table_schema) = 'public'")) {
        result.next();
        assertThat(result.getInt(1)).as("tables and views left in the database").isEqualTo(objects);
      }
    }
  }

  private static void sql(Target target, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password())) {
      connection.createStatement().execute(sql);
    }
  }

  /** Every path under a folder, sorted (none when it is not there). */
  static List<String> paths(Path folder) throws java.io.IOException {
    if (!java.nio.file.Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (var paths = java.nio.file.Files.walk(folder)) {
      return paths.map(Path::toString).sorted().toList();
    }
  }

  /** The documents folder of a data folder, as the backup reads it. */
  static StoreFiles folder(Path dataDir) {
    return new StoreFiles.Folder(dataDir.resolve("documents"));
  }

  static String h2(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.resolve("db/plenary");
  }
}
