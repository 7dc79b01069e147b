package org.plenary.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.plenary.ops.BackupManifest.Entry;

/** {@code backup-verify}: every file the manifest names is there with its size and SHA-256, and no other file is. */
final class BackupCheck {

  private BackupCheck() {}

  /** The problems found; empty when the backup is intact. */
  static List<String> problems(Path folder) throws IOException {
    var problems = new ArrayList<String>();
    BackupManifest manifest;
    try {
      manifest = BackupManifest.read(folder);
    } catch (RuntimeException e) {
      return List.of("No readable " + BackupManifest.FILE + " in " + folder + ": " + e.getMessage());
    }
    var expected = new ArrayList<Entry>();
    expected.add(manifest.dump());
    expected.addAll(manifest.documents());
    expected.addAll(manifest.keys());
    var named = new HashSet<String>();
    for (Entry entry : expected) {
      named.add(entry.path());
      Path file = folder.resolve(entry.path()).normalize();
      if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
        problems.add(entry.path() + " is missing.");
        continue;
      }
      Entry actual = Backups.entry(file, entry.path());
      if (actual.size() != entry.size() || !actual.sha256().equals(entry.sha256())) {
        problems.add(entry.path() + " has changed: " + actual.size() + " bytes, SHA-256 " + actual.sha256()
            + "; the manifest says " + entry.size() + " bytes, SHA-256 " + entry.sha256() + ".");
      }
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        if (!name.equals(BackupManifest.FILE) && !named.contains(name)) {
          problems.add(name + " is not in the manifest.");
        }
      }
    }
    return problems;
  }
}
