package org.plenary.ftp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Standing;
import org.plenary.contribution.ContributionRefusedException;
import org.plenary.shared.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection. Commands run one at a time, in order, on the gateway's worker threads
 * (they may need the database or a password hash); lines that arrive meanwhile wait in a short
 * queue. ABOR, STAT and NOOP are answered at once during a transfer: clients that keep the control
 * connection alive during a long transfer (Apache Commons Net's control keep-alive) send a NOOP every
 * few seconds and wait for each reply. QUIT during a transfer is answered after it, as RFC 959 says
 * and vsftpd does: a download runs to its end, then its reply and "221"; an upload not yet answered
 * is not kept (see {@link Transfer#quit}). No thread is held while a session is idle or a transfer runs.
 */
final class FtpSession extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(FtpSession.class);
  private static final int MAX_QUEUED = 32;
  /**
   * Commands that use the prepared data connection; when one is refused, the connection is left to the client, as
   * vsftpd leaves it (see {@link #run}).
   */
  private static final java.util.Set<String> TRANSFERS = java.util.Set.of("LIST", "NLST", "MLSD", "RETR", "STOR", "APPE",
      "STOU");

  /** A running transfer, which ABOR or a closed control connection stops. */
  interface Transfer {
    void abort();

    long bytes();

    /**
     * The client sent QUIT before this transfer's reply. A download (or a listing) carries on: the client
     * may still be reading it, and its reply comes before "221". An upload is stopped and not kept: a
     * client that says QUIT before hearing whether its file arrived has given up on it (Python's ftplib
     * leaving a {@code with} block after an interrupted {@code storbinary} closes the data connection,
     * cleanly, and sends QUIT: the end of the stream is not the end of the file). A transfer still
     * waiting for its data connection gives up the wait.
     */
    default void quit() {}
  }

  final Gateway gateway;
  private Channel control;
  /** Lines (or {@link ControlLineDecoder.Refused} lines) that arrived while a command ran, in order. */
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean abortRequested;
  /** The server is stopping: the session ends with 421 once its command or transfer has its reply. */
  private boolean stopping;
  /** QUIT came during a transfer: the session ends with 221 after the transfer's reply; later lines are ignored. */
  private boolean quitting;

  // What the commands read and change; one command runs at a time, so no two threads write these at once.
  volatile PlenaryUser user;
  volatile boolean anonymous;
  volatile String pendingUser;
  volatile FtpPath cwd = FtpPath.ROOT;
  volatile long restartAt;
  /** The REST offset the running transfer command took (and cleared from {@link #restartAt}) before it ran. */
  volatile long restartTaken;
  volatile boolean tls;
  volatile boolean pbsz;
  volatile boolean protectData;
  volatile boolean epsvAll;
  /** The facts MLST and MLSD write: all until OPTS MLST chooses (RFC 3659, 7.9). */
  volatile java.util.Set<String> mlstFacts = ListingFormat.ALL_FACTS;
  private volatile DataConnection data;
  /** The transfer running, or the one waiting for its data connection: ABOR, STAT, QUIT and NOOP act on it. */
  private volatile Transfer transfer;
  /** Whether {@link #transfer} has started (and is counted in the metrics), rather than waiting for its data connection. */
  private boolean transferCounted;
  private boolean counted;
  /** The language of the replies' sentences: English until the client sends LANG (RFC 2640). */
  private volatile FtpWords words;

  FtpSession(Gateway gateway) {
    this(gateway, false);
  }

  /**
   * A session of the implicit FTPS port when {@code implicitTls}: in TLS from its first byte, with data connections
   * in TLS as after {@code PBSZ 0} and {@code PROT P} (as vsftpd's {@code implicit_ssl}); {@code PROT C} may still
   * ask for clear data.
   */
  FtpSession(Gateway gateway, boolean implicitTls) {
    this.gateway = gateway;
    this.words = FtpWords.english(gateway.messages());
    this.tls = implicitTls;
    this.pbsz = implicitTls;
    this.protectData = implicitTls;
  }

  FtpWords words() {
    return words;
  }

  void speak(java.util.Locale language) {
    words = new FtpWords(gateway.messages(), language);
  }

  Channel control() {
    return control;
  }

  InetAddress clientAddress() {
    return ((InetSocketAddress) control.remoteAddress()).getAddress();
  }

  String clientKey() {
    return clientAddress().getHostAddress();
  }

  boolean signedIn() {
    return user != null || anonymous;
  }

  /** Signed in with an account (not anonymously): may upload. */
  boolean hasAccount() {
    return user != null;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    control = ctx.channel();
    counted = true;
    gateway.metrics().sessionOpened();
    var locked = gateway.throttle().lockedOut(clientKey());
    if (locked.isPresent()) {
      sendAndClose(Reply.of(421, "ftp.refused", locked.get().message(words.messages(), words.locale())));
      return;
    }
    gateway.sessions().add(this);
    send(Reply.of(220, "ftp.welcome"));
    long timeout = gateway.settings().signInTimeout().toMillis();
    ctx.executor().schedule(() -> {
      if (!signedIn() && control.isActive()) {
        send(Reply.of(421, "ftp.signInTimeout", timeout / 1000));
        control.close();
      }
    }, timeout, TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof ControlLineDecoder.Refused refused && refused.close()) {
      sendAndClose(refused.reply());
      return;
    }
    received(message);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && transfer == null) {
      send(Reply.of(421, "ftp.idle", gateway.settings().idleTimeout().toSeconds()));
      control.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    gateway.sessions().remove(this);
    if (counted) {
      counted = false;
      gateway.metrics().sessionClosed();
    }
    synchronized (this) {
      queue.clear();
    }
    Transfer running = transfer;
    if (running != null) {
      running.abort();
    }
    closeData();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("FTP control connection from {} failed: {}", control.remoteAddress(), cause.toString());
    ctx.close();
  }

  /** A command line, or a line the decoder refused: answered in turn, after the commands before it. */
  private void received(Object line) {
    String verb = line instanceof String text ? verb(text) : "";
    synchronized (this) {
      if (quitting) {
        return;
      }
      if (transfer != null && (verb.equals("ABOR") || verb.equals("STAT") || verb.equals("QUIT") || verb.equals("NOOP"))) {
        duringTransfer(verb);
        return;
      }
      if (busy) {
        if (queue.size() >= MAX_QUEUED) {
          send(Reply.of(421, "ftp.queueFull"));
          control.close();
        } else {
          queue.add(line);
        }
        return;
      }
      busy = true;
    }
    dispatch(line);
  }

  private void duringTransfer(String verb) {
    switch (verb) {
      case "ABOR" -> {
        abortRequested = true;
        transfer.abort();
      }
      case "STAT" -> send(Reply.of(213, "ftp.transferring", transfer.bytes()));
      case "NOOP" -> send(Reply.of(200, "ftp.noop"));
      default -> {
        quitting = true;
        queue.clear();
        transfer.quit();
      }
    }
  }

  private void dispatch(Object line) {
    if (line instanceof ControlLineDecoder.Refused refused) {
      finish(refused.reply());
      return;
    }
    try {
      gateway.workers().execute(() -> finish(run((String) line)));
    } catch (RejectedExecutionException shuttingDown) {
      send(Reply.of(421, "ftp.shuttingDown"));
      control.close();
    }
  }

  private Reply run(String line) {
    String verb = verb(line);
    Gateway.Command command = gateway.commands().get(verb);
    if (verb.isEmpty()) {
      // An empty line, or one that starts with a space: "Command  is not known" named nothing.
      return Reply.of(500, "ftp.noCommand");
    }
    if (command == null) {
      return Reply.of(500, "ftp.unknownCommand", org.plenary.shared.CodePoints.first(verb, 20));
    }
    Reply tooLong = ArgumentBounds.refusal(verb, command, command.argument(line));
    if (tooLong != null) {
      return tooLong;
    }
    if (command.needsSignIn() && !signedIn()) {
      return Reply.of(530, "ftp.signInFirst");
    }
    if (user != null) {
      // Rights are checked on every command of a signed-in session, also those anyone may send (STAT with a path reads
      // as the account): a disabled account, a changed password or a revoked token ends the session.
      Standing standing = gateway.credentials().recheck(user);
      if (!standing.stands()) {
        sendAndClose(Reply.of(421, "ftp.sessionEnded", standing.ended().sentence()));
        return Reply.LATER;
      }
      user = standing.user();
    }
    if (TRANSFERS.contains(verb)) {
      // A REST is for the next transfer command, whichever it is and however it is answered: one left over
      // by a refused APPE (FileZilla's resume, then its "overwrite" with a plain STOR) or by a LIST made the
      // next STOR fail (554, "cannot resume") or the next RETR start in the middle of the file. Taken before the
      // command runs: cleared after it, a listing's transfer could end (and the client's next RETR, or its next REST,
      // be run on another worker) before this worker cleared it, so the RETR started in the middle or the REST was lost.
      restartTaken = restartAt;
      restartAt = 0;
    }
    Reply reply;
    try {
      reply = command.handler().run(this, command.argument(line));
    } catch (FtpRefusal refusal) {
      reply = refusal.reply();
    } catch (ContributionRefusedException refusal) {
      reply = Reply.of(refusal.reason().ftpReply(), "ftp.refused", refusal);
    } catch (RefusedException refusal) {
      reply = Reply.of(550, "ftp.refused", refusal);
    } catch (Exception e) {
      log.error("FTP command {} from {} failed", verb, control.remoteAddress(), e);
      reply = Reply.of(451, "ftp.failed");
    }
    // A refused transfer command leaves its prepared data connection open, as vsftpd does: the client closes it after
    // reading the refusal, or the next PASV, EPSV, PORT or EPRT or the session's end does. Closed here, its end raced the
    // reply, and a client that starts TLS on a data connection as it opens (basic-ftp, Node's most used client)
    // read that end first as a failed connection and closed its whole session (1 time in 3 over loopback; closing
    // it once the reply was written still lost 1 in 6, the reply waiting for decryption behind the TLS record).
    return reply;
  }

  /** Sends the replies of the finished command, then runs the next queued line. */
  void finish(Reply... replies) {
    for (Reply reply : replies) {
      if (reply != Reply.LATER) {
        send(reply);
      }
    }
    if (replies.length == 1 && replies[0] == Reply.LATER) {
      return;
    }
    Object next;
    boolean end;
    synchronized (this) {
      end = stopping;
      next = end ? null : queue.poll();
      busy = next != null;
    }
    if (end) {
      sendAndClose(Reply.of(421, "ftp.gate.closing"));
    } else if (next != null) {
      dispatch(next);
    }
  }

  /**
   * The server begins to stop: a session between commands is told so with 421 and closed at once; one
   * running a command or a transfer gets that command's reply first (a transfer has the grace to end),
   * then 421. Before, every session was simply cut when the grace ran out: a client between commands saw
   * its connection drop with no reply, one still sending an upload a reset and no word of its file.
   */
  void serverStopping() {
    boolean between;
    synchronized (this) {
      stopping = true;
      between = !busy;
    }
    if (between && control.isActive()) {
      sendAndClose(Reply.of(421, "ftp.gate.closing"));
    }
  }

  /**
   * The grace is over: a transfer still running is stopped, answered (426, nothing kept of an upload) and
   * the session closed with 421; the data connection's end is what the client's sender sees.
   */
  void serverStopped() {
    Transfer running = transfer;
    if (running != null) {
      running.abort();
    } else if (control.isActive()) {
      sendAndClose(Reply.of(421, "ftp.gate.closing"));
    }
  }

  void send(Reply reply) {
    gateway.metrics().replied(reply);
    control.writeAndFlush(Unpooled.wrappedBuffer(reply.bytes(words)));
  }

  /** Sends the reply and closes the control connection. */
  void sendAndClose(Reply reply) {
    gateway.metrics().replied(reply);
    control.writeAndFlush(Unpooled.wrappedBuffer(reply.bytes(words))).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * After AUTH TLS, on the control connection's event loop: everything the client sent in clear
   * after the AUTH line (lines waiting in the queue, bytes the decoder holds) is dropped, never
   * run inside TLS (the STARTTLS command injection of CVE-2011-0411); then TLS starts and "234"
   * goes out as the last clear-text reply. Nothing can arrive in between: reads run on this loop.
   */
  void startTls(SslHandler handler, Reply reply) {
    control.eventLoop().execute(() -> {
      int dropped;
      synchronized (this) {
        dropped = queue.size();
        queue.clear();
      }
      int bytes = control.pipeline().get(ControlLineDecoder.class).discardBuffered();
      if (dropped > 0 || bytes > 0) {
        log.info("Dropped {} command lines and {} bytes that {} sent in clear after AUTH TLS.", dropped, bytes,
            control.remoteAddress());
      }
      control.pipeline().addFirst("tls", handler);
      tls = true;
      pendingUser = null;
      finish(reply);
    });
  }

  /**
   * A transfer command waits for its data connection: ABOR, QUIT, STAT and NOOP are answered at once
   * from now on, as during the transfer itself, and ABOR or QUIT gives up the wait. (They waited in
   * the queue until the data timeout when the client never connected: a minute with no reply.)
   */
  void waitingForData(Transfer waiting) {
    synchronized (this) {
      transfer = waiting;
    }
    if (!control.isActive()) {
      waiting.abort();
    }
  }

  /**
   * A transfer started: ABOR and a closed control connection now stop it, also an ABOR sent while it waited;
   * a QUIT sent while it waited is told to it ({@link Transfer#quit}).
   */
  void started(Transfer running) {
    boolean stop;
    boolean quit;
    synchronized (this) {
      transfer = running;
      transferCounted = true;
      stop = abortRequested;
      quit = quitting;
    }
    gateway.metrics().transferStarted();
    if (stop || !control.isActive()) {
      running.abort();
    } else if (quit) {
      running.quit();
    }
  }

  /** The transfer is over: its reply, "226" for ABOR after a stopped transfer, and "221" after a QUIT. */
  void transferEnded(Reply reply) {
    boolean aborted;
    boolean wasRunning;
    boolean quit;
    synchronized (this) {
      quit = quitting;
      wasRunning = transferCounted;
      transferCounted = false;
      transfer = null;
      aborted = abortRequested;
      abortRequested = false;
    }
    if (wasRunning) {
      gateway.metrics().transferStopped();
    }
    restartIdleClock();
    if (quit) {
      if (reply != Reply.LATER) {
        send(aborted ? Reply.of(426, "ftp.abor.stopped") : reply);
      }
      if (aborted) {
        send(Reply.of(226, "ftp.abor.done"));
      }
      sendAndClose(Reply.of(221, "ftp.goodbye"));
    } else if (aborted) {
      finish(Reply.of(426, "ftp.abor.stopped"), Reply.of(226, "ftp.abor.done"));
    } else {
      finish(reply);
    }
  }

  /**
   * The idle timeout counts silence outside transfers: its clock starts again when one ends. It ran from
   * the last command line, so after a transfer longer than the timeout the next tick could come at any
   * moment (a second after "226"), and a client pausing well within the timeout found itself cut off.
   */
  private void restartIdleClock() {
    try {
      control.eventLoop().execute(() -> {
        IdleStateHandler idle = control.pipeline().get(IdleStateHandler.class);
        if (idle != null) {
          idle.resetReadTimeout();
        }
      });
    } catch (RejectedExecutionException stopping) {
      // The server is stopping: the session goes with it.
    }
  }

  /** The data connection PASV, EPSV, PORT or EPRT prepared, for the next transfer; it can be used once. */
  DataConnection takeData() {
    DataConnection prepared = data;
    data = null;
    if (prepared == null) {
      throw new FtpRefusal(425, "ftp.noData");
    }
    return prepared;
  }

  void prepareData(DataConnection connection) {
    closeData();
    data = connection;
    if (!control.isActive()) {
      closeData();
    }
  }

  void closeData() {
    DataConnection prepared = data;
    data = null;
    if (prepared != null) {
      prepared.close();
    }
  }

  /** The verb of a command line, in upper case. */
  static String verb(String line) {
    int space = line.indexOf(' ');
    return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
  }
}
