package org.plenary.ftp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.plenary.store.DocumentStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.plenary.contribution.IncomingUpload;

/**
 * The three kinds of transfer on a data connection: a listing (text), a file sent without copying
 * through the heap (sendfile; in TLS, 64 KiB chunks), and an upload received into the contribution
 * desk. Each answers "150" when its data connection is there and "226" only when it completed.
 */
final class Transfers {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Transfers.class);

  private Transfers() {}

  /**
   * Sends one line of text per node, written in chunks of about 64 KiB as the client reads them
   * ({@link ListingChunks}), so a listing costs a chunk of memory, whatever the folder's size.
   */
  static Reply sendLines(FtpSession session, String comesKey, List<FolderTree.Node> nodes,
      Function<FolderTree.Node, String> line) {
    return withData(session, null, channel -> {
      if (!session.protectData) {
        channel.pipeline().addLast(new ChunkedWriteHandler());
      }
      var chunks = new ListingChunks(nodes, line);
      send(session, channel, Reply.of(150, comesKey), chunks, chunks::bytes, null);
    });
  }

  /**
   * A document opened for a RETR, before anything is said: its local file, or a stream of the remote
   * store's ranged read. What a transfer that never started held is closed with it.
   */
  record Opened(FileChannel file, StreamChunks remote) implements AutoCloseable {

    @Override
    public void close() throws IOException {
      if (file != null) {
        file.close();
      }
      if (remote != null) {
        remote.close();
      }
    }
  }

  /**
   * Opens the file at {@code storePath}, {@code size} bytes long, to be sent from {@code offset}; null when
   * it is no longer there (moved since it was looked up). Opened here, on the command's worker: the
   * request to a remote store never runs on the event loop, and the version sent is the one opened,
   * whatever moves after (a file region given only the path would open it again once the data
   * connection is there).
   */
  static Opened open(DocumentStore store, String storePath, long offset, long size) throws IOException {
    Path file = store.local(storePath).orElse(null);
    try {
      if (file != null) {
        return new Opened(FileChannel.open(file), null);
      }
      return new Opened(null, new StreamChunks(store.open(storePath, offset, size), size - offset));
    } catch (java.nio.file.NoSuchFileException gone) {
      return null;
    }
  }

  /**
   * Sends an opened document from {@code offset}: as a file region (zero copy) or NIO chunks under TLS
   * when the store is local, otherwise as a stream of the store's ranged read.
   */
  static Reply sendFile(FtpSession session, String name, Opened opened, long offset, long length) {
    return withData(session, opened, channel -> sendOn(session, channel, name, opened, offset, length));
  }

  private static void sendOn(FtpSession session, Channel channel, String name, Opened opened, long offset,
      long length) {
    StreamChunks remote = opened.remote();
    Reply comes = offset > 0 ? Reply.of(150, "ftp.retr.sendingFrom", name, length, offset)
        : Reply.of(150, "ftp.retr.sending", name, length);
    Object body;
    try {
      if (remote != null) {
        if (!session.protectData) {
          channel.pipeline().addLast(new ChunkedWriteHandler());
        }
        ChunkedWriteHandler writer = channel.pipeline().get(ChunkedWriteHandler.class);
        body = remote.start(writer::resumeTransfer);
      } else if (session.protectData) {
        body = new ChunkedNioFile(opened.file(), offset, length, 64 * 1024);
      } else {
        body = new DefaultFileRegion(opened.file(), offset, length);
      }
    } catch (IOException e) {
      closeQuietly(opened);
      channel.close();
      session.transferEnded(Reply.of(451, "ftp.retr.unreadable"));
      return;
    }
    send(session, channel, comes, body, () -> length, FtpMetrics.Direction.DOWNLOAD);
  }

  static Reply receive(FtpSession session, IncomingUpload upload) {
    return withData(session, upload, channel -> {
      var receiver = new UploadReceiver(session, upload, channel);
      channel.config().setOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64 * 1024, 256 * 1024, 1024 * 1024));
      channel.pipeline().addLast(receiver);
      // Started before "150" goes out: an ABOR the client sends as soon as it reads "150" stops this transfer
      // instead of waiting behind it (and the data connection's end after it is then no whole file).
      session.started(receiver);
      session.send(Reply.of(150, "ftp.stor.ready", upload.fileName()));
      channel.config().setAutoRead(true);
    });
  }

  /**
   * Waits (without a thread) for the prepared data connection, sets it up for the session (TLS
   * under PROT P, the data timeout) and hands it to {@code start}; tells the client when none came.
   */
  private static Reply withData(FtpSession session, AutoCloseable held, Consumer<Channel> start) {
    DataConnection data;
    try {
      data = session.takeData();
    } catch (FtpRefusal refusal) {
      closeQuietly(held);
      throw refusal;
    }
    session.waitingForData(new FtpSession.Transfer() {
      @Override
      public void abort() {
        data.giveUp();
      }

      @Override
      public long bytes() {
        return 0;
      }

      @Override
      public void quit() {
        data.giveUp();
      }
    });
    data.open().addListener(opened -> {
      if (!opened.isSuccess()) {
        closeQuietly(held);
        session.transferEnded(Reply.of(425, "ftp.data.noConnection"));
        return;
      }
      Channel channel = (Channel) opened.getNow();
      if (session.protectData) {
        channel.pipeline().addLast(new FirstByte());
        channel.pipeline().addLast(session.gateway.tls().dataHandler(channel.alloc()));
        channel.pipeline().addLast(new ChunkedWriteHandler());
      }
      long timeout = session.gateway.settings().dataTimeout().toMillis();
      channel.pipeline().addLast(new IdleStateHandler(true, 0, 0, timeout, TimeUnit.MILLISECONDS));
      channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
          if (event instanceof IdleStateEvent) {
            ctx.fireExceptionCaught(new IOException("no data for " + timeout / 1000 + " seconds"));
            ctx.close();
          } else {
            ctx.fireUserEventTriggered(event);
          }
        }
      });
      start.accept(channel);
    });
    return Reply.LATER;
  }

  /** Drops what a transfer that never started held: an upload, or a stream from the store. */
  private static void closeQuietly(AutoCloseable held) {
    if (held == null) {
      return;
    }
    try {
      held.close();
    } catch (Exception e) {
      log.debug("Closing what a transfer that never started held failed: {}", e.toString());
    }
  }

  /**
   * A send: the transfer is started (ABOR and a closed control connection stop it from then on),
   * "150" goes out, then {@code body}; then the data connection closes and "226" follows if every
   * byte went out (counted as a transfer in {@code direction}, none for a listing), "426" if not.
   */
  private static void send(FtpSession session, Channel channel, Reply comes, Object body, LongSupplier bytes,
      FtpMetrics.Direction direction) {
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed TLS handshake or a reset: the write fails too, and its listener answers 426.
        log.debug("Data connection of a download failed: {}", cause.toString());
        ctx.close();
      }
    });
    var writing = new java.util.concurrent.atomic.AtomicReference<ChannelFuture>();
    // What STAT says during the send: the bytes handed to the connection so far.
    LongSupplier sofar = switch (body) {
      case DefaultFileRegion region -> region::transferred;
      case io.netty.handler.stream.ChunkedInput<?> input -> input::progress;
      default -> () -> 0;
    };
    session.started(new FtpSession.Transfer() {
      @Override
      public void abort() {
        channel.close();
      }

      @Override
      public long bytes() {
        ChannelFuture written = writing.get();
        return written != null && written.isDone() ? bytes.getAsLong() : sofar.getAsLong();
      }
    });
    session.send(comes);
    channel.config().setAutoRead(true);
    // Under PROT P the body goes out once the client's TLS handshake is done. An empty body (an empty folder's
    // listing, a pattern that matched nothing) was written at once and the connection closed under a handshake
    // still running: the client read close_notify for a ServerHello and failed the transfer that the control
    // connection called complete (curl then retried with PASV and took this "150" for its reply). A failed
    // handshake has closed the channel: the write fails and the client gets 426.
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    Future<?> ready = tls == null ? channel.newSucceededFuture() : tls.handshakeFuture();
    if (tls != null) {
      helloBound(channel, tls, session.gateway.settings().tlsHelloTimeout());
    }
    ready.addListener(handshake -> {
      // A client in clear text after PROT P (it waits for bytes, the handshake times out) is told so: "closed
      // before the transfer completed" sent it looking for a network fault.
      boolean notTls = !handshake.isSuccess();
      ChannelFuture written = channel.writeAndFlush(body);
      writing.set(written);
      written.addListener(done -> channel.close().addListener(closed -> {
        // An empty body "written" on a connection whose handshake failed succeeds: that was a 226 for nothing sent.
        boolean sent = done.isSuccess() && !notTls;
        if (sent && direction != null) {
          session.gateway.metrics().transferred(direction, bytes.getAsLong());
        }
        session.transferEnded(sent ? Reply.of(226, "ftp.transfer.complete")
            : Reply.of(426, notTls ? "ftp.transfer.tls" : "ftp.transfer.broken"));
      }));
    });
  }

  /**
   * A client that reads a download in clear text after PROT P sends nothing and waits; the handshake it never starts
   * ran into Netty's 10 s limit before the 426. A TLS client sends its first handshake bytes within a round trip of
   * the "150" (curl starts TLS once it has read it), so a data connection still silent after {@code hello} is closed:
   * its handshake fails and the client hears the 426 that names PROT P. A handshake that has begun keeps its 10 s.
   */
  private static void helloBound(Channel channel, SslHandler tls, java.time.Duration hello) {
    channel.eventLoop().schedule(() -> {
      if (!tls.handshakeFuture().isDone() && !channel.hasAttr(FirstByte.HEARD)) {
        channel.close();
      }
    }, hello.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Marks a data connection on which the client has sent something (under PROT P: its TLS hello), then leaves. */
  private static final class FirstByte extends ChannelInboundHandlerAdapter {
    static final io.netty.util.AttributeKey<Boolean> HEARD = io.netty.util.AttributeKey.valueOf("plenary.ftp.heard");

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ctx.channel().attr(HEARD).set(true);
      ctx.pipeline().remove(this);
      ctx.fireChannelRead(message);
    }
  }
}
