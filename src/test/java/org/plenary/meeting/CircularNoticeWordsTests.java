package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenary.shared.MessageBundles;
import org.springframework.context.MessageSource;

/**
 * A circular (feminine in French and Spanish, masculine in Russian and Arabic) and its addenda and corrigenda
 * (masculine in French and Spanish, neuter in Russian, an addendum feminine in Arabic) are spoken of with the
 * agreement of their own kind, and titled in the reader's language.
 */
class CircularNoticeWordsTests {

  private static final MessageSource MESSAGES = new MessageBundles().messageSource();
  private static final List<String> NOTICES = List.of("drafted", "issued", "changes", "saved");

  private static String notice(String notice, Circular.Kind kind, String language) {
    return MESSAGES.getMessage("meeting.circular.notice." + notice + "." + kind, new Object[] {"X"},
        Locale.forLanguageTag(language));
  }

  @Test
  void frenchAndSpanishNoticesAgreeWithTheKind() {
    for (String notice : NOTICES) {
      assertThat(notice(notice, Circular.Kind.CIRCULAR, "fr")).as(notice).containsPattern("(rédigée|publiée|enregistrée)");
      assertThat(notice(notice, Circular.Kind.CIRCULAR, "es")).as(notice).containsPattern("(redactada|emitida|guardada)");
      for (Circular.Kind kind : List.of(Circular.Kind.ADDENDUM, Circular.Kind.CORRIGENDUM)) {
        assertThat(notice(notice, kind, "fr")).as(notice + " " + kind)
            .containsPattern("(rédigé|publié|enregistré)[ \u202f.]").doesNotContainPattern("(rédigée|publiée|enregistrée|-la)");
        assertThat(notice(notice, kind, "es")).as(notice + " " + kind)
            .containsPattern("(redactado|emitido|guardado)").doesNotContainPattern("(redactada|emitida|guardada|revísela|emítala)");
      }
    }
  }

  @Test
  void russianAndArabicNoticesAgreeWithTheKind() {
    assertThat(notice("issued", Circular.Kind.CIRCULAR, "ru")).contains("выпущен:");
    assertThat(notice("issued", Circular.Kind.ADDENDUM, "ru")).contains("выпущено:");
    assertThat(notice("saved", Circular.Kind.CORRIGENDUM, "ru")).contains("сохранено");
    assertThat(notice("issued", Circular.Kind.CIRCULAR, "ar")).startsWith("صدر ");
    assertThat(notice("issued", Circular.Kind.ADDENDUM, "ar")).startsWith("صدرت ");
    assertThat(notice("issued", Circular.Kind.CORRIGENDUM, "ar")).startsWith("صدر ");
  }

  @Test
  void theHistoryNamesActionsWithNounsThatAgreeWithEveryKind() {
    for (String language : List.of("fr", "es")) {
      for (String action : List.of("DRAFTED", "EDITED", "ISSUED")) {
        assertThat(MESSAGES.getMessage("meeting.circular.action." + action, null, Locale.forLanguageTag(language)))
            .as(language + " " + action).doesNotEndWith("ée").doesNotEndWith("ada").doesNotEndWith("ida");
      }
    }
  }

  @Test
  void aNoticeIsTitledInTheReadersLanguage() {
    Circular addendum = new Circular(new CircularId(2), new MeetingId(1), Circular.Kind.ADDENDUM, new CircularId(1), 1,
        "TSB 114", LocalDate.of(2026, 1, 5), "Director", "Director", List.of(), Circular.Status.DRAFT, Instant.EPOCH,
        null, null, Map.of(), List.of(), List.of());
    assertThat(addendum.title()).isEqualTo("Addendum 1 to TSB 114");
    assertThat(MESSAGES.getMessage(addendum.titled(), Locale.FRENCH)).isEqualTo("Addendum 1 à la TSB 114");
    assertThat(MESSAGES.getMessage(addendum.titled(), Locale.forLanguageTag("ru"))).isEqualTo("Дополнение 1 к TSB 114");
    assertThat(MESSAGES.getMessage(addendum.titled(), Locale.forLanguageTag("zh"))).isEqualTo("TSB 114增编1");
  }

  @Test
  void aTsbCircularsNumberIsSaidAsANativeReaderWritesIt() {
    Circular circular = circular(Circular.Kind.CIRCULAR, "TSB Circular 114");
    Circular addendum = circular(Circular.Kind.ADDENDUM, "TSB Circular 114");
    assertThat(title(circular, "en")).isEqualTo("TSB Circular 114");
    assertThat(title(circular, "fr")).isEqualTo("Circulaire TSB 114");
    assertThat(title(addendum, "fr")).isEqualTo("Addendum 1 à la Circulaire TSB 114");
    assertThat(title(addendum, "es")).isEqualTo("Addéndum 1 a la Circular TSB 114");
    assertThat(title(circular, "ru")).isEqualTo("Циркуляр 114 БСЭ");
    assertThat(title(addendum, "ru")).as("dative after к").isEqualTo("Дополнение 1 к Циркуляру 114 БСЭ");
    assertThat(title(circular, "zh")).isEqualTo("电信标准化局第114号通函");
    assertThat(title(addendum, "zh")).isEqualTo("电信标准化局第114号通函增编1");
    assertThat(title(addendum, "ar")).isEqualTo("الإضافة 1 إلى الرسالة المعممة 114 لمكتب تقييس الاتصالات");
    assertThat(addendum.title()).as("the API's and the logs' English form").isEqualTo("Addendum 1 to TSB Circular 114");
  }

  private static String title(Circular circular, String language) {
    return MESSAGES.getMessage(circular.titled(), Locale.forLanguageTag(language));
  }

  private static Circular circular(Circular.Kind kind, String number) {
    return new Circular(new CircularId(2), new MeetingId(1), kind, kind == Circular.Kind.CIRCULAR ? null : new CircularId(1),
        kind == Circular.Kind.CIRCULAR ? 0 : 1, number, LocalDate.of(2026, 1, 5), "Director", "Director", List.of(),
        Circular.Status.DRAFT, Instant.EPOCH, null, null, Map.of(), List.of(), List.of());
  }
}
