package org.plenary.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.plenary.shared.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Walks of the {@link FileStore}'s folder: the start-up sweep and the listing of complete files. */
final class FileTree {

  private static final Logger log = LoggerFactory.getLogger(FileTree.class);

  private FileTree() {
  }

  /** Removes part files and staged files; makes everything else private. */
  static int sweep(Path root, Path staging, String part) throws IOException {
    int[] removed = {0};
    try (Stream<Path> files = Files.walk(root)) {
      files.forEach(file -> {
        if (file.getFileName().toString().endsWith(part) || file.startsWith(staging) && Files.isRegularFile(file)) {
          FileStore.deleteQuietly(file);
          removed[0]++;
          return;
        }
        try {
          PrivateFiles.restrict(file);
        } catch (IOException e) {
          log.warn("Could not make {} private: {}", file, e.getMessage());
        }
      });
    }
    if (removed[0] > 0) {
      log.warn("Removed {} incomplete upload(s) left by an interrupted write.", removed[0]);
    }
    return removed[0];
  }

  /** The complete files under {@code top}, as paths relative to {@code root} with forward slashes. */
  static List<String> files(Path root, Path top, String part) throws IOException {
    if (!Files.isDirectory(top)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(top)) {
      return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
              && !file.getFileName().toString().endsWith(part))
          .map(file -> root.relativize(file).toString().replace('\\', '/')).toList();
    }
  }
}
