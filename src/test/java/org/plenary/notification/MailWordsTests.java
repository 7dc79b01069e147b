package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A letter's subject is one line and its body keeps only lines and tabs, whichever way a text is scanned. */
class MailWordsTests {

  @Test
  void aLetterWithoutControlsIsKeptAsWritten() {
    var letter = new MailWords.Letter("  Number FG-Cloud-I-0001 « allocated »  ", "Dear Alice,\n\tthe number\u00a0is yours.\n");
    assertThat(letter.subject()).isEqualTo("Number FG-Cloud-I-0001 « allocated »");
    assertThat(letter.body()).isEqualTo("Dear Alice,\n\tthe number\u00a0is yours.\n");
  }

  @Test
  void aSubjectsControlsAndLineBreaksOfEveryKindBecomeOneSpace() {
    assertThat(new MailWords.Letter("a\r\n\u0007b\u0085c\u2028d\u2029e\u007ff\tg", "").subject())
        .isEqualTo("a b c d e f g");
  }

  @Test
  void aBodyKeepsItsLinesAndTabsAndLosesEveryOtherControl() {
    assertThat(new MailWords.Letter("s", "a\r\nb\rc\u0000d\u001be\u007ff\tg\u000bh").body())
        .isEqualTo("a\nb\ncdef\tgh");
  }

  @Test
  void aQuotedTextIsOneLineOnlyWhereItHeldABreak() {
    assertThat(MailWords.oneLine("Alice  \n\n  The secretariat")).isEqualTo("Alice The secretariat");
    assertThat(MailWords.oneLine("a\u000cb\u000bc\u0085d\u2028e\u2029f\rg")).isEqualTo("a b c d e f g");
    assertThat(MailWords.oneLine("no break \t here")).isEqualTo("no break \t here");
  }
}
