package org.plenary.ftp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenary.account.Credentials;
import org.plenary.account.SignInThrottle;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.DocumentFolders;
import org.plenary.group.GroupCatalog;
import org.plenary.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts and stops the FTP gateway with the application: one acceptor thread, a few event-loop
 * threads for every connection, and a small pool of workers for commands that wait on the
 * database or a password hash.
 */
@Component
@EnableConfigurationProperties(FtpSettings.class)
public class FtpServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FtpServer.class);
  /**
   * SO_OOBINLINE on control connections, as vsftpd and ProFTPD set it: clients send ABOR as TCP
   * urgent data (lftp's urgent byte is the Telnet Data Mark of {@code IAC IP IAC DM ABOR}, Python's
   * ftplib makes the line's final LF urgent), and a socket that does not read urgent data inline
   * drops that byte from the stream: lftp's ABOR arrived as "BOR", ftplib's never ended. The JDK
   * supports the option on every NIO socket without naming it in a public class (null on a JDK
   * without it: ABOR then still works from clients that send it as an ordinary line).
   */
  static final ChannelOption<Boolean> URGENT_DATA_INLINE = urgentDataInline();

  private final FtpSettings settings;
  /** The meeting venue's shared addresses: no per-address cap applies to them (total caps still do). */
  private final org.plenary.shared.VenueAddresses venue;
  private final FolderTree tree;
  private final ContributionDesk desk;
  private final DocumentStore store;
  private final Credentials credentials;
  private final SignInThrottle throttle;
  private final FtpTls tls;
  private final FtpMetrics metrics;
  private final Map<String, Gateway.Command> commands;
  private final MessageSource messages;
  private final java.time.Duration grace;
  private ConnectionGate gate;
  private ThreadPoolExecutor workers;
  private EventLoopGroup acceptor;
  private EventLoopGroup loops;
  private Channel server;
  private Channel implicitServer;
  private Gateway gateway;

  FtpServer(FtpSettings settings, DocumentFolders folders, GroupCatalog groups, ContributionDesk desk,
      DocumentStore store, Credentials credentials, SignInThrottle throttle, @Value("${plenary.data-dir}") String dataDir,
      ObjectProvider<MeterRegistry> registry, MessageSource messages,
      @Value("${spring.lifecycle.timeout-per-shutdown-phase:20s}") java.time.Duration grace,
      @Value("${plenary.venue-addresses:}") String venueAddresses) {
    this.messages = messages;
    this.venue = org.plenary.shared.VenueAddresses.parse(venueAddresses);
    this.settings = settings;
    this.grace = grace;
    settings.passivePortRange();
    this.tree = new FolderTree(folders, groups, Instant.now());
    this.desk = desk;
    this.store = store;
    this.credentials = credentials;
    this.throttle = throttle;
    this.tls = new FtpTls(settings.tls(), Path.of(dataDir).toAbsolutePath());
    this.metrics = new FtpMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry));
    Map<String, Gateway.Command> table = new HashMap<>();
    SessionCommands.addTo(table);
    FolderCommands.addTo(table);
    TransferCommands.addTo(table);
    HashCommands.addTo(table);
    this.commands = Map.copyOf(table);
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      log.info("The FTP gateway is off (plenary.ftp.enabled=false).");
      return;
    }
    workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new DefaultThreadFactory("ftp-worker", true));
    workers.allowCoreThreadTimeOut(true);
    acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ftp-accept", true), NioIoHandler.newFactory());
    loops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("ftp-io", true), NioIoHandler.newFactory());
    var gateway = new Gateway(settings, tree, desk, store, credentials, throttle, tls, metrics, loops, workers, commands,
        new PassivePorts(settings.passivePortRange(), venue), messages, java.util.concurrent.ConcurrentHashMap.newKeySet());
    if (gateway.passivePorts().ranged() && gateway.passivePorts().size() < settings.maxConnections()) {
      log.warn("plenary.ftp.passive-ports holds {} ports for up to {} connections (plenary.ftp.max-connections): "
          + "when every port waits for a data connection, PASV and EPSV answer 425; one address may hold at most {}.",
          gateway.passivePorts().size(), settings.maxConnections(), gateway.passivePorts().perAddress());
    }
    this.gateway = gateway;
    if (URGENT_DATA_INLINE == null) {
      log.warn("This JDK's sockets lack SO_OOBINLINE: ABOR sent as urgent data (lftp, Python's ftplib) will not be understood.");
    }
    gate = new ConnectionGate(settings.maxConnections(), settings.maxConnectionsPerAddress(), venue, metrics,
        FtpWords.english(messages));
    ServerBootstrap bootstrap = bootstrap(channel -> channel.pipeline().addLast(gate,
        new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
        new ControlLineDecoder(settings.maxLineLength()),
        new FtpSession(gateway)));
    server = bootstrap.bind(address(settings.port())).syncUninterruptibly().channel();
    log.info("FTP gateway listening on {}.", server.localAddress());
    if (settings.implicitTlsPort() >= 0) {
      // The same gate (the limits count both ports together), the same sessions, behind TLS from the first byte.
      int plainPort = port();
      ServerBootstrap implicit = bootstrap(channel -> {
        channel.pipeline().addLast(new ImplicitTlsGuard(settings.tlsHelloTimeout(), plainPort, FtpWords.english(messages), metrics),
            tls.implicitHandler(channel.alloc()), gate,
            new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
            new ControlLineDecoder(settings.maxLineLength()),
            new FtpSession(gateway, true));
      });
      implicitServer = implicit.bind(address(settings.implicitTlsPort())).syncUninterruptibly().channel();
      log.info("FTP gateway listening for implicit FTPS on {}.", implicitServer.localAddress());
    }
  }

  private ServerBootstrap bootstrap(java.util.function.Consumer<SocketChannel> pipeline) {
    ServerBootstrap bootstrap = new ServerBootstrap().group(acceptor, loops).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            pipeline.accept(channel);
          }
        });
    if (URGENT_DATA_INLINE != null) {
      bootstrap.childOption(URGENT_DATA_INLINE, true);
    }
    return bootstrap;
  }

  private InetSocketAddress address(int port) {
    return settings.address().isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(settings.address(), port);
  }

  @SuppressWarnings("unchecked")
  private static ChannelOption<Boolean> urgentDataInline() {
    try (var probe = java.nio.channels.SocketChannel.open()) {
      return probe.supportedOptions().stream()
          .filter(option -> option.name().equals("SO_OOBINLINE") && option.type() == Boolean.class)
          .findFirst().map(option -> NioChannelOption.of((java.net.SocketOption<Boolean>) option))
          .orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * A graceful stop, in the web server's shutdown phase so that both drain at once: new connections
   * get 421, transfers in progress get {@code spring.lifecycle.timeout-per-shutdown-phase} (less a
   * second) to end, then every connection is closed, which abandons an unfinished upload (the store
   * keeps nothing of it).
   */
  @Override
  public void stop(Runnable callback) {
    if (server == null) {
      callback.run();
      return;
    }
    gate.close();
    Gateway stopping = gateway;
    stopping.sessions().forEach(FtpSession::serverStopping);
    Thread.ofPlatform().name("ftp-drain").daemon().start(() -> {
      long until = System.nanoTime() + Math.max(0, grace.toNanos() - 1_000_000_000L);
      while (metrics.transfersRunning() > 0 && System.nanoTime() < until) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          break;
        }
      }
      if (metrics.transfersRunning() > 0) {
        log.warn("Stopping the FTP gateway with {} transfer(s) unfinished; they are abandoned.", metrics.transfersRunning());
      }
      // Every session still open is told (426 for its transfer, then 421) and given a moment to hear it.
      stopping.sessions().forEach(FtpSession::serverStopped);
      long told = System.nanoTime() + 1_000_000_000L;
      while (!stopping.sessions().isEmpty() && System.nanoTime() < told) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          break;
        }
      }
      try {
        stop();
      } finally {
        callback.run();
      }
    });
  }

  @Override
  public int getPhase() {
    return org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
  }

  /** Closes the port and every connection; {@link #start()} may open them again (a paused test context does). */
  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    server = null;
    if (implicitServer != null) {
      implicitServer.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
      implicitServer = null;
    }
    // Bounded waits: a stuck connection must never keep the application from stopping.
    var loopsDone = loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var acceptorDone = acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownNow();
    if (!loopsDone.awaitUninterruptibly(5, TimeUnit.SECONDS) || !acceptorDone.awaitUninterruptibly(5, TimeUnit.SECONDS)) {
      log.warn("The FTP gateway's threads did not all stop within 5 seconds.");
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  /** The implicit FTPS port in use, or -1 when it is off. */
  public int implicitTlsPort() {
    return implicitServer == null ? -1 : ((InetSocketAddress) implicitServer.localAddress()).getPort();
  }

  /** The control port in use (the configured one, or the one picked for port 0). */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** The verbs of the gateway's command table (those it offers and those it answers 502). */
  java.util.Set<String> verbs() {
    return commands.keySet();
  }

  /** Whether the argument of {@code verb} is a path. */
  boolean commandNamesPath(String verb) {
    return commands.get(verb).namesPath();
  }
}
