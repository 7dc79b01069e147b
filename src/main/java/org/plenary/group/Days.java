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

  /** The first and last day of a period in the page's language: "14–16 June 2010", "14 juin 2010 – 16 juin 2010". */
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
   * "14–16 June 2010", "30 June – 2 July 2010", "29 December 2010 – 2 January 2011" in English; from day
   * to day in the other languages: "14 juin 2010 – 16 juin 2010", "2010年6月14日 – 2010年6月16日".
   */
  public static String range(LocalDate first, LocalDate last, Locale locale) {
    if (first.equals(last)) {
      return day(first, locale);
    }
    if (!Languages.nearest(locale).getLanguage().equals("en")) {
      return day(first, locale) + " – " + day(last, locale);
    }
    var full = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    if (first.getYear() != last.getYear()) {
      return full.format(first) + " – " + full.format(last);
    }
    if (first.getMonth() != last.getMonth()) {
      return DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH).format(first) + " – " + full.format(last);
    }
    return first.getDayOfMonth() + "–" + full.format(last);
  }
}
