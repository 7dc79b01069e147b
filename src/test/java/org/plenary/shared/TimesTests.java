package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

class TimesTests {

  private static final Instant DEADLINE = Instant.parse("2010-06-07T21:59:00Z");
  private static final MessageSource MESSAGES = new MessageBundles().messageSource();

  @Test
  void showsAnInstantInTheMeetingsZoneWithItsAbbreviationAndName() {
    assertThat(Times.display(DEADLINE, ZoneId.of("Europe/Zurich"))).isEqualTo("Monday 7 June 2010, 23:59 CEST (Europe/Zurich)");
    assertThat(Times.display(Instant.parse("2010-12-07T22:59:00Z"), ZoneId.of("Europe/Zurich")))
        .isEqualTo("Tuesday 7 December 2010, 23:59 CET (Europe/Zurich)");
  }

  @Test
  void namesUtcWhenThereIsNoMeetingZone() {
    assertThat(Times.display(DEADLINE, null)).isEqualTo("Monday 7 June 2010, 21:59 UTC");
    assertThat(Times.display(DEADLINE, ZoneOffset.UTC)).isEqualTo("Monday 7 June 2010, 21:59 UTC");
    assertThat(new Times(Clock.systemUTC(), MESSAGES).at(DEADLINE, "UTC")).isEqualTo("Monday 7 June 2010, 21:59 UTC");
  }

  @Test
  void datesALetterOnTheDayItIsInTheMeetingsZone() {
    Instant lateEvening = Instant.parse("2010-06-07T22:30:00Z");
    assertThat(Times.dayIn(lateEvening, ZoneId.of("Europe/Zurich"))).isEqualTo("8 June 2010");
    assertThat(Times.dayIn(lateEvening, null)).isEqualTo("7 June 2010");
  }

  @Test
  void saysHowLongIsLeftOrHowLongAgoItPassed() {
    Instant now = Instant.parse("2010-06-04T18:59:00Z");
    assertThat(Times.left(DEADLINE, now)).isEqualTo("in 3 days, 3 hours");
    assertThat(Times.left(Instant.parse("2010-06-05T19:59:00Z"), now)).isEqualTo("in 25 hours");
    assertThat(Times.left(Instant.parse("2010-06-04T19:00:00Z"), now)).isEqualTo("in 1 minute");
    assertThat(Times.left(Instant.parse("2010-06-02T18:59:00Z"), now)).isEqualTo("passed 2 days ago");
    assertThat(new Times(Clock.fixed(now, ZoneOffset.UTC), MESSAGES).left(DEADLINE)).isEqualTo("in 3 days, 3 hours");
  }

  @Test
  void showsTheDateInTheReadersLanguageAndNamesTheZoneInIt() {
    ZoneId zurich = ZoneId.of("Europe/Zurich");
    assertThat(Times.display(DEADLINE, zurich, Locale.FRENCH))
        .startsWith("lundi 7 juin 2010").contains("23:59 CEST").contains("Europe centrale").endsWith("Europe/Zurich)");
    assertThat(Times.display(DEADLINE, zurich, Locale.forLanguageTag("ru"))).contains("7 июня 2010").contains("23:59");
    assertThat(Times.display(DEADLINE, zurich, Locale.CHINESE)).contains("2010年6月7日").contains("23:59").contains("中欧");
    assertThat(Times.display(DEADLINE, null, Locale.forLanguageTag("ar"))).contains("2010").endsWith(" UTC");
    assertThat(Times.dayIn(DEADLINE, zurich, Locale.forLanguageTag("es"))).isEqualTo("7 de junio de 2010");
  }

  @Test
  void followsTheLanguageOfTheRequestAndStaysEnglishOutsideOne() {
    try {
      LocaleContextHolder.setLocale(Locale.FRENCH);
      assertThat(Times.dayIn(DEADLINE, null)).isEqualTo("7 juin 2010");
      Instant now = Instant.parse("2010-06-04T18:59:00Z");
      assertThat(plain(new Times(Clock.fixed(now, ZoneOffset.UTC), MESSAGES).left(DEADLINE))).isEqualTo("dans 3 jours et 3 heures");
    } finally {
      LocaleContextHolder.resetLocaleContext();
    }
    assertThat(Times.dayIn(DEADLINE, null)).isEqualTo("7 June 2010");
  }

  @Test
  void countsTimeWithTheLanguagesOwnPlurals() {
    assertThat(plain(Times.amount(Duration.ofDays(3).plusHours(4), Locale.forLanguageTag("ru")))).isEqualTo("3 дня 4 часа");
    assertThat(plain(Times.amount(Duration.ofDays(5), Locale.forLanguageTag("ru")))).isEqualTo("5 дней");
    assertThat(Times.amount(Duration.ofMinutes(1), Locale.ENGLISH)).isEqualTo("1 minute");
  }

  /** ICU and CLDR put no-break spaces between a number and its unit; the words are what is checked. */
  private static String plain(String text) {
    return text.replace('\u00a0', ' ').replace('\u202f', ' ');
  }
}
