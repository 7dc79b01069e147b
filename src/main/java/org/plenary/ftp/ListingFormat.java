package org.plenary.ftp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** How folders are written for LIST (as {@code ls -l}), NLST, MLSD/MLST (RFC 3659) and MDTM. */
final class ListingFormat {

  private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** The facts of MLST and MLSD (RFC 3659, 7), in the order they are written. */
  static final List<String> FACTS = List.of("type", "size", "modify", "perm");
  /** Every fact: what MLST and MLSD write until OPTS MLST chooses. */
  static final java.util.Set<String> ALL_FACTS = java.util.Set.copyOf(FACTS);

  private ListingFormat() {}

  /** LIST's lines as one text, for STAT's reply on the control connection. */
  static String list(List<FolderTree.Node> nodes, boolean mayUpload, java.util.function.Predicate<FolderTree.Node> replaceable,
      Instant now) {
    var out = new StringBuilder(nodes.size() * 80);
    nodes.forEach(node -> out.append(listLine(node, mayUpload, replaceable.test(node), now)));
    return out.toString();
  }

  /**
   * One line of LIST, as {@code ls -l} writes it. A file's owner bits say what MLSD's {@code perm} says
   * ({@link #facts}): {@code rw-} for a waiting file the session may replace or take back, {@code r--} otherwise.
   */
  static String listLine(FolderTree.Node node, boolean mayUpload, boolean replaceable, Instant now) {
    String mode = node.folder() ? (node.incoming() && mayUpload ? "drwxr-xr-x" : "dr-xr-xr-x")
        : replaceable ? "-rw-r--r--" : "-r--r--r--";
    Instant modified = node.modified();
    boolean recent = modified.isAfter(now.minus(180, ChronoUnit.DAYS)) && !modified.isAfter(now.plus(1, ChronoUnit.DAYS));
    return mode + " 1 plenary plenary " + String.format(Locale.ROOT, "%12d", node.size()) + ' '
        + (recent ? RECENT : OLD).format(modified) + ' ' + node.name() + "\r\n";
  }

  /** One line of NLST: the name after {@code prefix} (the folder as the client wrote it, or nothing). */
  static String nameLine(FolderTree.Node node, String prefix) {
    return prefix + node.name() + "\r\n";
  }

  /** One line of MLSD: the entry's chosen facts and its name. */
  static String machineLine(FolderTree.Node node, boolean mayUpload, boolean replaceable, boolean deletable,
      java.util.Set<String> chosen) {
    return facts(node, mayUpload, replaceable, deletable, chosen) + ' ' + node.name() + "\r\n";
  }

  /**
   * The RFC 3659 facts of one entry among type, size (files), modify and perm: those the session chose.
   * {@code perm} says what the session may really do (7.5.5): a folder is entered and listed
   * ({@code el}), and an incoming folder takes new files from an account ({@code c}); a file is read
   * ({@code r}), and one waiting in the incoming folder that the account may still replace by sending
   * it again is written too ({@code w}); one its sender (or the secretariat) may take back with DELE is
   * deletable ({@code d}). RNFR and APPE are refused to everyone, so no {@code f} or {@code a}.
   */
  static String facts(FolderTree.Node node, boolean mayUpload, boolean replaceable, boolean deletable,
      java.util.Set<String> chosen) {
    var out = new StringBuilder(64);
    if (chosen.contains("type")) {
      out.append("type=").append(node.folder() ? "dir" : "file").append(';');
    }
    if (chosen.contains("size") && !node.folder()) {
      out.append("size=").append(node.size()).append(';');
    }
    if (chosen.contains("modify")) {
      out.append("modify=").append(FACT.format(node.modified())).append(';');
    }
    if (chosen.contains("perm")) {
      out.append("perm=").append(node.folder() ? (node.incoming() && mayUpload ? "elc" : "el")
          : "r" + (replaceable ? "w" : "") + (deletable ? "d" : "")).append(';');
    }
    return out.toString();
  }

  static String time(Instant instant) {
    return FACT.format(instant);
  }
}
