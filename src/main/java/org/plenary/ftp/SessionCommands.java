package org.plenary.ftp;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.plenary.account.SignInResult;

/** Sign-in (USER, PASS, AUTH TLS, PBSZ, PROT) and the commands about the session itself. */
final class SessionCommands {

  private static final Set<String> ANONYMOUS = Set.of("anonymous", "ftp");
  static final String FEATURES = """
      Features:
       AUTH TLS
       EPSV
       MDTM
       MLST type*;size*;modify*;perm*;
       PASV
       PBSZ
       PROT
       REST STREAM
       SIZE
       TVFS
       UTF8
      End""";

  private SessionCommands() {}

  static void addTo(Map<String, Gateway.Command> table) {
    table.put("USER", new Gateway.Command(false, SessionCommands::user));
    table.put("PASS", new Gateway.Command(false, SessionCommands::pass));
    table.put("AUTH", new Gateway.Command(false, SessionCommands::auth));
    table.put("PBSZ", new Gateway.Command(false, SessionCommands::pbsz));
    table.put("PROT", new Gateway.Command(false, SessionCommands::prot));
    table.put("CCC", new Gateway.Command(false, (s, a) -> new Reply(533, s.tls
        ? "CCC is refused: the control connection stays encrypted until QUIT."
        : "CCC is refused: the control connection is not encrypted (send AUTH TLS to encrypt it).")));
    table.put("QUIT", new Gateway.Command(false, (s, a) -> {
      s.sendAndClose(new Reply(221, "Goodbye."));
      return Reply.LATER;
    }));
    table.put("NOOP", new Gateway.Command(false, (s, a) -> new Reply(200, "NOOP ok.")));
    table.put("SYST", new Gateway.Command(false, (s, a) -> new Reply(215, "UNIX Type: L8")));
    table.put("FEAT", new Gateway.Command(false, (s, a) -> new Reply(211, FEATURES)));
    table.put("HELP", new Gateway.Command(false, (s, a) -> new Reply(214, "Commands:\n "
        + String.join(" ", new java.util.TreeSet<>(offered(table))) + "\nHelp ok.")));
    table.put("OPTS", new Gateway.Command(false, SessionCommands::opts));
    table.put("TYPE", new Gateway.Command(true, SessionCommands::type));
    table.put("MODE", new Gateway.Command(true, (s, a) -> a.equalsIgnoreCase("S") ? new Reply(200, "Mode set to S.")
        : new Reply(504, "Only stream mode (MODE S) is offered; MODE Z and others are off.")));
    table.put("STRU", new Gateway.Command(true, (s, a) -> a.equalsIgnoreCase("F") ? new Reply(200, "Structure set to F.")
        : new Reply(504, "Only file structure (STRU F) is offered.")));
    table.put("ALLO", new Gateway.Command(true, (s, a) -> new Reply(202, "No storage allocation needed.")));
    table.put("ACCT", new Gateway.Command(false, (s, a) -> new Reply(202, "No account needed.")));
    NotOffered.addTo(table);
  }

  /** The verbs HELP lists: those the gateway does something with. */
  private static Set<String> offered(Map<String, Gateway.Command> table) {
    var verbs = new java.util.HashSet<>(table.keySet());
    verbs.removeAll(NotOffered.VERBS);
    return verbs;
  }

  private static Reply user(FtpSession session, String name) {
    if (session.signedIn()) {
      return new Reply(530, "You are already signed in; QUIT and connect again to change user.");
    }
    if (name.isEmpty()) {
      return new Reply(501, "Give your username: USER <name>.");
    }
    boolean anonymous = ANONYMOUS.contains(name.toLowerCase(Locale.ROOT));
    if (anonymous && !session.gateway.settings().anonymous()) {
      return new Reply(530, "Anonymous sign-in is off on this server; sign in with your account.");
    }
    if (!anonymous && session.gateway.settings().requireTls() && !session.tls) {
      return new Reply(530, "This server takes passwords only over TLS: send AUTH TLS first (use FTPS), then USER.");
    }
    session.pendingUser = name;
    return anonymous ? new Reply(331, "Anonymous sign-in: send your e-mail address as the password.")
        : new Reply(331, "Send the password or a personal access token for this account.");
  }

