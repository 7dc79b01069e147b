package org.plenary.ftp;

import java.util.Map;
import java.util.Set;

/**
 * Commands FTP clients know that the gateway does not offer: each answers 502 "not implemented"
 * (RFC 959) with a sentence, so that a client carries on without it (lftp's mirror sends SITE
 * CHMOD and SITE UTIME after each upload). A verb nobody defined answers 500 "unknown" instead.
 */
final class NotOffered {

  static final Set<String> VERBS = Set.of("SITE", "REIN", "SMNT", "STOU", "MFMT", "MFCT", "MFF", "LPRT", "LPSV",
      "ADAT", "MIC", "CONF", "ENC", "LANG", "HOST", "AVBL", "XCRC", "XMD5", "XSHA1", "HASH");

  private NotOffered() {}

  static void addTo(Map<String, Gateway.Command> table) {
    for (String verb : VERBS) {
      table.put(verb, new Gateway.Command(false, (s, a) -> new Reply(502, sentence(verb, a))));
    }
  }

  private static String sentence(String verb, String argument) {
    return switch (verb) {
      case "SITE" -> {
        String what = argument.isBlank() ? "" : argument.strip().split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
        yield "SITE " + (what.length() > 20 ? what.substring(0, 20) : what).strip()
            + " is not offered: Plenary sets permissions and times of documents itself.";
      }
      case "REIN" -> "REIN is not offered; QUIT and connect again to sign in as someone else.";
      case "STOU" -> "STOU is not offered: name the file with its document number and use STOR.";
      case "MFMT", "MFCT", "MFF" -> verb + " is not offered: a document keeps the time it was received.";
      case "LPRT", "LPSV" -> verb + " is not offered; use EPSV, PASV, EPRT or PORT.";
      default -> verb + " is not offered here; HELP lists the commands that are.";
    };
  }
}
