package org.plenary.ftp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data connection of one transfer. Passive: a listener on a port of the passive range that
 * accepts one connection, only from the control connection's address (anyone else is closed at
 * once: no passive hijacking), and gives up after the data timeout. Active: a connection Plenary
 * opens to the client's own address, on a port the command checked. Either way the accepted
 * channel does not read until the transfer starts.
 */
final class DataConnection {

  private static final Logger log = LoggerFactory.getLogger(DataConnection.class);

  private final Gateway gateway;
  private final Promise<Channel> ready;
  private final InetSocketAddress activeTarget;
  private Channel listener;
  /** The remote address whose waiting listener this is ({@link PassivePorts#claim}), released once with it. */
  private InetAddress claimant;
  private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

  private DataConnection(Gateway gateway, InetSocketAddress activeTarget) {
    this.gateway = gateway;
    this.ready = gateway.dataLoops().next().newPromise();
    this.activeTarget = activeTarget;
  }

  /**
   * PASV or EPSV: once the client's address has a slot of its share of the range ({@link PassivePorts}), listens for
   * the data connection, makes it the session's, and answers what {@code reply} says of it. With a slot free that is
   * now; else the command waits its turn (at most {@code plenary.ftp.passive-wait}, or the data timeout if shorter) and
   * answers then, or 425 if no slot came.
   */
  static Reply passive(FtpSession session, java.util.function.Function<DataConnection, Reply> reply) {
    PassivePorts ports = session.gateway.passivePorts();
    InetAddress client = session.clientAddress();
    if (ports.tryClaim(client)) {
      return listen(session, reply);
    }
    FtpSettings settings = session.gateway.settings();
    java.time.Duration wait = settings.dataTimeout().compareTo(settings.passiveWait()) < 0
        ? settings.dataTimeout() : settings.passiveWait();
    ports.queue(client, wait, session.control().eventLoop(), () -> {
      try {
        session.gateway.workers().execute(() -> {
          Reply answer;
          try {
            answer = listen(session, reply);
          } catch (FtpRefusal refusal) {
            answer = refusal.reply();
          }
          session.finish(answer);
        });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        ports.release(client);
      }
    }, () -> session.finish(Reply.of(425, "ftp.pasv.address", String.valueOf(ports.perAddress()))));
    return Reply.LATER;
  }

  private static Reply listen(FtpSession session, java.util.function.Function<DataConnection, Reply> reply) {
    DataConnection data = claimed(session);
    session.prepareData(data);
    return reply.apply(data);
  }

  /** Listens on the control connection's local address, on a port of the passive range; the slot is claimed. */
  private static DataConnection claimed(FtpSession session) {
    Gateway gateway = session.gateway;
    var connection = new DataConnection(gateway, null);
    InetAddress local = ((InetSocketAddress) session.control().localAddress()).getAddress();
    InetAddress client = session.clientAddress();
    ServerBootstrap bootstrap = new ServerBootstrap().group(gateway.dataLoops()).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            if (!channel.remoteAddress().getAddress().equals(client)) {
              log.warn("Refused a passive data connection from {}: the session belongs to {}.", channel.remoteAddress(), client);
              channel.close();
            } else if (!connection.ready.trySuccess(channel)) {
              channel.close();
            } else {
              connection.closeListener();
            }
          }
        });
    connection.claimant = client;
    try {
      connection.listener = bind(bootstrap, local, gateway);
    } catch (RuntimeException e) {
      connection.release();
      throw e;
    }
    long timeout = gateway.settings().dataTimeout().toMillis();
    connection.listener.eventLoop().schedule(() -> {
      if (connection.ready.tryFailure(new IllegalStateException("no data connection"))) {
        connection.closeListener();
      }
    }, timeout, TimeUnit.MILLISECONDS);
    return connection;
  }

  /** Prepares a connection to the client's address and port, opened when the transfer starts. */
  static DataConnection active(FtpSession session, InetSocketAddress target) {
    return new DataConnection(session.gateway, target);
  }

  int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The connected data channel, once there is one. */
  Future<Channel> open() {
    if (activeTarget != null && !ready.isDone()) {
      ChannelFuture connect = new Bootstrap().group(gateway.dataLoops()).channel(NioSocketChannel.class)
          .option(ChannelOption.AUTO_READ, false)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) gateway.settings().dataTimeout().toMillis())
          .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
          .connect(activeTarget);
      connect.addListener(done -> {
        if (done.isSuccess()) {
          if (!ready.trySuccess(connect.channel())) {
            connect.channel().close();
          }
        } else {
          ready.tryFailure(done.cause());
        }
      });
    }
    return ready;
  }

  /**
   * Stops waiting for the connection (ABOR or QUIT before it came): the listener closes and the wait
   * fails. A connection that already came is left to the transfer, which is stopped as it starts.
   */
  void giveUp() {
    closeListener();
    ready.tryFailure(new IllegalStateException("given up"));
  }

  void close() {
    closeListener();
    if (!ready.tryFailure(new IllegalStateException("closed")) && ready.isSuccess()) {
      ready.getNow().close();
    }
  }

  private void closeListener() {
    if (listener != null) {
      listener.close();
    }
    release();
  }

  private void release() {
    if (claimant != null && released.compareAndSet(false, true)) {
      gateway.passivePorts().release(claimant);
    }
  }

  private static Channel bind(ServerBootstrap bootstrap, InetAddress local, Gateway gateway) {
    PassivePorts ports = gateway.passivePorts();
    if (!ports.ranged()) {
      return bootstrap.bind(local, 0).syncUninterruptibly().channel();
    }
    for (int attempt = 0; attempt < ports.size(); attempt++) {
      int port = ports.nextPort();
      ChannelFuture bound = bootstrap.bind(local, port).awaitUninterruptibly();
      if (bound.isSuccess()) {
        return bound.channel();
      }
    }
    throw new FtpRefusal(425, "ftp.pasv.full");
  }
}
