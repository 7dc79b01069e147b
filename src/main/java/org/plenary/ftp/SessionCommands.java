package org.plenary.ftp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.plenary.account.SignInResult;
import org.plenary.shared.Languages;

/** Sign-in (USER, PASS, AUTH TLS, PBSZ, PROT) and the commands about the session itself. */
final class SessionCommands {

  private static final Set<String> ANONYMOUS = Set.of("anonymous", "ftp");
  static final String FEATURES = """
      Features:
       AUTH TLS
       EPRT
       EPSV
       %s
       LANG EN*;FR;ES;RU;ZH;AR
       MDTM
       MLST %s
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
    table.put("CCC", new Gateway.Command(false, (s, a) -> Reply.of(533, s.tls ? "ftp.ccc.tls" : "ftp.ccc.clear")));
    table.put("QUIT", new Gateway.Command(false, (s, a) -> {
      s.sendAndClose(Reply.of(221, "ftp.goodbye"));
      return Reply.LATER;
    }));
    table.put("NOOP", new Gateway.Command(false, (s, a) -> Reply.of(200, "ftp.noop")));
    table.put("SYST", new Gateway.Command(false, (s, a) -> new Reply(215, "UNIX Type: L8")));
    table.put("FEAT", new Gateway.Command(false, (s, a) -> new Reply(211, FEATURES.formatted(HashCommands.FEATURE, mlstFeature(s)))));
    table.put("HELP", new Gateway.Command(false, (s, a) -> Reply.of(214, "ftp.help",
        String.join(" ", new java.util.TreeSet<>(offered(table))))));
    table.put("OPTS", new Gateway.Command(false, SessionCommands::opts));
    table.put("LANG", new Gateway.Command(false, SessionCommands::lang));
    table.put("TYPE", new Gateway.Command(true, SessionCommands::type));
    table.put("MODE", new Gateway.Command(true, (s, a) -> a.equalsIgnoreCase("S") ? Reply.of(200, "ftp.mode")
        : Reply.of(504, "ftp.mode.refused")));
    table.put("STRU", new Gateway.Command(true, (s, a) -> a.equalsIgnoreCase("F") ? Reply.of(200, "ftp.stru")
        : Reply.of(504, "ftp.stru.refused")));
    table.put("ALLO", new Gateway.Command(true, (s, a) -> Reply.of(202, "ftp.allo")));
    table.put("ACCT", new Gateway.Command(false, (s, a) -> Reply.of(202, "ftp.acct")));
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
      return Reply.of(530, "ftp.user.already");
    }
    if (name.isEmpty()) {
      return Reply.of(501, "ftp.user.missing");
    }
    boolean anonymous = ANONYMOUS.contains(name.toLowerCase(Locale.ROOT));
    if (anonymous && !session.gateway.settings().anonymous()) {
      return Reply.of(530, "ftp.user.noAnonymous");
    }
    if (!anonymous && session.gateway.settings().requireTls() && !session.tls) {
      return Reply.of(530, "ftp.user.tlsFirst");
    }
    session.pendingUser = name;
    return anonymous ? Reply.of(331, "ftp.user.anonymous")
        : Reply.of(331, "ftp.user.password");
  }

  private static Reply pass(FtpSession session, String secret) {
    String name = session.pendingUser;
    session.pendingUser = null;
    if (session.signedIn()) {
      return Reply.of(503, "ftp.pass.already");
    }
    if (name == null) {
      return Reply.of(503, "ftp.pass.userFirst");
    }
    if (ANONYMOUS.contains(name.toLowerCase(Locale.ROOT))) {
      session.anonymous = true;
      return Reply.of(230, "ftp.pass.anonymous");
    }
    String address = session.clientKey();
    var result = session.gateway.credentials().signInWithPasswordOrToken(address, name, secret);
    if (result instanceof SignInResult.LockedOut locked) {
      return lockedOut(session, locked.message(session.words().messages(), session.words().locale()));
    }
    if (result instanceof SignInResult.SignedIn signedIn) {
      if (signedIn.user().mustChangePassword()) {
        return Reply.of(530, "ftp.pass.mustChange");
      }
      session.user = signedIn.user();
      return Reply.of(230, "ftp.pass.signedIn", signedIn.user().getUsername());
    }
    var addressLocked = session.gateway.throttle().lockedOut(address);
    session.gateway.metrics().signInFailed();
    Reply reply = Reply.of(530, "ftp.pass.wrong");
    session.control().eventLoop().schedule(() -> {
      if (addressLocked.isPresent()) {
        lockedOut(session, addressLocked.get().message(session.words().messages(), session.words().locale()));
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
      session.sendAndClose(Reply.of(421, "ftp.refused", message));
      return Reply.LATER;
    }
    return Reply.of(530, "ftp.refused", message);
  }

  /**
   * AUTH TLS, before signing in and once (as vsftpd). What the client sent after this line in
   * clear text is dropped by {@link FtpSession#startTls}, and the USER given before it, if any, is
   * forgotten: the sign-in happens inside TLS or not at all.
   */
  private static Reply auth(FtpSession session, String mechanism) {
    String upper = mechanism.toUpperCase(Locale.ROOT);
    if (!upper.equals("TLS") && !upper.equals("TLS-C") && !upper.equals("SSL")) {
      return Reply.of(504, "ftp.auth.only");
    }
    if (session.tls) {
      return Reply.of(503, "ftp.auth.again");
    }
    if (session.signedIn()) {
      return Reply.of(503, "ftp.auth.late");
    }
    session.startTls(session.gateway.tls().controlHandler(session.control().alloc()),
        Reply.of(234, "ftp.auth.proceed"));
    return Reply.LATER;
  }

  /** PBSZ 0 (RFC 4217): after AUTH TLS, before PROT; the buffer size is always 0 in TLS. */
  private static Reply pbsz(FtpSession session, String size) {
    requireTls(session, "PBSZ");
    if (!size.matches("[0-9]{1,10}")) {
      return Reply.of(501, "ftp.pbsz.number");
    }
    session.pbsz = true;
    return new Reply(200, "PBSZ=0");
  }

  private static Reply prot(FtpSession session, String level) {
    requireTls(session, "PROT");
    if (!session.pbsz) {
      return Reply.of(503, "ftp.prot.pbszFirst");
    }
    switch (level.toUpperCase(Locale.ROOT)) {
      case "P" -> {
        session.protectData = true;
        return Reply.of(200, "ftp.prot.private");
      }
      case "C" -> {
        session.protectData = false;
        return Reply.of(200, "ftp.prot.clear");
      }
      case "S", "E" -> {
        return Reply.of(536, "ftp.prot.only");
      }
      default -> {
        return Reply.of(504, "ftp.prot.argument");
      }
    }
  }

  private static void requireTls(FtpSession session, String command) {
    if (!session.tls) {
      throw new FtpRefusal(503, "ftp.afterAuth", command);
    }
  }

  private static Reply opts(FtpSession session, String option) {
    String upper = option.toUpperCase(Locale.ROOT);
    // OPTS UTF8 ON (draft-ietf-ftpext-utf-8-option): names are always UTF-8, so ON is granted and OFF refused;
    // "200" to OFF told the client the server had left UTF-8, and "UTF8XYZ" was granted as well.
    if (upper.equals("UTF8") || upper.equals("UTF8 ON")) {
      return Reply.of(200, "ftp.opts.utf8");
    }
    if (upper.equals("UTF8 OFF")) {
      return Reply.of(504, "ftp.opts.utf8Only");
    }
    if (upper.equals("MLST") || upper.startsWith("MLST ")) {
      return mlstOptions(session, option.substring(4).strip());
    }
    if (upper.equals("HASH") || upper.startsWith("HASH ")) {
      return HashCommands.options(option.substring(4).strip());
    }
    return Reply.of(501, "ftp.opts.unknown");
  }

  /**
   * OPTS MLST (RFC 3659, 7.9): the facts named that the gateway knows become those MLST and MLSD
   * write (none named: none), and the reply lists them; the others are ignored.
   */
  private static Reply mlstOptions(FtpSession session, String names) {
    var named = java.util.Arrays.stream(names.split(";")).map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    var chosen = ListingFormat.FACTS.stream().filter(named::contains).toList();
    session.mlstFacts = Set.copyOf(chosen);
    return new Reply(200, ("MLST OPTS " + chosen.stream().map(fact -> fact + ";").collect(java.util.stream.Collectors.joining())).strip());
  }

  /** FEAT's MLST line: every fact, those chosen marked with "*". */
  private static String mlstFeature(FtpSession session) {
    var out = new StringBuilder();
    ListingFormat.FACTS.forEach(fact -> out.append(fact).append(session.mlstFacts.contains(fact) ? "*;" : ";"));
    return out.toString();
  }

  /**
   * RFC 2640: {@code LANG fr} turns the sentences of the following replies into French ({@code LANG}
   * alone back into English); the codes and the formats clients parse stay as they are.
   */
  private static Reply lang(FtpSession session, String tag) {
    if (tag.isBlank()) {
      session.speak(Languages.DEFAULT);
      return Reply.of(200, "ftp.lang");
    }
    var language = tag.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*") ? Languages.supported(tag) : Optional.<Locale>empty();
    if (language.isEmpty()) {
      return Reply.of(504, "ftp.lang.unknown", org.plenary.shared.CodePoints.first(tag, 20));
    }
    session.speak(language.get());
    return Reply.of(200, "ftp.lang");
  }

  private static Reply type(FtpSession session, String type) {
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "I", "L 8" -> Reply.of(200, "ftp.type.binary");
      case "A", "A N" -> Reply.of(200, "ftp.type.ascii");
      default -> Reply.of(504, "ftp.type.unknown");
    };
  }
}
