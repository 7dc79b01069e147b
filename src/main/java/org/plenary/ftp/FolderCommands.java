package org.plenary.ftp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.plenary.contribution.ContributionRefusedException;
import org.plenary.contribution.Reader;

/** Moving around and reading the tree: PWD, CWD, CDUP, LIST, NLST, MLSD, MLST, SIZE, MDTM, STAT; and what is refused. */
final class FolderCommands {

  /**
   * The most entries STAT lists: its reply is one text on the control connection, held whole in
   * memory, so a larger folder is pointed to LIST or MLSD, which stream (anonymous readers included).
   */
  static final int STAT_ENTRIES = 1000;

  private FolderCommands() {}

  static void addTo(Map<String, Gateway.Command> table) {
    Gateway.Handler pwd = (s, a) -> Reply.of(257, "ftp.pwd", "\"" + s.cwd.toString().replace("\"", "\"\"") + "\"");
    table.put("PWD", new Gateway.Command(true, pwd));
    table.put("XPWD", new Gateway.Command(true, pwd));
    Gateway.Handler cwd = FolderCommands::cwd;
    table.put("CWD", Gateway.Command.onPath(true, cwd));
    table.put("XCWD", Gateway.Command.onPath(true, cwd));
    Gateway.Handler cdup = (s, a) -> cwd(s, "..");
    table.put("CDUP", new Gateway.Command(true, cdup));
    table.put("XCUP", new Gateway.Command(true, cdup));
    // Listings are written line by line as the data connection takes them: a folder of 100,000
    // documents is never held a second time as one text.
    table.put("LIST", Gateway.Command.onPath(true, (s, a) -> {
      Instant now = Instant.now();
      boolean mayUpload = s.hasAccount();
      List<FolderTree.Node> nodes = listed(s, a);
      Predicate<FolderTree.Node> writable = listedReplaceable(s, a);
      return Transfers.sendLines(s, "ftp.transfer.listing", nodes,
          node -> ListingFormat.listLine(node, mayUpload, writable.test(node), now));
    }));
    table.put("NLST", Gateway.Command.onPath(true, (s, a) -> {
      String prefix = namePrefix(a);
      return Transfers.sendLines(s, "ftp.transfer.names", listed(s, a), node -> ListingFormat.nameLine(node, prefix));
    }));
    table.put("MLSD", Gateway.Command.onPath(true, (s, a) -> {
      FtpPath path = path(s, a);
      boolean mayUpload = s.hasAccount();
      var facts = s.mlstFacts;
      List<FolderTree.Node> nodes = folder(s, path);
      Predicate<FolderTree.Node> replaceable = replaceable(s, path, facts);
      Predicate<FolderTree.Node> deletable = deletable(s, path, facts);
      return Transfers.sendLines(s, "ftp.transfer.listing", nodes,
          node -> ListingFormat.machineLine(node, mayUpload, replaceable.test(node), deletable.test(node), facts));
    }));
    table.put("MLST", Gateway.Command.onPath(true, (s, a) -> {
      FtpPath path = path(s, a);
      FolderTree.Node node = node(s, path);
      boolean replaceable = path.depth() > 0 && replaceable(s, path.parent(), s.mlstFacts).test(node);
      boolean deletable = path.depth() > 0 && deletable(s, path.parent(), s.mlstFacts).test(node);
      return Reply.of(250, "ftp.mlst", path.toString(),
          ListingFormat.facts(node, s.hasAccount(), replaceable, deletable, s.mlstFacts) + " " + path);
    }));
    table.put("SIZE", Gateway.Command.onPath(true, (s, a) -> new Reply(213, Long.toString(file(s, path(s, a)).size()))));
    // RFC 3659 defines MDTM for files; a folder answers 550, as SIZE and vsftpd do.
    table.put("MDTM", Gateway.Command.onPath(true, (s, a) ->
        new Reply(213, ListingFormat.time(file(s, path(s, a)).modified()))));
    table.put("STAT", Gateway.Command.onPath(false, FolderCommands::stat));
    Gateway.Handler folders = (s, a) -> Reply.of(550, "ftp.folders.fixed");
    for (String verb : List.of("MKD", "XMKD", "RMD", "XRMD")) {
      table.put(verb, Gateway.Command.onPath(true, folders));
    }
    table.put("DELE", Gateway.Command.onPath(true, FolderCommands::dele));
    Gateway.Handler rename = (s, a) -> Reply.of(550, "ftp.rename.refused");
    table.put("RNFR", Gateway.Command.onPath(true, rename));
    table.put("RNTO", Gateway.Command.onPath(true, rename));
  }

