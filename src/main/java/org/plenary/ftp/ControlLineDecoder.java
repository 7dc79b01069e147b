package org.plenary.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts the control connection into command lines (ended by CRLF or LF), in strict UTF-8. A line
 * longer than the limit is dropped as it arrives (memory stays bounded) and reported as
 * {@link Refused}; so are lines with NUL bytes or invalid UTF-8. Telnet IAC sequences that some
 * clients put before ABOR are removed.
 */
final class ControlLineDecoder extends ByteToMessageDecoder {

  /** A line that is not a command: the reply to give, and whether to close the connection after it. */
  record Refused(Reply reply, boolean close) {}

  private static final int IAC = 0xFF;
  private final int maxLength;
  private boolean discarding;

  ControlLineDecoder(int maxLength) {
    this.maxLength = maxLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int end = in.forEachByte(in.readerIndex(), Math.min(in.readableBytes(), maxLength + 2), ByteProcessor.FIND_LF);
      if (end < 0) {
        if (in.readableBytes() > maxLength + 1 || discarding) {
          in.skipBytes(in.readableBytes());
          if (!discarding) {
            discarding = true;
            out.add(new Refused(Reply.of(500, "ftp.line.tooLong", maxLength), true));
          }
        }
        return;
      }
      ByteBuf line = in.readSlice(end - in.readerIndex());
      in.skipBytes(1);
      if (discarding) {
        discarding = false;
        continue;
      }
      out.add(decodeLine(line));
    }
  }

  /** Drops the bytes of an unfinished line (sent in clear before TLS starts); returns how many there were. */
  int discardBuffered() {
    ByteBuf buffered = internalBuffer();
    int bytes = buffered.readableBytes();
    buffered.skipBytes(bytes);
    discarding = false;
    return bytes;
  }

  private static Object decodeLine(ByteBuf line) {
    int start = line.readerIndex();
    int end = line.writerIndex();
    if (end > start && line.getByte(end - 1) == '\r') {
      end--;
    }
    while (end - start >= 2 && (line.getByte(start) & 0xFF) == IAC) {
      start += 2;
    }
    if (line.forEachByte(start, end - start, ByteProcessor.FIND_NUL) >= 0) {
      return new Refused(Reply.of(501, "ftp.line.nul"), false);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(line.nioBuffer(start, end - start)).toString();
    } catch (CharacterCodingException e) {
      return new Refused(Reply.of(501, "ftp.line.notUtf8"), false);
    }
  }
}
