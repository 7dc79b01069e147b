package org.plenary.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A document read from a store that is not on this machine (S3), handed to Netty chunk by chunk
 * without ever blocking the event loop: a virtual thread of its own reads the stream a few chunks
 * ahead and wakes the {@link io.netty.handler.stream.ChunkedWriteHandler} ({@code resume}) when a
 * chunk is ready; the event loop only takes what is there. (A {@code ChunkedStream} would read the
 * network stream on the event loop, stalling every session of that loop while S3 answers.)
 */
final class StreamChunks implements ChunkedInput<ByteBuf>, AutoCloseable {

  private static final int CHUNK = 64 * 1024;
  private static final int AHEAD = 8;
  private static final ByteBuf END = Unpooled.EMPTY_BUFFER;

  private final InputStream in;
  private final long length;
  private final BlockingQueue<ByteBuf> ready = new ArrayBlockingQueue<>(AHEAD + 1);
  private final Thread reader;
  private volatile Runnable resume = () -> { };
  private volatile IOException failure;
  private boolean ended;
  private long sent;

  StreamChunks(InputStream in, long length) {
    this.in = in;
    this.length = length;
    this.reader = Thread.ofVirtual().name("ftp-retr-reader").unstarted(this::readAhead);
  }

  /** Starts reading; {@code resume} is called (from the reader) each time a chunk is ready. */
  StreamChunks start(Runnable resume) {
    this.resume = resume;
    reader.start();
    return this;
  }

  private void readAhead() {
    try (in) {
      while (true) {
        byte[] chunk = in.readNBytes(CHUNK);
        if (chunk.length == 0) {
          break;
        }
        ready.put(Unpooled.wrappedBuffer(chunk));
        resume.run();
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException closed) {
      return;
    }
    try {
      ready.put(END);
    } catch (InterruptedException closed) {
      return;
    }
    resume.run();
  }

  @Override
  public boolean isEndOfInput() throws Exception {
    if (!ended && ready.peek() == END) {
      ready.poll();
      ended = true;
    }
    if (ended && failure != null) {
      throw failure;
    }
    return ended;
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
    if (isEndOfInput()) {
      return null;
    }
    ByteBuf chunk = ready.poll();
    if (chunk == null || chunk == END) {
      if (chunk == END) {
        ended = true;
      }
      return null;
    }
    sent += chunk.readableBytes();
    return chunk;
  }

  @Deprecated
  @Override
  public ByteBuf readChunk(io.netty.channel.ChannelHandlerContext context) throws Exception {
    return readChunk(context.alloc());
  }

  @Override
  public void close() {
    reader.interrupt();
    for (ByteBuf left; (left = ready.poll()) != null; ) {
      left.release();
    }
    try {
      in.close();
    } catch (IOException ignored) {
      // the download ended or broke; nothing more to read
    }
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long progress() {
    return sent;
  }
}