  private static Reply cwd(FtpSession session, String argument) {
    FtpPath path = path(session, argument);
    FolderTree.Node node = session.gateway.tree().find(path, reader(session))
        .orElseThrow(() -> new FtpRefusal(550, "ftp.noFolder", path.toString()));
    if (!node.folder()) {
      throw new FtpRefusal(550, "ftp.notFolder", path.toString());
    }
    session.cwd = path;
    return Reply.of(250, "ftp.cwd", path.toString());
  }

  /**
   * DELE takes back a version waiting in an incoming folder, as the page's and the API's take-back do
   * (the contribution desk's rules: its sender or the secretariat, never a published file); anything
   * else is refused with a sentence. The file is read from the register now, so a version replaced
   * since the client listed the folder is the one named.
   */
  private static Reply dele(FtpSession session, String argument) {
    FtpPath path = path(session, argument);
    if (path.depth() == 0 || session.gateway.tree().incomingOf(path.parent()).isEmpty() || !session.hasAccount()) {
      node(session, path);
      return Reply.of(550, "ftp.dele.refused");
    }
    FolderTree.Node node = session.gateway.tree().findAgain(path, reader(session)).orElseThrow(() -> missing(session, path));
    if (node.folder() || node.number() == null) {
      return Reply.of(550, "ftp.dele.refused");
    }
    try {
      session.gateway.desk().takeBack(node.number(), List.of(node.sha256()), session.user);
    } catch (ContributionRefusedException refusal) {
      // 550 for every refusal (RFC 959: file unavailable, no access): 553 is STOR's word for a name not allowed.
      return Reply.of(550, "ftp.refused", refusal);
    }
    return Reply.of(250, "ftp.dele.done", node.name());
  }

  private static Reply stat(FtpSession session, String argument) {
    if (argument.isEmpty()) {
      var words = session.words();
      String who = session.hasAccount() ? words.say("ftp.status.signedIn", session.user.getUsername())
          : words.say(session.anonymous ? "ftp.status.anonymous" : "ftp.status.notSignedIn");
      return Reply.of(211, "ftp.status", session.clientKey(), who,
          words.say(session.tls ? "ftp.status.tls" : "ftp.status.clear"),
          words.say(session.protectData ? "ftp.status.tls" : "ftp.status.clear"), session.cwd.toString());
    }
    if (!session.signedIn()) {
      return Reply.of(530, "ftp.signInFirst");
    }
    List<FolderTree.Node> entries = listed(session, argument);
    String shown = path(session, withoutOptions(argument)).toString();
    if (entries.size() > STAT_ENTRIES) {
      return Reply.of(550, "ftp.statusOf.tooLong", shown, entries.size(), STAT_ENTRIES);
    }
    String listing = ListingFormat.list(entries, session.hasAccount(), listedReplaceable(session, argument), Instant.now());
    return Reply.of(213, "ftp.statusOf", shown,
        listing.replace("\r\n", "\n"));
  }

  /** The folder's entries, or the file itself when the path names a file (as ls does). */
  private static List<FolderTree.Node> entries(FtpSession session, FtpPath path) {
    FolderTree.Node node = node(session, path);
    return node.folder() ? session.gateway.tree().list(path, reader(session)) : List.of(node);
  }

  private static List<FolderTree.Node> folder(FtpSession session, FtpPath path) {
    return session.gateway.tree().list(path, reader(session));
  }

  static FolderTree.Node node(FtpSession session, FtpPath path) {
    return session.gateway.tree().find(path, reader(session)).orElseThrow(() -> missing(session, path));
  }

  /**
   * Why nothing is at the path, as HTTP says it (404, or 410 Gone): a published document the
   * secretariat withdrew is said to be withdrawn, anything else is not there.
   */
  static FtpRefusal missing(FtpSession session, FtpPath path) {
    return session.gateway.tree().withdrawn(path, reader(session)) ? new FtpRefusal(550, "ftp.withdrawn", path.toString())
        : new FtpRefusal(550, "ftp.noNode", path.toString());
  }

  static FolderTree.Node file(FtpSession session, FtpPath path) {
    FolderTree.Node node = node(session, path);
    if (node.folder()) {
      throw new FtpRefusal(550, "ftp.notFile", path.toString());
    }
    return node;
  }

