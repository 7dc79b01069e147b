package org.plenary.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.plenary.account.Standing;
import org.plenary.contribution.ContributionFile;
import org.plenary.contribution.ContributionRefusedException;
import org.plenary.contribution.IncomingUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a STOR on the data connection, writing each network buffer straight into the upload's
 * temporary file. The end of the stream completes the upload (on a worker thread: it forces the
 * file to disk and writes the register); a broken connection, ABOR, a closed control connection or
 * the size cap abandons it, and nothing of it remains.
 *
 * <p>A refusal while the bytes come (the size cap, a full store) is not answered by cutting the
 * connection under a client still writing: that client would see a reset, not the reason. The rest
 * is read and dropped, up to {@link #DRAIN_BYTES} or {@link #DRAIN_SECONDS}, and the reply follows
 * the client's end of the stream, as it does for a file that was kept.
 */
final class UploadReceiver extends ChannelInboundHandlerAdapter implements FtpSession.Transfer {

  private static final Logger log = LoggerFactory.getLogger(UploadReceiver.class);
  static final long DRAIN_BYTES = 8L * 1024 * 1024;
  static final long DRAIN_SECONDS = 10;

  private final FtpSession session;
  private final IncomingUpload upload;
  private volatile Reply failure;
  private volatile boolean ended;
  private volatile boolean closedCleanly;
  /** Bytes read and dropped since the refusal (on the data connection's event loop only). */
  private long drained;
  /**
   * The data connection, known from the start: an ABOR that arrives before the pipeline has run this
   * handler's {@code handlerAdded} (added from another thread, it runs later on the data connection's
   * loop) must still close it, or the client waits for a reply that only the data timeout would bring.
   */
  private final Channel channel;

  UploadReceiver(FtpSession session, IncomingUpload upload, Channel channel) {
    this.session = session;
    this.upload = upload;
    this.channel = channel;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ByteBuf bytes = (ByteBuf) message;
    try {
      if (failure == null) {
        for (ByteBuffer buffer : bytes.nioBuffers()) {
          upload.write(buffer);
        }
      } else if ((drained += bytes.readableBytes()) > DRAIN_BYTES) {
        ctx.close();
      }
    } catch (ContributionRefusedException refused) {
      refuse(ctx, Reply.of(refused.reason().ftpReply(), "ftp.upload.refused", refused));
    } catch (IOException | RuntimeException e) {
      if (org.plenary.shared.DiskFull.causedBy(e)) {
        log.error("The document store is full: refused the FTP upload of {}", upload.fileName());
        refuse(ctx, Reply.of(552, org.plenary.shared.DiskFull.SENTENCE));
        return;
      }
      log.error("Writing an FTP upload of {} failed", upload.fileName(), e);
      refuse(ctx, Reply.of(451, "ftp.upload.writeFailed", upload.fileName()));
    } finally {
      bytes.release();
    }
  }

  /** Under TLS, the client's close_notify says the file is complete; a reset after it loses nothing. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslCloseCompletionEvent closed && closed.isSuccess()) {
      closedCleanly = true;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (closedCleanly) {
      log.debug("Data connection of {} failed after the client's close_notify: {}", upload.fileName(), cause.toString());
      ctx.close();
      return;
    }
    log.debug("Data connection of {} failed: {}", upload.fileName(), cause.toString());
    fail(ctx, Reply.of(426, notTls(cause) ? "ftp.upload.tls" : "ftp.upload.broken", upload.fileName()));
  }

  /**
   * Whether the data connection failed in its TLS: a client that sent PROT P and then wrote clear text (it had
   * forgotten the PROT, or a curl 7.87 in active mode), or whose handshake failed. The reply says so in a sentence;
   * it once carried the exception's own message, which for clear text is Netty's hex dump of every byte received
   * (kilobytes on one reply line) and for a reset the JDK's English.
   */
  private static boolean notTls(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof NotSslRecordException || t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (ended) {
      return;
    }
    ended = true;
    Reply failed = failure;
    if (failed != null) {
      upload.close();
      session.transferEnded(failed);
      return;
    }
    // Decided one I/O pass of the control connection's event loop later (a task scheduled there
    // runs after its next read of the sockets; one merely queued could run before it), so that a
    // control connection that closed just before the data connection is more often seen as gone
    // and its file dropped. Not always: the two connections' packets are not ordered, and in
    // stream mode a data connection that ends cleanly is a whole file.
    try {
      session.control().eventLoop().schedule(this::completeOnAWorker, 0, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      abandon();
    }
  }

  private void completeOnAWorker() {
    try {
      session.gateway.workers().execute(this::complete);
    } catch (RejectedExecutionException stopping) {
      abandon();
    }
  }

  /** The server is stopping and no worker will take the file: it is dropped, nothing is left behind. */
  private void abandon() {
    upload.close();
  }

  /**
   * On a worker: forces and links the file, then hands it to the register without waiting for it. The
   * account is read again first, as for every command: an upload that outlived its account (disabled,
   * password changed, token revoked while the bytes came) is not kept, and the session ends with the
   * reason. The rights of its start are not taken for granted at its end, minutes later.
   */
  private void complete() {
    if (failure != null || !session.control().isActive()) {
      upload.close();
      session.transferEnded(failure != null ? failure : Reply.of(426, "ftp.upload.controlClosed"));
      return;
    }
    Standing standing = session.gateway.credentials().recheck(session.user);
    if (!standing.stands()) {
      upload.close();
      session.transferEnded(Reply.LATER);
      session.sendAndClose(Reply.of(421, "ftp.upload.sessionEnded", upload.fileName(), standing.ended().sentence()));
      return;
    }
    upload.completeAsync().whenComplete((file, error) -> {
      upload.close();
      if (error == null) {
        session.gateway.metrics().transferred(FtpMetrics.Direction.UPLOAD, file.size());
      }
      session.transferEnded(error == null ? received(file) : refusal(error));
    });
  }

  private static Reply received(ContributionFile file) {
    return Reply.of(226, "ftp.upload.received", file.fileName(), file.size(), file.sha256());
  }

  private Reply refusal(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof ContributionRefusedException refused) {
      return Reply.of(refused.reason().ftpReply(), "ftp.upload.refused", refused);
    }
    if (org.plenary.shared.DiskFull.causedBy(cause)) {
      log.error("The document store is full: refused the FTP upload of {}", upload.fileName());
      return Reply.of(552, org.plenary.shared.DiskFull.SENTENCE);
    }
    log.error("Completing the FTP upload of {} failed", upload.fileName(), cause);
    return Reply.of(451, "ftp.upload.storeFailed", upload.fileName());
  }

  /** Refused while the client sends: the rest is dropped as it comes, the reply waits for its end (or the drain's limits). */
  private void refuse(ChannelHandlerContext ctx, Reply reply) {
    if (failure == null) {
      failure = reply;
      upload.close(); // what was written goes at once: a full store gets its room back
      ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
    }
  }

  private void fail(ChannelHandlerContext ctx, Reply reply) {
    if (failure == null) {
      failure = reply;
    }
    ctx.close();
  }

  /** ABOR or the control connection closing: the data connection closes and the upload is abandoned. */
  @Override
  public void abort() {
    failure = Reply.of(426, "ftp.upload.stopped", upload.fileName());
    channel.close();
  }

  /**
   * QUIT before this upload's reply: the client gave up on it; stopped, and nothing of it is kept. An upload
   * already refused while its bytes came keeps its refusal as its reply (the size cap, a full store).
   */
  @Override
  public void quit() {
    if (failure == null) {
      failure = Reply.of(426, "ftp.upload.quit", upload.fileName());
    }
    channel.close();
  }

  @Override
  public long bytes() {
    return upload.size();
  }
}
