package org.plenary.meeting;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * What the secretariat sets on a meeting. Deadlines are local date-times in the meeting's time
 * zone; left out, they take their defaults (contributions 10 days, visa support 28 days and
 * pre-registration 14 days before the start, at 23:59). A blank code is derived ("1006-gva") when
 * the meeting is scheduled, and keeps the meeting's code when it is edited. {@code offsets}: the offset a deadline
 * was sent with (the API's {@code deadlines}), which picks one of a local time that comes twice when it is one of
 * its offsets; without one, a deadline is the second coming.
 */
public record MeetingDraft(
    String code,
    LocalDate startDate,
    LocalDate endDate,
    String timeZone,
    String venueName,
    String venueAddress,
    String venueCode,
    LocalTime openingTime,
    LocalTime deskOpensAt,
    String deskPlace,
    String fee,
    String languages,
    boolean paperless,
    boolean documentsPublic,
    String practicalInfo,
    LocalDateTime registrationDeadline,
    LocalDateTime contributionDeadline,
    LocalDateTime visaDeadline,
    LatePolicy latePolicy,
    List<String> collocated,
    List<Hotel> hotels,
    java.util.Map<Deadline.Kind, java.time.ZoneOffset> offsets) {

  /** A draft whose deadlines carry no offset. */
  public MeetingDraft(String code, LocalDate startDate, LocalDate endDate, String timeZone, String venueName,
      String venueAddress, String venueCode, LocalTime openingTime, LocalTime deskOpensAt, String deskPlace, String fee,
      String languages, boolean paperless, boolean documentsPublic, String practicalInfo,
      LocalDateTime registrationDeadline, LocalDateTime contributionDeadline, LocalDateTime visaDeadline,
      LatePolicy latePolicy, List<String> collocated, List<Hotel> hotels) {
    this(code, startDate, endDate, timeZone, venueName, venueAddress, venueCode, openingTime, deskOpensAt, deskPlace,
        fee, languages, paperless, documentsPublic, practicalInfo, registrationDeadline, contributionDeadline,
        visaDeadline, latePolicy, collocated, hotels, java.util.Map.of());
  }

  public MeetingDraft {
    offsets = offsets == null ? java.util.Map.of() : java.util.Map.copyOf(offsets);
  }

  /** This draft with these offsets for its deadlines. */
  MeetingDraft withOffsets(java.util.Map<Deadline.Kind, java.time.ZoneOffset> given) {
    return new MeetingDraft(code, startDate, endDate, timeZone, venueName, venueAddress, venueCode, openingTime,
        deskOpensAt, deskPlace, fee, languages, paperless, documentsPublic, practicalInfo, registrationDeadline,
        contributionDeadline, visaDeadline, latePolicy, collocated, hotels, given);
  }

  /** The local time given for a deadline, null for its default. */
  LocalDateTime deadline(Deadline.Kind kind) {
    return switch (kind) {
      case REGISTRATION -> registrationDeadline;
      case CONTRIBUTIONS -> contributionDeadline;
      case VISA_SUPPORT -> visaDeadline;
    };
  }
}
