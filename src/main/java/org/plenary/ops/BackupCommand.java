package org.plenary.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's {@code backup --to DIR}, {@code restore --from DIR} and {@code backup-verify DIR},
 * run instead of the server; {@code --key=value} arguments (the data folder, the database URL) are read
 * as the server reads them. Exit status 0 on success, 1 on failure or a damaged backup, 2 on a usage error.
 */
public final class BackupCommand {

  /** The commands this class runs. */
  public static final List<String> NAMES = List.of("backup", "restore", "backup-verify");

  private BackupCommand() {}

  /** Runs {@code arguments[0]} (one of {@link #NAMES}) and returns the exit status. */
  public static int run(String[] arguments, PrintStream out, PrintStream err) {
    String command = arguments[0];
    Path folder = null;
    var settings = new ArrayList<String>();
    for (int i = 1; i < arguments.length; i++) {
      String argument = arguments[i];
      if ((argument.equals("--to") && command.equals("backup") || argument.equals("--from") && command.equals("restore"))
          && i + 1 < arguments.length) {
        folder = Path.of(arguments[++i]);
      } else if (argument.startsWith("--") && argument.contains("=")) {
        settings.add(argument);
      } else if (command.equals("backup-verify") && folder == null) {
        folder = Path.of(argument);
      } else {
        folder = null;
        break;
      }
    }
    if (folder == null) {
      err.println("Usage: plenary backup --to DIR | restore --from DIR | backup-verify DIR  [--plenary.data-dir=…]"
          + " [--spring.datasource.url=… --spring.datasource.username=… --spring.datasource.password=…]");
      return 2;
    }
    folder = folder.toAbsolutePath().normalize();
    try {
      return switch (command) {
        case "backup" -> report(out, "Backed up", Backups.backup(BackupTarget.resolve(settings), folder), folder);
        case "restore" -> {
          // Before the settings are read: reading them makes the data folder and its db/ (nothing half-made is left).
          Restore.requireIntact(folder);
          yield report(out, "Restored", Restore.restore(BackupTarget.resolve(settings), folder), folder);
        }
        default -> verify(folder, out, err);
      };
    } catch (Exception e) {
      err.println(command + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static int verify(Path folder, PrintStream out, PrintStream err) throws java.io.IOException {
    List<String> problems = BackupCheck.problems(folder);
    if (problems.isEmpty()) {
      return report(out, "Intact:", BackupManifest.read(folder), folder);
    }
    problems.forEach(problem -> err.println("DAMAGED: " + problem));
    return 1;
  }

  private static int report(PrintStream out, String done, BackupManifest manifest, Path folder) {
    out.printf("%s %s: %s database (schema %s, %d rows in %d tables) and %d documents (%d bytes) of %s.%n", done, folder,
        manifest.database(), manifest.schemaVersion(), manifest.rows().values().stream().mapToLong(Long::longValue).sum(),
        manifest.rows().size(),
        manifest.documents().stream().filter(e -> !e.path().startsWith("documents/" + Backups.STORE_KEYS + "/")).count(),
        manifest.documentBytes(), manifest.createdAt());
    return 0;
  }
}
