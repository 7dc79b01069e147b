package org.plenary.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.util.List;

/**
 * A listing written as the data connection takes it: each chunk holds the next lines, about 64 KiB,
 * so that listing a folder of 100,000 documents holds one chunk in memory besides the folder's
 * entries (which the register's cache keeps anyway), never the whole text. A chunk's lines are
 * written into one {@link LineBuffer} and copied into the chunk at once.
 */
final class ListingChunks implements ChunkedInput<ByteBuf> {

  static final int CHUNK = 64 * 1024;

  /** Writes one node's line. */
  @FunctionalInterface
  interface Line {
    void write(FolderTree.Node node, LineBuffer out);
  }

  private final List<FolderTree.Node> nodes;
  private final Line line;
  private final LineBuffer lines = new LineBuffer(CHUNK + 1024);
  private int next;
  private long bytes;

  ListingChunks(List<FolderTree.Node> nodes, Line line) {
    this.nodes = nodes;
    this.line = line;
  }

  @Override
  public boolean isEndOfInput() {
    return next >= nodes.size();
  }

  @Override
  public void close() {
    next = nodes.size();
  }

  @Deprecated
  @Override
  public ByteBuf readChunk(ChannelHandlerContext ctx) {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) {
    if (isEndOfInput()) {
      return null;
    }
    lines.clear();
    while (next < nodes.size() && lines.size() < CHUNK) {
      line.write(nodes.get(next++), lines);
    }
    ByteBuf chunk = allocator.buffer(lines.size());
    chunk.writeBytes(lines.array(), 0, lines.size());
    bytes += lines.size();
    return chunk;
  }

  /** The length is not known ahead: lines are written as they are read. */
  @Override
  public long length() {
    return -1;
  }

  @Override
  public long progress() {
    return bytes;
  }

  /** Bytes handed to the connection so far. */
  long bytes() {
    return bytes;
  }
}
