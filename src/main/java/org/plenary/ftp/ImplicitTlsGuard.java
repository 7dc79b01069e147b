package org.plenary.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a connection to the implicit FTPS port, in front of its {@link SslHandler}: it lets a TLS
 * client's first record through, and answers a client that speaks clear text, or waits in silence for a "220" that
 * will never come in clear, with a clear-text 421 that says where clear text is spoken (vsftpd's implicit port just
 * fails the handshake, and the client shows a bare "connection closed"). Its replies bypass TLS: it sits before it.
 */
final class ImplicitTlsGuard extends ByteToMessageDecoder {

  /** A TLS record header is five bytes; SslHandler tells whether they start one. */
  private static final int RECORD_HEADER = 5;

  private final Duration silence;
  private final FtpWords english;
  private final FtpMetrics metrics;
  /** The port of plain FTP and AUTH TLS, named in the reply. */
  private final String plainPort;
  private ScheduledFuture<?> timer;

  ImplicitTlsGuard(Duration silence, int plainPort, FtpWords english, FtpMetrics metrics) {
    this.silence = silence;
    this.plainPort = String.valueOf(plainPort);
    this.english = english;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    timer = ctx.executor().schedule(() -> refuse(ctx, "ftp.implicit.silent"), silence.toMillis(), TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < RECORD_HEADER) {
      // A clear-text command line shorter than a record header ("PWD\r\n" is one): its end says it is not TLS.
      if (in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n') >= 0) {
        in.skipBytes(in.readableBytes());
        refuse(ctx, "ftp.implicit.clear");
      }
      return;
    }
    if (!SslHandler.isEncrypted(in, false)) {
      in.skipBytes(in.readableBytes());
      refuse(ctx, "ftp.implicit.clear");
      return;
    }
    cancelTimer();
    // What was read goes on to TLS with the rest: the decoder hands its buffer on as it leaves.
    ctx.pipeline().remove(this);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    cancelTimer();
  }

  private void refuse(ChannelHandlerContext ctx, String key) {
    cancelTimer();
    if (!ctx.channel().isActive()) {
      return;
    }
    Reply reply = Reply.of(421, key, plainPort);
    metrics.replied(reply);
    ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.bytes(english))).addListener(ChannelFutureListener.CLOSE);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
