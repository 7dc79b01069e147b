package org.plenary.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * A listing written as the data connection takes it: each chunk holds the next lines, about 64 KiB,
 * so that listing a folder of 100,000 documents holds one chunk in memory besides the folder's
 * entries (which the register's cache keeps anyway), never the whole text.
 */
final class ListingChunks implements ChunkedInput<ByteBuf> {

  static final int CHUNK = 64 * 1024;

  private final List<FolderTree.Node> nodes;
  private final Function<FolderTree.Node, String> line;
  private int next;
  private long bytes;

  ListingChunks(List<FolderTree.Node> nodes, Function<FolderTree.Node, String> line) {
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
    ByteBuf chunk = allocator.buffer(CHUNK + 1024);
    while (next < nodes.size() && chunk.writerIndex() < CHUNK) {
      chunk.writeCharSequence(line.apply(nodes.get(next++)), StandardCharsets.UTF_8);
    }
    bytes += chunk.readableBytes();
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
