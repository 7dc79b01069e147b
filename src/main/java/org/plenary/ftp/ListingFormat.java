package org.plenary.ftp;

import java.time.Instant;
import java.time.LocalDateTime;
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
  static void nameLine(FolderTree.Node node, String prefix, LineBuffer out) {
    out.utf8(prefix).utf8(node.name()).crlf();
  }

  /**
   * One line of MLSD, the entry's {@link #facts} and its name, written into {@code out} byte by byte: a
   * folder of 100,000 documents is 100,000 such lines, for which strings and a {@link DateTimeFormatter}
   * cost several times the writing.
   */
  static void machineLine(FolderTree.Node node, boolean mayUpload, LineBuffer out) {
    if (node.folder()) {
      out.utf8("type=dir;modify=");
      time(node.modified(), out);
      out.utf8(node.incoming() && mayUpload ? ";perm=elc; " : ";perm=el; ");
    } else {
      out.utf8("type=file;size=").number(node.size()).utf8(";modify=");
      time(node.modified(), out);
      out.utf8(";perm=r; ");
    }
    out.utf8(node.name()).crlf();
  }

  /** {@link #time(Instant)} written into {@code out}. */
  private static void time(Instant instant, LineBuffer out) {
    LocalDateTime at = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (at.getYear() < 1 || at.getYear() > 9999) {
      out.utf8(FACT.format(instant));
      return;
    }
    out.digits(at.getYear(), 4).digits(at.getMonthValue(), 2).digits(at.getDayOfMonth(), 2)
        .digits(at.getHour(), 2).digits(at.getMinute(), 2).digits(at.getSecond(), 2);
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
