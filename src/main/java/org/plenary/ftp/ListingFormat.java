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

  private ListingFormat() {}

  /** LIST's lines as one text, for STAT's reply on the control connection. */
  static String list(List<FolderTree.Node> nodes, boolean mayUpload, Instant now) {
    var out = new StringBuilder(nodes.size() * 80);
    nodes.forEach(node -> out.append(listLine(node, mayUpload, now)));
    return out.toString();
  }

  /** One line of LIST, as {@code ls -l} writes it. */
  static String listLine(FolderTree.Node node, boolean mayUpload, Instant now) {
    String mode = node.folder() ? (node.incoming() && mayUpload ? "drwxr-xr-x" : "dr-xr-xr-x") : "-r--r--r--";
    Instant modified = node.modified();
    boolean recent = modified.isAfter(now.minus(180, ChronoUnit.DAYS)) && !modified.isAfter(now.plus(1, ChronoUnit.DAYS));
    return mode + " 1 plenary plenary " + String.format(Locale.ROOT, "%12d", node.size()) + ' '
        + (recent ? RECENT : OLD).format(modified) + ' ' + node.name() + "\r\n";
  }

  /** One line of NLST: the name after {@code prefix} (the folder as the client wrote it, or nothing). */
  static String nameLine(FolderTree.Node node, String prefix) {
    return prefix + node.name() + "\r\n";
  }

  /** One line of MLSD: the entry's facts and its name. */
  static String machineLine(FolderTree.Node node, boolean mayUpload) {
    return facts(node, mayUpload) + ' ' + node.name() + "\r\n";
  }

  /** The RFC 3659 facts of one entry: type, size, modify, perm. */
  static String facts(FolderTree.Node node, boolean mayUpload) {
    if (node.folder()) {
      return "type=dir;modify=" + FACT.format(node.modified()) + ";perm=" + (node.incoming() && mayUpload ? "elc" : "el") + ";";
    }
    return "type=file;size=" + node.size() + ";modify=" + FACT.format(node.modified()) + ";perm=r;";
  }

  static String time(Instant instant) {
    return FACT.format(instant);
  }
}
