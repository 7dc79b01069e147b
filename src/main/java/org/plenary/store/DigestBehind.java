package org.plenary.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Computes the SHA-256 of a large file on a thread of its own, reading back from the page cache
 * what the writer already wrote: the thread receiving the bytes only writes them, and on a
 * two-core machine hashing and receiving run side by side. {@link #finish} waits until every
 * byte has been hashed.
 */
final class DigestBehind implements AutoCloseable {

  private static final int READ_SIZE = 1 << 20;

  private final FileChannel reader;
  private final MessageDigest digest;
  private final Thread thread;
  private long hashed;
  private long written;
  private boolean stopped;
  private IOException failure;

  /** Continues {@code digest}, which has seen the first {@code hashed} bytes of {@code file}. */
  DigestBehind(Path file, MessageDigest digest, long hashed) throws IOException {
    this.reader = FileChannel.open(file, StandardOpenOption.READ);
    this.digest = digest;
    this.hashed = hashed;
    this.written = hashed;
    this.thread = new Thread(this::run, "store-digest");
    thread.setDaemon(true);
    thread.start();
  }

  /** The writer has written this many bytes in all. */
  synchronized void written(long total) {
    written = total;
    notifyAll();
  }

  /** Waits until all {@code total} bytes are hashed. */
  synchronized void finish(long total) throws IOException {
    written(total);
    try {
      while (hashed < total && failure == null) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(READ_SIZE);
    try {
      while (true) {
        long from;
        long to;
        synchronized (this) {
          while (hashed == written && !stopped) {
            wait();
          }
          if (stopped) {
            return;
          }
          from = hashed;
          to = Math.min(written, hashed + READ_SIZE);
        }
        buffer.clear().limit((int) (to - from));
        while (buffer.hasRemaining()) {
          if (reader.read(buffer, from + buffer.position()) < 0) {
            throw new IOException("the file ended before what was written");
          }
        }
        digest.update(buffer.flip());
        synchronized (this) {
          hashed = to;
          notifyAll();
        }
      }
    } catch (IOException e) {
      fail(e);
    } catch (InterruptedException e) {
      fail(new InterruptedIOException("stopped"));
    }
  }

  private synchronized void fail(IOException e) {
    failure = e;
    notifyAll();
  }

  @Override
  public void close() {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
    try {
      thread.join(5000);
      reader.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // the file is being removed or was complete
    }
  }
}
