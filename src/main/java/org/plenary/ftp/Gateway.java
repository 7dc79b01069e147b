package org.plenary.ftp;

import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenary.account.Credentials;
import org.plenary.account.SignInThrottle;
import org.plenary.contribution.ContributionDesk;
import org.plenary.store.DocumentStore;
import org.springframework.context.MessageSource;

/**
 * What every session of the gateway shares: settings, the application's services, threads, the command table, and
 * the sessions open now (told when the server stops).
 */
record Gateway(
    FtpSettings settings,
    FolderTree tree,
    ContributionDesk desk,
    DocumentStore store,
    Credentials credentials,
    SignInThrottle throttle,
    FtpTls tls,
    FtpMetrics metrics,
    EventLoopGroup dataLoops,
    ExecutorService workers,
    Map<String, Command> commands,
    AtomicInteger nextPassivePort,
    MessageSource messages,
    java.util.Set<FtpSession> sessions) {

  /** A command of the table: whether it needs a signed-in session, and what it does. */
  record Command(boolean needsSignIn, Handler handler) {}

  /** Runs a command on a worker thread; returns the reply, or {@link Reply#LATER} when it answers itself. */
  @FunctionalInterface
  interface Handler {
    Reply run(FtpSession session, String argument) throws Exception;
  }
}
