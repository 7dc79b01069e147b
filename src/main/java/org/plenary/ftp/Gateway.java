package org.plenary.ftp;

import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.concurrent.ExecutorService;
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
    PassivePorts passivePorts,
    MessageSource messages,
    java.util.Set<FtpSession> sessions) {

  /**
   * A command of the table: whether it needs a signed-in session, what it does, and whether its argument names a path.
   * A path is taken as sent after the space that ends the verb, as vsftpd takes it (RFC 959: only the line's CRLF
   * ends it): {@code SIZE  FG-Cloud-I-0001.pdf} asks for a name that begins with a space, which is another file.
   * Other arguments (TYPE, PORT, OPTS…) are words, read without the spaces around them.
   */
  record Command(boolean needsSignIn, Handler handler, boolean namesPath) {

    Command(boolean needsSignIn, Handler handler) {
      this(needsSignIn, handler, false);
    }

    /** A command whose argument is a path, taken verbatim. */
    static Command onPath(boolean needsSignIn, Handler handler) {
      return new Command(needsSignIn, handler, true);
    }

    /** The argument of {@code line}, after the one space that ends its verb, as this command reads it. */
    String argument(String line) {
      int space = line.indexOf(' ');
      String rest = space < 0 ? "" : line.substring(space + 1);
      return namesPath ? rest : rest.strip();
    }
  }

  /** Runs a command on a worker thread; returns the reply, or {@link Reply#LATER} when it answers itself. */
  @FunctionalInterface
  interface Handler {
    Reply run(FtpSession session, String argument) throws Exception;
  }
}
