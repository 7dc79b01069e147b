package org.plenary.shared;

import com.ibm.icu.text.MeasureFormat;
import com.ibm.icu.util.Measure;
import com.ibm.icu.util.MeasureUnit;
import com.ibm.icu.util.ULocale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The one way an instant is shown to a person, on pages (as {@code @times} in templates), in mails,
 * CSV and PDFs: in the meeting's time zone, with its abbreviation and its name, never a bare UTC
 * time, in the reader's language ({@link Words#reader()}: the request's, English outside a request;
 * mails and PDFs pass the recipient's). English: "Monday 7 June 2010, 23:59 CEST (Europe/Zurich)";
 * French: "lundi 7 juin 2010 à 23:59 CEST (heure d’été d’Europe centrale, Europe/Zurich)".
 */
@Component("times")
public class Times {

  private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz", Locale.ENGLISH);

  private static final DateTimeFormatter ENGLISH_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final Clock clock;
  private final MessageSource messages;

  public Times(Clock clock, MessageSource messages) {
    this.clock = clock;
    this.messages = messages;
  }

  /** The zone whose calendar is the first to reach a date (Line Islands, Kiritimati: UTC+14). */
  public static final ZoneOffset FIRST_TO_A_DATE = ZoneOffset.ofHours(14);

  /** The zone whose calendar is the last to leave a date (Baker Island: UTC-12). */
  public static final ZoneOffset LAST_TO_A_DATE = ZoneOffset.ofHours(-12);

  /**
   * The latest date a person anywhere can have today: a date a person typed in their own zone (a birth,
   * a passport's issue) is in the future only after it. Never the server's zone, which is no one's.
   */
  public static java.time.LocalDate latestToday(Clock clock) {
    return java.time.LocalDate.now(clock.withZone(FIRST_TO_A_DATE));
  }

  /** The earliest date a person anywhere can have today: a day before it has ended everywhere. */
  public static java.time.LocalDate earliestToday(Clock clock) {
    return java.time.LocalDate.now(clock.withZone(LAST_TO_A_DATE));
  }

  /** The instant in the zone, with the zone's abbreviation and (unless it is UTC) its name, for the reader. */
  public static String display(Instant at, ZoneId zone) {
    return display(at, zone, Words.reader());
  }

  /** {@link #display(Instant, ZoneId)} in {@code locale}: the date in its words, the zone named in its language. */
  public static String display(Instant at, ZoneId zone, Locale locale) {
    if (at == null) {
      return "";
    }
    // ZoneOffset.UTC would print "Z": UTC is always named "UTC".
    ZoneId shown = zone == null || zone.normalized().equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
    boolean utc = shown.normalized().equals(ZoneOffset.UTC);
    if (english(locale)) {
      String text = ENGLISH.format(at.atZone(shown));
      return utc ? text : Listed.aside(locale, text, shown.getId());
    }
    String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.FULL, FormatStyle.SHORT,
        IsoChronology.INSTANCE, locale);
    // Short time styles of some languages use a 12-hour clock; meetings keep the 24-hour one.
    pattern = pattern.replace("h:mm a", "HH:mm").replace("a h:mm", "HH:mm").replace("ah:mm", "HH:mm").replace("h:mm", "HH:mm");
    String text = DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(shown));
    if (utc) {
      return text + " UTC";
    }
    String name = DateTimeFormatter.ofPattern("zzzz", locale).format(at.atZone(shown));
    return Listed.aside(locale, text + " " + DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(at.atZone(shown)),
        Listed.parts(locale, name, shown.getId()));
  }

  /** {@link #display(Instant, ZoneId)}, for templates. */
  public String at(Instant at, ZoneId zone) {
    return display(at, zone);
  }

  /** {@link #display(Instant, ZoneId)} with the zone by name (null: UTC), for templates. */
  public String at(Instant at, String zone) {
    return display(at, zone == null ? null : ZoneId.of(zone));
  }

  /** ISO-8601 in UTC, for {@code <time datetime>} (which a script shows in the reader's own zone as well). */
  public String iso(Instant at) {
    return at == null ? "" : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** The day an instant falls on in the zone (null: UTC), for dated letters: "7 June 2010". */
  public static String dayIn(Instant at, ZoneId zone) {
    return dayIn(at, zone, Words.reader());
  }

  /** {@link #dayIn(Instant, ZoneId)} in {@code locale}: "7 juin 2010", "2010年6月7日". */
  public static String dayIn(Instant at, ZoneId zone, Locale locale) {
    DateTimeFormatter day = english(locale) ? ENGLISH_DAY : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    return day.format(at.atZone(zone == null ? ZoneOffset.UTC : zone));
  }

  /** The day of an instant taken at midnight UTC (a date without a time): "8 February 2011". */
  public String day(Instant at) {
    return dayIn(at, ZoneOffset.UTC);
  }

  /** {@link #day(Instant)} as ISO-8601, for {@code <time datetime>}. */
  public String isoDay(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  /** "in 3 days, 4 hours", "in 50 minutes", "passed 2 days ago": the time left before an instant, for the reader. */
  public String left(Instant due) {
    Locale reader = Words.reader();
    Duration between = Duration.between(clock.instant(), due);
    return messages.getMessage(between.isNegative() ? "common.time.passed" : "common.time.left",
        new Object[] {amount(between.abs(), reader)}, reader);
  }

  /** {@link #left(Instant)} in English, from {@code now}. */
  static String left(Instant due, Instant now) {
    Duration between = Duration.between(now, due);
    String amount = amount(between.abs(), Locale.ENGLISH);
    return between.isNegative() ? "passed " + amount + " ago" : "in " + amount;
  }

  /** "3 days, 4 hours", "3 дня 4 часа", "3天4小时": days and hours past two days, hours past one, else minutes. */
  public static String amount(Duration length, Locale locale) {
    var parts = new ArrayList<Measure>();
    if (length.toDays() >= 2) {
      parts.add(new Measure(length.toDays(), MeasureUnit.DAY));
      long hours = length.minusDays(length.toDays()).toHours();
      if (hours > 0) {
        parts.add(new Measure(hours, MeasureUnit.HOUR));
      }
    } else if (length.toHours() >= 1) {
      parts.add(new Measure(length.toHours(), MeasureUnit.HOUR));
    } else {
      parts.add(new Measure(Math.max(1, length.toMinutes()), MeasureUnit.MINUTE));
    }
    return MeasureFormat.getInstance(ULocale.forLocale(plain(locale)), MeasureFormat.FormatWidth.WIDE)
        .formatMeasures(parts.toArray(Measure[]::new));
  }

  private static boolean english(Locale locale) {
    return locale == null || "en".equals(locale.getLanguage());
  }

  private static Locale plain(Locale locale) {
    return locale == null || "en".equals(locale.getLanguage()) ? Locale.ENGLISH : locale;
  }
}
