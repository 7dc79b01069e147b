package org.plenary.store;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The rest of a large file written with O_DIRECT, straight from aligned buffers to the disk: no copy
 * into the page cache (which costs as much CPU as the disk costs time, and competes with hashing
 * and the network for the cores) and no long flush at the end, since the bytes are already on the
 * device: a large upload is durable when it is acknowledged. A writer thread of its own writes
 * one 4 MiB chunk while the caller fills the next; the caller waits only when the disk is behind.
 * Buffers come from a pool of {@value #POOL_CHUNKS} chunks for the whole process; when the pool is
 * empty, or the file system has no O_DIRECT (tmpfs), the file is written the ordinary way.
 */
final class DirectWrites implements AutoCloseable {

  static final int CHUNK = 4 << 20;
  private static final int CHUNKS_PER_FILE = 3;
  private static final int POOL_CHUNKS = 24;
  private static final Semaphore BUDGET = new Semaphore(POOL_CHUNKS);
  private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private record Job(ByteBuffer buffer, long position) {}

  private final FileChannel channel;
  private final int block;
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS_PER_FILE);
  private final BlockingQueue<Job> full = new ArrayBlockingQueue<>(CHUNKS_PER_FILE + 1);
  private final Thread writer;
  private ByteBuffer current;
  private long position;
  private volatile IOException failure;
  private boolean closed;

  private DirectWrites(FileChannel channel, int block) {
    this.channel = channel;
    this.block = block;
    for (int i = 0; i < CHUNKS_PER_FILE; i++) {
      ByteBuffer pooled = POOL.poll();
      free.add(pooled != null ? pooled : ByteBuffer.allocateDirect(CHUNK + block).alignedSlice(block).limit(CHUNK).slice());
    }
    this.writer = new Thread(this::writeChunks, "store-direct-writer");
    writer.setDaemon(true);
  }

  /**
   * Continues the file {@code part}, of which {@code written} bytes went through {@code buffered},
   * with direct writes; empty when that is not possible here and now.
   */
  static Optional<DirectWrites> continuing(Path part, FileChannel buffered, long written) {
    if (!BUDGET.tryAcquire(CHUNKS_PER_FILE)) {
      return Optional.empty();
    }
    DirectWrites direct = null;
    try {
      long size = Files.getFileStore(part).getBlockSize();
      if (size <= 0 || size > 64 * 1024 || CHUNK % size != 0) {
        BUDGET.release(CHUNKS_PER_FILE);
        return Optional.empty();
      }
      int block = (int) size;
      FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
      direct = new DirectWrites(channel, block);
      direct.position = written - written % block;
      direct.current = direct.free.take();
      ByteBuffer tail = direct.current.duplicate().limit((int) (written - direct.position));
      while (tail.hasRemaining()) {
        if (buffered.read(tail, direct.position + tail.position()) < 0) {
          throw new IOException("the file is shorter than what was written");
        }
      }
      direct.current.position((int) (written - direct.position));
      direct.writer.start();
      return Optional.of(direct);
    } catch (IOException | UnsupportedOperationException | InterruptedException notHere) {
      if (direct != null) {
        direct.close();
      } else {
        BUDGET.release(CHUNKS_PER_FILE);
      }
      return Optional.empty();
    }
  }

  /** Appends the bytes; waits when every chunk is queued for the disk. */
  void write(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      rethrow();
      int count = Math.min(current.remaining(), bytes.remaining());
      current.put(bytes.duplicate().limit(bytes.position() + count));
      bytes.position(bytes.position() + count);
      if (!current.hasRemaining()) {
        queue(current.flip());
        position += CHUNK;
        current = take();
      }
    }
  }

  /** Writes the last block (padded, then cut to {@code size}) and puts everything on the device. */
  void finish(long size) throws IOException {
    int length = current.position();
    if (length > 0) {
      int padded = (length + block - 1) / block * block;
      queue(current.limit(padded).position(padded).flip());
      current = null;
    }
    queue(END);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
    rethrow();
    channel.truncate(size);
    channel.force(true);
  }

  private void writeChunks() {
    try {
      for (Job job; (job = full.take()).buffer() != END; ) {
        ByteBuffer buffer = job.buffer();
        long at = job.position();
        while (buffer.hasRemaining()) {
          at += channel.write(buffer, at);
        }
        free.put(buffer.clear());
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = new InterruptedIOException("stopped");
    }
  }

  private void queue(ByteBuffer buffer) throws IOException {
    try {
      while (!full.offer(new Job(buffer, position), 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        rethrow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  private ByteBuffer take() throws IOException {
    try {
      ByteBuffer next;
      while ((next = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
        rethrow();
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  private void rethrow() throws IOException {
    IOException failed = failure;
    if (failed != null) {
      throw new IOException("writing to disk failed: " + failed.getMessage(), failed);
    }
  }

  /** Stops the writer and gives the buffers back to the pool (the file itself is the caller's). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.interrupt();
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing after a failure; the caller removes the file
    }
    if (current != null) {
      POOL.add(current.clear());
    }
    for (ByteBuffer buffer; (buffer = free.poll()) != null; ) {
      POOL.add(buffer.clear());
    }
    for (Job job; (job = full.poll()) != null; ) {
      if (job.buffer() != END) {
        POOL.add(job.buffer().clear());
      }
    }
    BUDGET.release(CHUNKS_PER_FILE);
  }
}
