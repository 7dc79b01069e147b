package org.plenary.archive;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Bytes {@code from} (inclusive) to {@code to} (exclusive) of a file on this machine's disk, read
 * as a stream, or handed out as memory mapped from the file (the page cache itself: no copy into
 * the heap, no read call) for a writer that takes buffers. A file shorter than {@code to} is an
 * {@link IOException} before a byte is read.
 */
final class FileRegion extends InputStream {

  /** Mapped a window at a time: each is unmapped as soon as it is written. */
  private static final long WINDOW = 16L << 20;

  private final Path file;
  private final FileChannel channel;
  private long position;
  private final long end;

  private FileRegion(Path file, FileChannel channel, long from, long to) {
    this.file = file;
    this.channel = channel;
    this.position = from;
    this.end = to;
  }

  /** The region as a stream, which closes the file with itself. */
  static InputStream open(Path file, long from, long to) throws IOException {
    FileChannel channel = opened(file, from, to);
    return new FileRegion(file, channel, from, to);
  }

  /**
   * Gives the region to {@code sink} as read-only buffers mapped from the file, each valid only
   * until {@code sink} returns (it must write or copy it at once, on this thread).
   */
  static void send(Path file, long from, long to, Consumer<ByteBuffer> sink) throws IOException {
    try (FileChannel channel = opened(file, from, to)) {
      for (long at = from; at < to; at += WINDOW) {
        long size = Math.min(WINDOW, to - at);
        try (Arena arena = Arena.ofConfined()) {
          sink.accept(channel.map(FileChannel.MapMode.READ_ONLY, at, size, arena).asByteBuffer());
        }
      }
    }
  }

  private static FileChannel opened(Path file, long from, long to) throws IOException {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("No bytes " + from + " to " + to + " in " + file);
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      if (channel.size() < to) {
        throw new IOException(file + " is shorter than its manifest says.");
      }
      return channel;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (position >= end) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position)), position);
    if (n < 0) {
      throw new IOException(file + " is shorter than its manifest says.");
    }
    position += n;
    return n;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
