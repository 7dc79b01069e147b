package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** How a reply of several lines is written (RFC 959 4.2): only the first and last lines carry the code. */
class ReplyTests {

  final FtpWords words = new FtpWords(null, Locale.ENGLISH);

  @Test
  void linesBetweenTheFirstAndLastGoAsTheyAreAndOneBeginningWithADigitAfterASpace() {
    String sent = new String(new Reply(213, "Status of /x:\n-rw-r--r-- 1 a\n drw\n213 End\n\nEnd of status.")
        .bytes(words), StandardCharsets.UTF_8);
    assertThat(sent).isEqualTo("213-Status of /x:\r\n-rw-r--r-- 1 a\r\n drw\r\n 213 End\r\n\r\n213 End of status.\r\n");
  }

  @Test
  void aLineBetweenCannotCarryAControlCharacterThatWouldStartAnotherLine() {
    String sent = new String(new Reply(211, "Head\nname\rwith\u0000\nEnd").bytes(words), StandardCharsets.UTF_8);
    assertThat(sent).isEqualTo("211-Head\r\nname?with?\r\n211 End\r\n");
  }

  @Test
  void aSingleLineCarriesTheCodeAndASpace() {
    assertThat(new String(new Reply(200, "NOOP ok.").bytes(words), StandardCharsets.UTF_8)).isEqualTo("200 NOOP ok.\r\n");
  }
}