  private static Reply pass(FtpSession session, String secret) {
    String name = session.pendingUser;
    session.pendingUser = null;
    if (session.signedIn()) {
      return new Reply(503, "You are already signed in.");
    }
    if (name == null) {
      return new Reply(503, "Send USER first.");
    }
    if (ANONYMOUS.contains(name.toLowerCase(Locale.ROOT))) {
      session.anonymous = true;
      return new Reply(230, "Signed in anonymously: you may read every public folder.");
    }
    String address = session.clientKey();
    var result = session.gateway.credentials().signInWithPasswordOrToken(address, name, secret);
    if (result instanceof SignInResult.LockedOut locked) {
      return lockedOut(session, locked.message());
    }
    if (result instanceof SignInResult.SignedIn signedIn) {
      if (signedIn.user().mustChangePassword()) {
        return new Reply(530, "This account must choose a new password on the web before it can use FTP.");
      }
      session.user = signedIn.user();
      return new Reply(230, "Signed in as " + signedIn.user().getUsername() + ".");
    }
    var addressLocked = session.gateway.throttle().lockedOut(address);
    session.gateway.metrics().signInFailed();
    Reply reply = new Reply(530, "Wrong username or password.");
    session.control().eventLoop().schedule(() -> {
      if (addressLocked.isPresent()) {
        lockedOut(session, addressLocked.get().message());
      } else {
        session.finish(reply);
      }
    }, session.gateway.settings().failedSignInDelay().toMillis(), TimeUnit.MILLISECONDS);
    return Reply.LATER;
  }

  /**
   * A locked-out address is told when to retry and disconnected (421); a locked-out username only
   * hears when to retry (530), as the same connection may sign in as someone else.
   */
  private static Reply lockedOut(FtpSession session, String message) {
    if (session.gateway.throttle().lockedUntil(session.clientKey()).isPresent()) {
      session.sendAndClose(new Reply(421, message));
      return Reply.LATER;
    }
    return new Reply(530, message);
  }

  /**
   * AUTH TLS, before signing in and once (as vsftpd). What the client sent after this line in
   * clear text is dropped by {@link FtpSession#startTls}, and the USER given before it, if any, is
   * forgotten: the sign-in happens inside TLS or not at all.
   */
  private static Reply auth(FtpSession session, String mechanism) {
    String upper = mechanism.toUpperCase(Locale.ROOT);
    if (!upper.equals("TLS") && !upper.equals("TLS-C") && !upper.equals("SSL")) {
      return new Reply(504, "Only AUTH TLS is offered.");
    }
    if (session.tls) {
      return new Reply(503, "TLS is already on; AUTH is accepted once per connection.");
    }
    if (session.signedIn()) {
      return new Reply(503, "AUTH TLS comes before signing in; QUIT, connect again and send AUTH TLS first.");
    }
    session.startTls(session.gateway.tls().controlHandler(session.control().alloc()),
        new Reply(234, "Proceed with the TLS handshake."));
    return Reply.LATER;
  }

  /** PBSZ 0 (RFC 4217): after AUTH TLS, before PROT; the buffer size is always 0 in TLS. */
  private static Reply pbsz(FtpSession session, String size) {
    requireTls(session, "PBSZ");
    if (!size.matches("[0-9]{1,10}")) {
      return new Reply(501, "PBSZ takes a number: send PBSZ 0.");
    }
    session.pbsz = true;
    return new Reply(200, "PBSZ=0");
  }

  private static Reply prot(FtpSession session, String level) {
    requireTls(session, "PROT");
    if (!session.pbsz) {
      return new Reply(503, "Send PBSZ 0 before PROT.");
    }
    switch (level.toUpperCase(Locale.ROOT)) {
      case "P" -> {
        session.protectData = true;
        return new Reply(200, "Data connections are encrypted (PROT P).");
      }
      case "C" -> {
        session.protectData = false;
        return new Reply(200, "Data connections are in clear text (PROT C).");
      }
      case "S", "E" -> {
        return new Reply(536, "Only PROT P and PROT C are offered.");
      }
      default -> {
        return new Reply(504, "PROT takes P (private) or C (clear).");
      }
    }
  }

  private static void requireTls(FtpSession session, String command) {
    if (!session.tls) {
      throw new FtpRefusal(503, command + " comes after AUTH TLS.");
    }
  }

  private static Reply opts(FtpSession session, String option) {
    String upper = option.toUpperCase(Locale.ROOT);
    if (upper.startsWith("UTF8")) {
      return new Reply(200, "Always in UTF-8.");
    }
    if (upper.startsWith("MLST")) {
      return new Reply(200, "MLST OPTS type;size;modify;perm;");
    }
    return new Reply(501, "Option not understood; OPTS UTF8 ON and OPTS MLST are offered.");
  }

  private static Reply type(FtpSession session, String type) {
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "I", "L 8" -> new Reply(200, "Switching to binary mode.");
      case "A", "A N" -> new Reply(200, "Switching to ASCII mode (files are sent as they are stored).");
      default -> new Reply(504, "TYPE I (binary) and TYPE A are offered.");
    };
  }
}
