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

  /** The documents folder of a data folder, as the backup reads it. */
  static StoreFiles folder(Path dataDir) {
    return new StoreFiles.Folder(dataDir.resolve("documents"));
  }

  static String h2(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.resolve("db/plenary");
  }
}
