package org.plenary.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * {@link Refused} once its end arrives, the session going on with the next line (as ProFTPD does: a client that
 * sent a 100,000-character path is told so and may carry on); a line still without its end after
 * {@link #ENDLESS} times the limit is no command at all, and ends the connection. Lines with NUL bytes or invalid
 * UTF-8 are refused too. The control connection is a
 * Telnet stream (RFC 959, 4.1.3): Telnet commands are removed wherever they are in a line, such as
 * the {@code IAC IP IAC DM} that lftp and others put before ABOR (see {@link FtpServer} for the
 * urgent byte that carries the Data Mark).
 */
final class ControlLineDecoder extends ByteToMessageDecoder {

  /** A line that is not a command: the reply to give, and whether to close the connection after it. */
  record Refused(Reply reply, boolean close) {}

  private static final int IAC = 0xFF;
  /** Telnet's WILL, WONT, DO and DONT take an option byte after the command. */
  private static final int WILL = 251;
  /** The lowest Telnet command byte (SE); a byte below it after IAC is no command. */
  private static final int SE = 240;
  /** How many times the limit a line may run on before the connection is closed rather than the line refused. */
  static final int ENDLESS = 64;
  private final int maxLength;
  private boolean discarding;
  private long discarded;

  ControlLineDecoder(int maxLength) {
    this.maxLength = maxLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      // A line being dropped ends at its LF wherever that is in what arrived; a new line is looked at up to the limit.
      int length = discarding ? in.readableBytes() : Math.min(in.readableBytes(), maxLength + 2);
      int end = in.forEachByte(in.readerIndex(), length, ByteProcessor.FIND_LF);
      if (end < 0) {
        if (!discarding) {
          if (in.readableBytes() <= maxLength + 1) {
            return;
          }
          // Over the limit: the line is dropped up to its end, which may already be in what arrived.
          discarding = true;
          continue;
        }
        discarded += in.readableBytes();
        in.skipBytes(in.readableBytes());
        if (discarded > (long) ENDLESS * maxLength) {
          discarded = Long.MIN_VALUE;
          out.add(new Refused(Reply.of(500, "ftp.line.tooLong", maxLength), true));
        }
        return;
      }
      if (discarding) {
        in.readerIndex(end + 1);
        discarding = false;
        if (discarded >= 0) {
          out.add(new Refused(Reply.of(500, "ftp.line.tooLong", maxLength), false));
        }
        discarded = 0;
        continue;
      }
      ByteBuf line = in.readSlice(end - in.readerIndex());
      in.skipBytes(1);
      out.add(decodeLine(line));
    }
  }

  /** Drops the bytes of an unfinished line (sent in clear before TLS starts); returns how many there were. */
  int discardBuffered() {
    ByteBuf buffered = internalBuffer();
    int bytes = buffered.readableBytes();
    buffered.skipBytes(bytes);
    discarding = false;
    discarded = 0;
    return bytes;
  }

  private static Object decodeLine(ByteBuf line) {
    if (line.isReadable() && line.getByte(line.writerIndex() - 1) == '\r') {
      line.writerIndex(line.writerIndex() - 1);
    }
    ByteBuf text = withoutTelnetCommands(line);
    if (text.forEachByte(ByteProcessor.FIND_NUL) >= 0) {
      return new Refused(Reply.of(501, "ftp.line.nul"), false);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(text.nioBuffer()).toString();
    } catch (CharacterCodingException e) {
      return new Refused(Reply.of(501, "ftp.line.notUtf8"), false);
    }
  }

  /**
   * The line without its Telnet commands (RFC 854): {@code IAC IAC} stays one 0xFF byte (which
   * UTF-8 then refuses), {@code IAC WILL|WONT|DO|DONT option} and {@code IAC command} go, and an
   * IAC followed by no command (its urgent byte went out of band) goes alone. UTF-8 never holds
   * 0xFF, so no command line loses a byte of its text.
   */
  private static ByteBuf withoutTelnetCommands(ByteBuf line) {
    if (line.indexOf(line.readerIndex(), line.writerIndex(), (byte) IAC) < 0) {
      return line;
    }
    byte[] text = new byte[line.readableBytes()];
    int length = 0;
    int i = line.readerIndex();
    int end = line.writerIndex();
    while (i < end) {
      int b = line.getUnsignedByte(i);
      if (b != IAC) {
        text[length++] = (byte) b;
        i++;
        continue;
      }
      int command = i + 1 < end ? line.getUnsignedByte(i + 1) : -1;
      if (command == IAC) {
        text[length++] = (byte) IAC;
        i += 2;
      } else if (command >= WILL) {
        i += 3;
      } else if (command >= SE) {
        i += 2;
      } else {
        i++;
      }
    }
    return Unpooled.wrappedBuffer(text, 0, length);
  }
}
