package org.plenary.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.plenary.store.StoreFiles;

/**
 * What a restore found before it made anything, so that a restore failing part-way (a dump that stops
 * loading, rows that differ from the manifest, a document or key that cannot be copied) takes back all it
 * made: a restore is all or nothing. Recorded: the tables, views and sequences of the database (one with no
 * table may hold others, which stay), and the paths under the data folder, the documents folder and the
 * embedded database's folder (for one that is not there, the first folder of its path that is not: it goes
 * whole). Taken back: the database objects the load made, the store paths written (also in a bucket), and
 * every path that was not there.
 */
final class RestoreUndo {

  private final BackupTarget target;
  private final Set<DatabaseDump.DbObject> objects;
  private final List<Before> folders;
  private final Set<String> written = new LinkedHashSet<>();

  private RestoreUndo(BackupTarget target, Set<DatabaseDump.DbObject> objects, List<Before> folders) {
    this.target = target;
    this.objects = objects;
    this.folders = folders;
  }

  static RestoreUndo record(BackupTarget target, StoreFiles store) throws SQLException, IOException {
    var folders = new ArrayList<Before>();
    folders.add(Before.of(target.dataDir()));
    if (store instanceof StoreFiles.Folder folder) {
      folders.add(Before.of(folder.root()));
    }
    if (DatabaseDump.h2File(target).isPresent()) {
      folders.add(Before.of(DatabaseDump.h2File(target).get().getParent()));
    }
    return new RestoreUndo(target, DatabaseDump.objects(target), folders);
  }

  /** A store path about to be written (recorded first: a copy that fails half-way is taken back too). */
  void writing(String path) {
    written.add(path);
  }

  /**
   * Takes back what the restore made after {@code failure} and returns the exception to report: the
   * failure's sentence, then that nothing was restored, or what could not be taken back.
   */
  IllegalStateException undo(StoreFiles store, Exception failure) {
    var left = new ArrayList<String>();
    try {
      DatabaseDump.dropAllBut(target, objects);
    } catch (SQLException | RuntimeException e) {
      left.add("the database " + target.url() + " (" + e.getMessage() + ")");
    }
    for (String path : written) {
      try {
        store.remove(path);
      } catch (IOException | RuntimeException e) {
        left.add(store.where() + "/" + path);
      }
    }
    for (Before folder : folders) {
      left.addAll(folder.undo());
    }
    String said = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
    return new IllegalStateException(said + (left.isEmpty()
        ? "\nNothing was restored: the database, the data folder and the store are as they were before."
        : "\nWhat it had restored was taken back except (remove by hand before restoring again):\n  "
            + String.join("\n  ", left)), failure);
  }

  /**
   * The paths under a folder before the restore, or, when it was not there, the first missing folder of its path
   * (paths null: all of it is the restore's).
   */
  private record Before(Path root, Set<Path> paths) {

    static Before of(Path folder) throws IOException {
      Path missing = null;
      for (Path path = folder.toAbsolutePath().normalize(); path != null && !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
          path = path.getParent()) {
        missing = path;
      }
      return missing != null ? new Before(missing, null) : new Before(folder, Set.copyOf(walk(folder)));
    }

    /** Deletes every path that was not there, deepest first; returns those it could not delete. */
    List<String> undo() {
      var left = new ArrayList<String>();
      if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        return left;
      }
      try {
        for (Path path : walk(root).reversed()) {
          if (paths == null || !paths.contains(path)) {
            try {
              Files.delete(path);
            } catch (IOException e) {
              left.add(path.toString());
            }
          }
        }
      } catch (IOException e) {
        left.add(root + " (" + e.getMessage() + ")");
      }
      return left;
    }

    private static List<Path> walk(Path folder) throws IOException {
      try (Stream<Path> paths = Files.walk(folder)) {
        return paths.toList();
      }
    }
  }
}
