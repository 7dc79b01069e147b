package org.plenary.group;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.plenary.shared.Languages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Calendar days (a milestone, a meeting's dates) as a reader of the page's language writes them:
 * "14 June 2010", "14 juin 2010", "2010年6月14日", as {@code @days} in templates. Instants, which have
 * a time and a zone, go through {@code @times}.
 */
@Component("days")
public class Days {

  /** The day in the page's language. */
  public String day(LocalDate day) {
    return day == null ? "" : day(day, LocaleContextHolder.getLocale());
  }

  /** The first and last day of a period in the page's language: "14–16 June 2010", "14–16 juin 2010". */
  public String range(LocalDate first, LocalDate last) {
    return range(first, last, LocaleContextHolder.getLocale());
  }

  public static String day(LocalDate day, Locale locale) {
    Locale shown = Languages.nearest(locale);
    if (shown.getLanguage().equals("en")) {
      return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(day);
    }
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(shown).format(day);
  }

  /**
   * The first and last day of a period as each language writes a range, the year and the month they
   * share said once (the common forms of CLDR's interval formats, without ICU):
   * <pre>
   *      same month              across months                across years
   * en   3–7 May 2027            30 May – 2 June 2027         30 December 2027 – 2 January 2028
   * fr   3–7 mai 2027            30 mai – 2 juin 2027         30 décembre 2027 – 2 janvier 2028
   * es   3–7 de mayo de 2027     30 de mayo – 2 de junio de 2027
   * ru   3–7 мая 2027 г.         30 мая – 2 июня 2027 г.
   * ar   3–7 مايو 2027           30 مايو – 2 يونيو 2027
   * zh   2027年5月3日至7日        2027年5月30日至6月2日          2027年12月30日至2028年1月2日
   * </pre>
   * The ends otherwise read as {@link #day(LocalDate, Locale)} writes a day.
   */
  public static String range(LocalDate first, LocalDate last, Locale locale) {
    if (first.equals(last)) {
      return day(first, locale);
    }
    Locale shown = Languages.nearest(locale);
    boolean sameYear = first.getYear() == last.getYear();
    boolean sameMonth = sameYear && first.getMonth() == last.getMonth();
    if (shown.getLanguage().equals("zh")) {
      // The start in full, the end without what it shares with it: 2027年5月3日至7日.
      String end = !sameYear ? day(last, shown) : DateTimeFormatter.ofPattern(sameMonth ? "d日" : "M月d日", shown).format(last);
      return day(first, shown) + "至" + end;
    }
    if (!sameYear) {
      return day(first, shown) + " – " + day(last, shown);
    }
    if (sameMonth) {
      return first.getDayOfMonth() + "–" + day(last, shown);
    }
    String dayMonth = shown.getLanguage().equals("es") ? "d 'de' MMMM" : "d MMMM";
    return DateTimeFormatter.ofPattern(dayMonth, shown).format(first) + " – " + day(last, shown);
  }
}
