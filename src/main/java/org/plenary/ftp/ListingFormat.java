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

  static String list(List<FolderTree.Node> nodes, boolean mayUpload, Instant now) {
    var out = new StringBuilder(nodes.size() * 80);
    for (FolderTree.Node node : nodes) {
      String mode = node.folder() ? (node.incoming() && mayUpload ? "drwxr-xr-x" : "dr-xr-xr-x") : "-r--r--r--";
      Instant modified = node.modified();
      boolean recent = modified.isAfter(now.minus(180, ChronoUnit.DAYS)) && !modified.isAfter(now.plus(1, ChronoUnit.DAYS));
      out.append(mode).append(" 1 plenary plenary ")
          .append(String.format(Locale.ROOT, "%12d", node.size())).append(' ')
          .append((recent ? RECENT : OLD).format(modified)).append(' ').append(node.name()).append("\r\n");
    }
    return out.toString();
  }

  /** NLST: one name a line, each after {@code prefix} (the folder as the client wrote it, or nothing). */
  static String names(List<FolderTree.Node> nodes, String prefix) {
    var out = new StringBuilder(nodes.size() * 32);
    nodes.forEach(node -> out.append(prefix).append(node.name()).append("\r\n"));
    return out.toString();
  }

  static String machine(List<FolderTree.Node> nodes, boolean mayUpload) {
    var out = new StringBuilder(nodes.size() * 80);
    nodes.forEach(node -> out.append(facts(node, mayUpload)).append(' ').append(node.name()).append("\r\n"));
    return out.toString();
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
