package org.plenary.ftp;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * How long each command's argument may be, checked before any command runs (signed in or not), so that no verb
 * meets an argument it was not written for: a path ({@link FtpPath#MAX_LENGTH} characters, each name at most
 * {@link #NAME_BYTES} bytes, as file systems' {@code NAME_MAX}), a password or token ({@link #SECRET}), any other
 * word ({@link #WORD}); the listings' shell patterns (LIST, NLST, STAT) are bound by the path's length only. A path over its bound is answered 553 by the verbs that would create a name (STOR, APPE,
 * STOU, MKD, RNTO: "file name not allowed", as vsftpd does) and 501 by the others; a word over its bound is 501.
 * A line over {@code plenary.ftp.max-line-length} never reaches here ({@link ControlLineDecoder}).
 */
final class ArgumentBounds {

  /** The longest word argument: TYPE, PORT, EPRT, OPTS, LANG, USER (an account's name has at most 40), SITE… */
  static final int WORD = 255;
  /** The longest PASS argument: a password (bcrypt reads 72 bytes of it) or a personal access token. */
  static final int SECRET = 1024;
  /** The longest name of a path, in UTF-8 bytes. */
  static final int NAME_BYTES = 255;

  private static final Set<String> CREATING = Set.of("STOR", "APPE", "STOU", "MKD", "XMKD", "RNTO");
  /** Verbs whose last name may be a shell pattern, matched in linear time against names (a pattern may be longer). */
  static final Set<String> PATTERNS = Set.of("LIST", "NLST", "STAT");

  private ArgumentBounds() {}

  /** The refusal of {@code argument} for {@code verb}, or null when it is within its bound. */
  static Reply refusal(String verb, Gateway.Command command, String argument) {
    if (!command.namesPath()) {
      int bound = verb.equals("PASS") ? SECRET : WORD;
      return longer(argument, bound) ? Reply.of(501, "ftp.argument.tooLong", verb, String.valueOf(bound)) : null;
    }
    int code = CREATING.contains(verb) ? 553 : 501;
    if (longer(argument, FtpPath.MAX_LENGTH)) {
      return Reply.of(code, "ftp.argument.pathTooLong", verb, String.valueOf(FtpPath.MAX_LENGTH));
    }
    for (String name : PATTERNS.contains(verb) ? new String[0] : argument.split("/")) {
      if (name.length() > NAME_BYTES / 3 && name.getBytes(StandardCharsets.UTF_8).length > NAME_BYTES) {
        return Reply.of(code, "ftp.argument.nameTooLong", verb, String.valueOf(NAME_BYTES));
      }
    }
    return null;
  }

  /** Whether {@code argument} has more than {@code bound} characters, counted in code points as a reader counts. */
  static boolean longer(String argument, int bound) {
    return argument.length() > bound && argument.codePointCount(0, argument.length()) > bound;
  }
}
