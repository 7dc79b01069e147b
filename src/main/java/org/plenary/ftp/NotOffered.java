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
      "ADAT", "MIC", "CONF", "ENC", "HOST", "AVBL", "XCRC", "XMD5", "XSHA1");

  private NotOffered() {}

  static void addTo(Map<String, Gateway.Command> table) {
    for (String verb : VERBS) {
      table.put(verb, new Gateway.Command(false, (s, a) -> sentence(verb, a)));
    }
  }

  private static Reply sentence(String verb, String argument) {
    return switch (verb) {
      case "SITE" -> {
        String what = argument.isBlank() ? "" : argument.strip().split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
        yield Reply.of(502, "ftp.notOffered.site", org.plenary.shared.CodePoints.first(what, 20).strip());
      }
      case "REIN" -> Reply.of(502, "ftp.notOffered.rein");
      case "STOU" -> Reply.of(502, "ftp.notOffered.stou");
      case "MFMT", "MFCT", "MFF" -> Reply.of(502, "ftp.notOffered.times", verb);
      case "LPRT", "LPSV" -> Reply.of(502, "ftp.notOffered.long", verb);
      default -> Reply.of(502, "ftp.notOffered", verb);
    };
  }
}
