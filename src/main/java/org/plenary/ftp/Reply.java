package org.plenary.ftp;

import java.nio.charset.StandardCharsets;

/**
 * One FTP reply: a code and a text, one line or several ("211-…" then "211 End"). As RFC 959 (4.2)
 * and vsftpd write it, only the first line carries "code-" and only the last "code ": the lines
 * between are sent as they are (FEAT's and MLST's lines that begin with a space, STAT's {@code ls}
 * lines, which clients parse as LIST lines), one that begins with a digit after a space, so that no
 * line between can read as the reply's end. Control characters in the text never reach
 * the client, so no name a user sent can forge a reply line. A sentence is a key of the {@code ftp}
 * bundle with its arguments, said in the session's language ({@code LANG}, else English); a text
 * that is no sentence (FEAT, SIZE, MDTM) is sent as it is.
 */
record Reply(int code, String text, String key, Object[] args) {

  /** Returned by a command that answers later itself (a transfer, a delayed refusal). */
  static final Reply LATER = new Reply(0, "");

  /** A text sent as it is, in every language. */
  Reply(int code, String text) {
    this(code, text, null, new Object[0]);
  }

  /** A sentence of the {@code ftp} bundle. */
  static Reply of(int code, String key, Object... args) {
    return new Reply(code, null, key, args);
  }

  String text(FtpWords words) {
    return key == null ? text : words.say(key, args);
  }

  byte[] bytes(FtpWords words) {
    String text = text(words);
    String[] lines = text.split("\n", -1);
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < lines.length; i++) {
      boolean last = i == lines.length - 1;
      String line = printable(lines[i]);
      if (!last && i > 0) {
        out.append(!line.isEmpty() && Character.isDigit(line.charAt(0)) ? " " : "").append(line);
      } else {
        out.append(code).append(last ? ' ' : '-').append(line);
      }
      out.append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
      if (control && out == null) {
        out = new StringBuilder(text.substring(0, i));
      }
      if (out != null) {
        out.append(control ? '?' : c);
      }
    }
    return out == null ? text : out.toString();
  }
}
