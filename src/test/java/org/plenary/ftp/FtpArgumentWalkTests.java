package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every verb of the gateway's own command table, sent by Commons Net over a real socket with arguments past every
 * bound: a name of 300 characters, a path of 1,025 in short names, 4,000, 4,096 and 100,000 characters, each as one
 * name, as a path, after a time (MFMT, MDTM) and after a SITE subcommand. Each gets a refusal with a sentence (500 for
 * a line past {@code plenary.ftp.max-line-length}, 501 or 553 for an argument past its verb's bound), never 421 or 451
 * (an exception), and the session lives on: NOOP answers 200 after each. Nothing is created in the incoming folder.
 */
@DemoTest
class FtpArgumentWalkTests {

  static final String INCOMING = "/t/fg/cloud/docs/incoming";
  static final List<Integer> LENGTHS = List.of(300, 1_025, 4_000, 4_096, 100_000);

  @Autowired FtpServer server;

  @Test
  void everyVerbRefusesAnOverlongArgumentWithASentenceAndTheSessionLivesOn() throws Exception {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(8_000);
    ftp.connect("127.0.0.1", server.port());
    assertThat(ftp.login("alice", "alice-demo")).isTrue();
    ftp.enterLocalPassiveMode();
    Set<String> before = Set.of(ftp.listNames(INCOMING));
    Map<String, Set<Integer>> codes = new TreeMap<>();
    try {
      for (String verb : new TreeSet<>(server.verbs())) {
        for (int length : LENGTHS) {
          for (String argument : shapes(length)) {
            int code = ftp.sendCommand(verb, argument);
            String reply = ftp.getReplyString();
            String what = verb + " with " + argument.length() + " characters (" + argument.substring(0, 12) + "…)";
            assertThat(code).as(what + ": " + reply).isBetween(425, 553).isNotIn(451, 502);
            // A path within its bound may be named in the reply ("550 There is no folder …"); a longer argument never is.
            assertThat(reply).as(what).matches("(?s)\\d{3} \\S.*").hasSizeLessThan(FtpPath.MAX_LENGTH + 200);
            // A path of short names, a listing's pattern (bound by the path's length only) or a password may be within
            // bounds.
            boolean withinBounds = argument.length() <= FtpPath.MAX_LENGTH && ftpPathVerb(verb)
                && (argument.startsWith("d/") || ArgumentBounds.PATTERNS.contains(verb))
                || verb.equals("PASS") && argument.length() <= ArgumentBounds.SECRET;
            if (length >= 4_096) {
              assertThat(reply).as(what).startsWith("500 Command line too long").hasSizeLessThan(200);
            } else if (!withinBounds) {
              assertThat(reply).as(what).contains("too long").matches("(?s)(501|553) .*").hasSizeLessThan(200);
            }
            codes.computeIfAbsent(verb, v -> new TreeSet<>()).add(code);
            assertThat(ftp.sendCommand("NOOP")).as("NOOP after " + what).isEqualTo(200);
          }
        }
      }
      assertThat(ftp.listNames(INCOMING)).as("nothing half-created").containsExactlyInAnyOrderElementsOf(before);
    } finally {
      ftp.disconnect();
    }
    System.out.println("FTP argument walk, reply codes by verb: " + codes);
    assertThat(codes.keySet()).contains("CWD", "MKD", "MDTM", "MFMT", "PASS", "RETR", "RNFR", "RNTO", "SITE", "STOR",
        "USER");
  }

  private boolean ftpPathVerb(String verb) {
    return server.commandNamesPath(verb);
  }

  /** An argument of {@code length} characters: one name, a path of short names, a time before it, a SITE subcommand. */
  private static List<String> shapes(int length) {
    return List.of("x".repeat(length), "d/".repeat(length / 2), "20260101000000 " + "y".repeat(length),
        "CHMOD 644 " + "z".repeat(length));
  }
}