  /**
   * Which files of the folder the session may replace by sending the same name (the {@code w} of
   * {@code perm}): in an incoming folder, those the contribution desk says the account may upload
   * again now; nothing elsewhere, nor when the session did not choose the {@code perm} fact.
   */
  private static Predicate<FolderTree.Node> replaceable(FtpSession session, FtpPath folder, Set<String> facts) {
    var slug = session.gateway.tree().incomingOf(folder);
    if (slug.isEmpty() || !session.hasAccount() || !facts.contains("perm")) {
      return node -> false;
    }
    Predicate<String> numbers = session.gateway.desk().replaceableIncoming(slug.get(), session.user);
    return node -> !node.folder() && node.number() != null && numbers.test(node.number());
  }

  /** Which files of the folder the session may take back with DELE (the {@code d} of {@code perm}). */
  private static Predicate<FolderTree.Node> deletable(FtpSession session, FtpPath folder, Set<String> facts) {
    var slug = session.gateway.tree().incomingOf(folder);
    if (slug.isEmpty() || !session.hasAccount() || !facts.contains("perm")) {
      return node -> false;
    }
    Predicate<String> numbers = session.gateway.desk().takeBackableIncoming(slug.get(), session.user);
    return node -> !node.folder() && node.number() != null && numbers.test(node.number());
  }

  /**
   * What LIST's mode says of the entries {@link #listed} gives: the owner's {@code w} where MLSD's {@code perm}
   * has {@code w} or {@code d}, as clients read those facts (Commons Net and FileZilla: the user may change
   * it), so that a client that reads {@code ls -l} and one that reads RFC 3659 are told the same, for the folder
   * whose entries are listed (the path's own, or its parent's for a file or a pattern).
   */
  private static Predicate<FolderTree.Node> listedReplaceable(FtpSession session, String argument) {
    FtpPath path = path(session, withoutOptions(argument));
    boolean ofParent = path.depth() > 0 && (Glob.isPattern(path.name()) || !node(session, path).folder());
    FtpPath folder = ofParent ? path.parent() : path;
    return replaceable(session, folder, ListingFormat.ALL_FACTS).or(deletable(session, folder, ListingFormat.ALL_FACTS));
  }

  /** Who reads, for the documents' access rule: the account, or nobody for anonymous FTP. */
  static Reader reader(FtpSession session) {
    return session.hasAccount() ? Reader.of(session.user) : Reader.ANONYMOUS;
  }

  static FtpPath path(FtpSession session, String argument) {
    return session.cwd.resolve(argument)
        .orElseThrow(() -> new FtpRefusal(550, "ftp.badPath"));
  }

  /**
   * What LIST, NLST and STAT name (after ls options): a folder's entries, a file, or, when the last
   * part of the path is a pattern ({@code *.pdf}, {@code /t/fg/cloud/docs/incoming/FG-Cloud-I-00*}),
   * the entries of its folder whose names match it, as the shell's {@code ls} would; none is an
   * empty listing. The folder is read through the tree, with its access rule.
   */
  private static List<FolderTree.Node> listed(FtpSession session, String argument) {
    FtpPath path = path(session, withoutOptions(argument));
    if (path.depth() == 0 || !Glob.isPattern(path.name())) {
      return entries(session, path);
    }
    Glob glob = Glob.of(path.name());
    return folder(session, path.parent()).stream().filter(node -> glob.matches(node.name())).toList();
  }

  /**
   * NLST names a pattern's matches as the client wrote their folder ({@code in/*.pdf} gives
   * {@code in/FG-Cloud-I-0001.pdf}), as vsftpd and wu-ftpd do, so that mget can RETR each as given;
   * a folder's entries are plain names.
   */
  private static String namePrefix(String argument) {
    String given = withoutOptions(argument);
    int slash = given.lastIndexOf('/');
    return slash >= 0 && Glob.isPattern(given.substring(slash + 1)) ? given.substring(0, slash + 1) : "";
  }

  /**
   * LIST -la and the like: clients send ls options, which change nothing here. The path is what follows the space
   * after the options, as sent (vsftpd's split): {@code LIST -la  x} names " x".
   */
  private static String withoutOptions(String argument) {
    String rest = argument;
    while (rest.startsWith("-")) {
      int space = rest.indexOf(' ');
      rest = space < 0 ? "" : rest.substring(space + 1);
    }
    return rest;
  }
}
