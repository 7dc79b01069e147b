package org.plenary.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A deadline: an instant, always shown in the meeting's time zone with that zone named. */
public record Deadline(Kind kind, Instant dueAt, ZoneId timeZone) {

  /** What the deadline closes. */
  public enum Kind {
    REGISTRATION("Pre-registration"),
    CONTRIBUTIONS("Contributions"),
    VISA_SUPPORT("Visa-support requests");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public ZonedDateTime local() {
    return dueAt.atZone(timeZone);
  }

  /** "Monday 7 June 2010, 23:59 CEST (Europe/Zurich)", in the language of the current request (English outside one). */
  public String display() {
    return org.plenary.shared.Times.display(dueAt, timeZone);
  }

  /** The same in {@code locale}: for mails and feeds, written outside the reader's request. */
  public String display(java.util.Locale locale) {
    return org.plenary.shared.Times.display(dueAt, timeZone, locale);
  }

  public boolean isPast(Instant now) {
    return !now.isBefore(dueAt);
  }
}
