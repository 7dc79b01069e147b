package org.plenary.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.plenary.ops.BackupManifest.Entry;

/**
 * {@code backup-verify}: every file the manifest names is there with its size and SHA-256, and no other file is.
 * A backup comes from outside the server (another machine, a tape, a bucket), so the manifest's paths are
 * checked for the shape a backup writes ({@link #shape}) and no file or folder of it may be a symbolic link:
 * otherwise a restore could write a key beside the data folder ({@code keys/../…}) or copy a file of the
 * machine into the store.
 */
final class BackupCheck {

  private BackupCheck() {}

  /** The problems found; empty when the backup is intact. */
  static List<String> problems(Path folder) throws IOException {
    var problems = new ArrayList<String>();
    BackupManifest manifest;
    if (!Files.isDirectory(folder)) {
      return List.of(folder + " is not a folder: give the folder a backup was written to.");
    }
    if (!Files.isRegularFile(folder.resolve(BackupManifest.FILE))) {
      return List.of(folder + " holds no " + BackupManifest.FILE + ": it is not a backup, or its backup did not finish"
          + " (the manifest is written last).");
    }
    try {
      manifest = BackupManifest.read(folder);
    } catch (RuntimeException e) {
      // Jackson's message ends with where it was reading (" at [Source: …]"), which says nothing to a reader.
      String why = String.valueOf(e.getMessage()).split("\\R at \\[|\\R? at \\[Source")[0].strip();
      return List.of("No readable " + BackupManifest.FILE + " in " + folder + ": " + why);
    }
    var expected = new ArrayList<Entry>();
    expected.add(manifest.dump());
    expected.addAll(manifest.documents());
    expected.addAll(manifest.keys());
    var named = new HashSet<String>();
    for (Entry entry : expected) {
      named.add(entry.path());
      String wrong = shape(entry, manifest);
      if (wrong != null) {
        problems.add(entry.path() + " " + wrong);
        continue;
      }
      Path file = folder.resolve(entry.path());
      if (linked(folder, file)) {
        problems.add(entry.path() + " is a symbolic link; a backup holds only plain files.");
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
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
      for (Path file : files.filter(file -> !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        if (Files.isSymbolicLink(file) && !named.contains(name)) {
          problems.add(name + " is a symbolic link; a backup holds only plain files.");
        } else if (!name.equals(BackupManifest.FILE) && !named.contains(name)) {
          problems.add(name + " is not in the manifest.");
        }
      }
    }
    return problems;
  }

  /**
   * Why an entry's path is not one a backup writes, or null: the dump is {@code database.sql.gz} or
   * {@code database.dump}, a document {@code documents/<store folder>/…} and a key {@code keys/<key file>},
   * each a relative path of plain names (no empty name, {@code .}, {@code ..}, backslash or control character).
   */
  static String shape(Entry entry, BackupManifest manifest) {
    String path = entry.path();
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")
        || path.chars().anyMatch(Character::isISOControl)) {
      return "is not a path inside the backup.";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "is not a path inside the backup.";
      }
    }
    boolean fits;
    if (entry == manifest.dump()) {
      fits = path.equals(DatabaseDump.H2_FILE) || path.equals(DatabaseDump.POSTGRES_FILE);
    } else if (manifest.keys().contains(entry)) {
      fits = path.startsWith("keys/") && Backups.KEYS.contains(path.substring("keys/".length()));
    } else {
      fits = Backups.STORE_FOLDERS.stream().anyMatch(top -> path.startsWith("documents/" + top + "/"));
    }
    return fits ? null : "is not a file a Plenary backup holds there.";
  }

  /** Whether {@code file} or a folder between {@code folder} and it is a symbolic link. */
  private static boolean linked(Path folder, Path file) {
    for (Path at = file; at != null && at.startsWith(folder) && !at.equals(folder); at = at.getParent()) {
      if (Files.isSymbolicLink(at)) {
        return true;
      }
    }
    return false;
  }
}
