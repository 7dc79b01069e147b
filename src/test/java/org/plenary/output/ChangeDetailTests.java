package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.shared.MessageBundles;
import org.plenary.shared.Words;

/** A deliverable's history stores codes and values, and says them in the reader's language, old English rows too. */
class ChangeDetailTests {

  private static final Words WORDS = new Words(new MessageBundles().messageSource());
  private static final Locale FR = Locale.FRENCH;

  private static String said(String action, String detail, Locale locale) {
    return ChangeDetail.said(new DeliverableChange(1, "T", action, "chair", Instant.EPOCH, detail), WORDS, locale);
  }

  @Test
  void theKindOfANewDeliverableIsStoredAsItsCodeAndSaidPerLanguage() {
    String stored = ChangeDetail.created(DeliverableKind.TECHNICAL_REPORT);
    assertThat(stored).isEqualTo("TECHNICAL_REPORT");
    assertThat(said("CREATED", stored, Locale.ENGLISH)).isEqualTo("Technical report");
    for (String language : List.of("fr", "es", "ru", "zh", "ar")) {
      Locale locale = Locale.forLanguageTag(language);
      assertThat(said("CREATED", stored, locale)).as(language)
          .isEqualTo(WORDS.in(locale, "output.kind.TECHNICAL_REPORT")).isNotEqualTo("Technical report");
    }
  }

  @Test
  void anAgreementAndATransferAreStoredWithoutEnglishAndSaidInTheReadersLanguage() {
    String agreed = ChangeDetail.agreed("1006-gva", "FG-Cloud-O-0012", false, List.of("Org A", "Org B"));
    assertThat(agreed).doesNotContain("objections", "at ");
    assertThat(said("AGREED", agreed, FR)).isEqualTo("à la réunion 1006-gva\u202f: FG-Cloud-O-0012 (objections\u202f: Org A, Org B)");
    assertThat(said("AGREED", ChangeDetail.agreed("1006-gva", "D1", true, List.of()), Locale.ENGLISH))
        .isEqualTo("at 1006-gva: D1 (by consensus)");
    String moved = ChangeDetail.transferred("SG13", LocalDate.of(2026, 5, 1));
    assertThat(said("TRANSFERRED", moved, FR)).isEqualTo("au SG13 le 1 mai 2026");
    assertThat(said("TRANSFERRED", ChangeDetail.transferred(null, LocalDate.of(2026, 5, 1)), FR))
        .isEqualTo("au groupe parent le 1 mai 2026");
  }

  @Test
  void rowsAnEarlierVersionStoredInEnglishAreSaidInTheReadersLanguage() {
    assertThat(said("CREATED", "Technical specification", FR)).isEqualTo(WORDS.in(FR, "output.kind.TECHNICAL_SPECIFICATION"));
    assertThat(said("AGREED", "at 1006-gva: D1 (by consensus)", FR)).isEqualTo("à la réunion 1006-gva\u202f: D1 (par consensus)");
    assertThat(said("AGREED", "at 1006-gva: D1 (objections: X, Y)", FR)).isEqualTo("à la réunion 1006-gva\u202f: D1 (objections\u202f: X, Y)");
    assertThat(said("TRANSFERRED", "to the parent group on 2026-05-01", FR)).isEqualTo("au groupe parent le 1 mai 2026");
    assertThat(said("VERSION", "FG-Cloud-O-0012", FR)).isEqualTo("FG-Cloud-O-0012");
  }
}
