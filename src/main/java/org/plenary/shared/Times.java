package org.plenary.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The one way an instant is shown to a person, on pages (as {@code @times} in templates), in mails,
 * CSV and PDFs: in the meeting's time zone, with its abbreviation and its name, never a bare UTC
 * time. "Monday 7 June 2010, 23:59 CEST (Europe/Zurich)"; in UTC, "Wednesday 2 December 2026, 15:47 UTC".
 */
@Component("times")
public class Times {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz", Locale.ENGLISH);

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final Clock clock;

  public Times(Clock clock) {
    this.clock = clock;
  }

  /** The instant in the zone, with the zone's abbreviation and (unless it is UTC) its name. */
  public static String display(Instant at, ZoneId zone) {
    if (at == null) {
      return "";
    }
    // ZoneOffset.UTC would print "Z": UTC is always named "UTC".
    ZoneId shown = zone == null || zone.normalized().equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
    String text = FORMAT.format(at.atZone(shown));
    return shown.normalized().equals(ZoneOffset.UTC) ? text : text + " (" + shown.getId() + ")";
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
    return DAY.format(at.atZone(zone == null ? ZoneOffset.UTC : zone));
  }

  /** The day of an instant taken at midnight UTC (a date without a time): "8 February 2011". */
  public String day(Instant at) {
    return DAY.format(at.atZone(ZoneOffset.UTC));
  }

  /** {@link #day(Instant)} as ISO-8601, for {@code <time datetime>}. */
  public String isoDay(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  /** "in 3 days, 4 hours", "in 50 minutes", "passed 2 days ago": the time left before an instant. */
  public String left(Instant due) {
    return left(due, clock.instant());
  }

  static String left(Instant due, Instant now) {
    Duration between = Duration.between(now, due);
    boolean passed = between.isNegative();
    Duration length = between.abs();
    String amount;
    if (length.toDays() >= 2) {
      long hours = length.minusDays(length.toDays()).toHours();
      amount = plural(length.toDays(), "day") + (hours > 0 ? ", " + plural(hours, "hour") : "");
    } else if (length.toHours() >= 1) {
      amount = plural(length.toHours(), "hour");
    } else {
      amount = plural(Math.max(1, length.toMinutes()), "minute");
    }
    return passed ? "passed " + amount + " ago" : "in " + amount;
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
