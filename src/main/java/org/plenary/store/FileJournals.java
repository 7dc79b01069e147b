package org.plenary.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.plenary.shared.PrivateFiles;

/** The journals of the {@link FileStore}: one file per journal, a line per move, appended before the move. */
final class FileJournals {

  private final Path folder;
  private final boolean fsync;

  FileJournals(Path folder, boolean fsync) {
    this.folder = folder;
    this.fsync = fsync;
  }

  void append(String id, String from, String to) {
    Path journal = folder.resolve(id);
    try {
      PrivateFiles.createDirectories(folder);
      try (var channel = FileChannel.open(journal, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND), PrivateFiles.fileAttribute())) {
        channel.write(ByteBuffer.wrap((from + "\t" + to + "\n").getBytes(StandardCharsets.UTF_8)));
        if (fsync) {
          channel.force(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void end(String id) {
    FileStore.deleteQuietly(folder.resolve(id));
  }

  Map<String, List<DocumentStore.Move>> all() throws IOException {
    var journals = new TreeMap<String, List<DocumentStore.Move>>();
    if (!Files.isDirectory(folder)) {
      return journals;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        journals.put(file.getFileName().toString(), parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
      }
    }
    return journals;
  }

  /** The moves of a journal's lines ({@code from TAB to}); a torn last line is skipped. */
  static List<DocumentStore.Move> parse(List<String> lines) {
    var moves = new ArrayList<DocumentStore.Move>();
    for (String line : lines) {
      String[] parts = line.split("\t");
      if (parts.length == 2) {
        moves.add(new DocumentStore.Move(parts[0], parts[1]));
      }
    }
    return moves;
  }
}
