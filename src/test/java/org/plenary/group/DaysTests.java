package org.plenary.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A period's first and last day as each of the six languages writes a range: what the ends share said once. */
class DaysTests {

  private static final LocalDate MAY_3 = LocalDate.of(2027, 5, 3);
  private static final LocalDate MAY_7 = LocalDate.of(2027, 5, 7);
  private static final LocalDate MAY_30 = LocalDate.of(2027, 5, 30);
  private static final LocalDate JUNE_2 = LocalDate.of(2027, 6, 2);
  private static final LocalDate DECEMBER_30 = LocalDate.of(2027, 12, 30);
  private static final LocalDate JANUARY_2 = LocalDate.of(2028, 1, 2);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      en | 3–7 May 2027            | 30 May – 2 June 2027            | 30 December 2027 – 2 January 2028             | 3 May 2027
      fr | 3–7 mai 2027            | 30 mai – 2 juin 2027            | 30 décembre 2027 – 2 janvier 2028             | 3 mai 2027
      es | 3–7 de mayo de 2027     | 30 de mayo – 2 de junio de 2027 | 30 de diciembre de 2027 – 2 de enero de 2028  | 3 de mayo de 2027
      ru | 3–7 мая 2027 г.         | 30 мая – 2 июня 2027 г.         | 30 декабря 2027 г. – 2 января 2028 г.         | 3 мая 2027 г.
      ar | 3–7 مايو 2027           | 30 مايو – 2 يونيو 2027          | 30 ديسمبر 2027 – 2 يناير 2028                 | 3 مايو 2027
      zh | 2027年5月3日至7日         | 2027年5月30日至6月2日            | 2027年12月30日至2028年1月2日                    | 2027年5月3日
      """)
  void writesARangeAsTheLanguageDoesSayingTheSharedMonthAndYearOnce(String language, String sameMonth,
      String acrossMonths, String acrossYears, String oneDay) {
    Locale locale = Locale.forLanguageTag(language);
    assertThat(plain(Days.range(MAY_3, MAY_7, locale))).isEqualTo(sameMonth);
    assertThat(plain(Days.range(MAY_30, JUNE_2, locale))).isEqualTo(acrossMonths);
    assertThat(plain(Days.range(DECEMBER_30, JANUARY_2, locale))).isEqualTo(acrossYears);
    assertThat(plain(Days.range(MAY_3, MAY_3, locale))).isEqualTo(oneDay);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"fr-CH, 3–7 mai 2027", "de, 3–7 May 2027", "zh-TW, 2027年5月3日至7日"})
  void aRegionOrAnUnsupportedLanguageTakesTheNearestOfTheSix(String tag, String expected) {
    assertThat(plain(Days.range(MAY_3, MAY_7, Locale.forLanguageTag(tag)))).isEqualTo(expected);
  }

  /** The JDK writes Russian's "г." after a narrow no-break space; the table above uses a plain one. */
  private static String plain(String text) {
    return text.replace('\u202f', ' ').replace('\u00a0', ' ');
  }
}
