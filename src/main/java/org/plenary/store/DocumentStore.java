package org.plenary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where document bytes live: a folder of the file system ({@code plenary.documents.store=fs}, the
 * default, {@link FileStore}) or a bucket of an S3-compatible object store ({@code s3},
 * {@link S3Store}). Paths are relative, with forward slashes
 * ({@code t/fg/cloud/docs/incoming/FG-Cloud-I-0001.docx}). Both keep the same promises: a write is
 * complete (size and SHA-256 known) or absent; nothing is ever written over an existing path; bytes
 * stream both ways without a whole file in memory.
 */
public interface DocumentStore {

  /** Where uploads are written before the register takes them; see {@link #sweep()}. */
  String STAGING = "staging";

  /** One move of a journal: the file went, or was about to go, from {@code from} to {@code to}. */
  record Move(String from, String to) {}

  /**
   * A file being written piece by piece: it appears at its path only when {@link #complete()}
   * succeeds, with size and SHA-256; closing it before that removes every byte written.
   */
  interface Writer extends AutoCloseable {

    /** Appends the buffer's remaining bytes; past the limit, throws {@link TooLargeException} and keeps nothing. */
    void write(ByteBuffer bytes) throws IOException;

    /** Appends everything the stream has, to its end. */
    default void writeAll(InputStream bytes) throws IOException {
      byte[] buffer = new byte[256 * 1024];
      for (int read; (read = bytes.read(buffer)) != -1; ) {
        write(ByteBuffer.wrap(buffer, 0, read));
      }
    }

    long size();

    /** Puts the file at its path in one step; fails, keeping nothing, if the path is taken. */
    StoredFile complete() throws IOException;

    /** Abandons an incomplete file: nothing of it remains. */
    @Override
    void close();
  }

  /**
   * Writes {@code bytes} to {@code path}, replacing nothing: the target must not exist. Throws
   * {@link TooLargeException} past {@code maxSize} bytes, leaving nothing behind.
   */
  default StoredFile write(String path, InputStream bytes, long maxSize) {
    try (Writer writer = create(path, maxSize)) {
      writer.writeAll(bytes);
      return writer.complete();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a file to be written piece by piece (an FTP transfer arriving in network buffers). */
  Writer create(String path, long maxSize);

  /**
   * Opens a file that a transaction will {@link #move} to {@code destination} once it is complete (an
   * upload waiting for the register). {@link Writer#complete()} answers a path under {@link #STAGING},
   * which may only be moved to {@code destination} or deleted. The file system stages it as a file of
   * its own and moves it by a link; a store whose moves are copies (S3) sends the bytes towards the
   * destination at once and the move only makes them appear there. Nothing is visible at the
   * destination before the move; nothing at all remains if the writer closes or the staged path is
   * deleted first.
   */
  default Writer stage(String destination, long maxSize) {
    StorePaths.check(destination);
    return create(STAGING + "/" + java.util.UUID.randomUUID(), maxSize);
  }

  /** Moves a complete file to another path (publication); the target must not exist. */
  void move(String from, String to);

  void delete(String path);

  /** Makes a published file read-only where the store can: published documents never change. */
  void seal(String path);

  boolean exists(String path);

  /**
   * The bytes {@code from} (inclusive) to {@code to} (exclusive) of a complete file, streamed;
   * {@link java.nio.file.NoSuchFileException} when no file is at the path (moved since it was looked up).
   */
  InputStream open(String path, long from, long to) throws IOException;

  /** The file on this machine's disk when the store is local (for sendfile); empty otherwise. */
  Optional<Path> local(String path);

  /**
   * Removes what a crash left unacknowledged: partial writes and files staged for an upload whose
   * transaction never committed. A shared store removes only what is older than its stale bound,
   * since other nodes may be writing.
   */
  int sweep() throws IOException;

  /**
   * Every complete file under these top folders ({@code t}, {@code history}), as store paths; on a
   * shared store only those older than its stale bound (a younger one may be a move in progress on
   * another node, not yet in the register).
   */
  List<String> files(String... folders) throws IOException;

  /** Moves a file that no register knows out of the way, where an operator can look at it; says where. */
  String quarantine(String path);

  /** Notes in journal {@code id}, before it is done, that a file moves from {@code from} to {@code to}. */
  void journal(String id, String from, String to);

  /** The moves of journal {@code id} are settled (committed, or undone): forgets it. */
  void endJournal(String id);

  /** The journals a stopped process left, each with its moves in the order they were made. */
  Map<String, List<Move>> journals() throws IOException;

  /** Whether the store answers (the folder is writable, the bucket reachable); a sentence when not. */
  Optional<String> problem();
}
