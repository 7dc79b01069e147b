package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plenary.web.Dispositions;

class DownloadTests {

  @Test
  void namesAFileInAsciiAndInItsLanguagePercentEncoded() {
    String header = Download.disposition("inline", "registration-2706-GVA-0001.pdf", "注册确认-2706-GVA-0001.pdf");
    assertThat(header).isEqualTo("inline; filename=\"registration-2706-GVA-0001.pdf\"; filename*=UTF-8''"
        + "%E6%B3%A8%E5%86%8C%E7%A1%AE%E8%AE%A4-2706-GVA-0001.pdf");
    assertThat(Dispositions.of(header).readable()).isEqualTo("注册确认-2706-GVA-0001.pdf");
  }

  @Test
  void keepsTheAsciiNameAsciiAndTheReadableNameAFileName() {
    var read = Dispositions.of(Download.disposition("attachment", "TSB Circular 114/é\"x.pdf",
        "Circulaire TSB 114 : d’après/\"avant\".pdf"));
    assertThat(read.type()).isEqualTo("attachment");
    assertThat(read.ascii()).isEqualTo("TSB-Circular-114-x.pdf");
    assertThat(read.readable()).isEqualTo("Circulaire TSB 114 - d’après-avant-.pdf");
  }

  @Test
  void aDirectionOverrideInTheReadableNameBecomesAHyphenClosedOrNot() {
    var read = Dispositions.of(Download.disposition("attachment", "FG-x-terms.pdf",
        "Termes report\u202Efdp\u202C.exe \u2067عربي\u2069 \u202B.pdf"));
    assertThat(read.readable()).isEqualTo("Termes report-fdp-.exe -عربي- -.pdf");
  }
}
