package org.plenary.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.plenary.group.ContentLanguages;
import org.plenary.group.GroupId;
import org.plenary.group.Shown;

/** A meeting of a group, with its venue, deadlines, agenda, collocated meetings and hotels. */
public record Meeting(
    MeetingId id,
    GroupId groupId,
    String code,
    LocalDate startDate,
    LocalDate endDate,
    ZoneId timeZone,
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
    Instant registrationDeadline,
    Instant contributionDeadline,
    Instant visaDeadline,
    LatePolicy latePolicy,
    List<String> collocated,
    List<Hotel> hotels,
    List<AgendaItem> agenda,
    Map<String, MeetingTranslation> translations) {

  /** The practical information in the reader's language when given, else in the group's working language. */
  public Shown<String> practicalInfo(Locale reader, Locale working) {
    return ContentLanguages.pick(practicalInfo, working, translations, MeetingTranslation::practicalInfo, reader);
  }

  /** Whether the practical information or an agenda title is shown in the working language rather than the reader's. */
  public boolean fallsBack(Locale reader, Locale working) {
    return (practicalInfo != null && practicalInfo(reader, working).fallback())
        || agenda.stream().anyMatch(item -> item.title(reader, working).fallback());
  }

  public List<Deadline> deadlines() {
    return List.of(
        new Deadline(Deadline.Kind.REGISTRATION, registrationDeadline, timeZone),
        new Deadline(Deadline.Kind.CONTRIBUTIONS, contributionDeadline, timeZone),
        new Deadline(Deadline.Kind.VISA_SUPPORT, visaDeadline, timeZone));
  }

  public Deadline deadline(Deadline.Kind kind) {
    return deadlines().stream().filter(d -> d.kind() == kind).findFirst().orElseThrow();
  }

  /** The number (from 1) of the agenda item with this id on the agenda as it stands; 0 when it is not on it. */
  public int agendaNumber(long itemId) {
    for (int i = 0; i < agenda.size(); i++) {
      if (agenda.get(i).id() != null && agenda.get(i).id() == itemId) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The numbers these items have now, in agenda order; ids not on the agenda are left out. */
  public List<Integer> agendaNumbers(Collection<Long> itemIds) {
    return itemIds.stream().mapToInt(this::agendaNumber).filter(n -> n > 0).sorted().boxed().toList();
  }

  /** The id of the item numbered {@code number} (from 1), if the agenda has that many. */
  public Optional<Long> agendaItemId(int number) {
    return number >= 1 && number <= agenda.size() ? Optional.ofNullable(agenda.get(number - 1).id()) : Optional.empty();
  }

  /** The dates in the reader's language: {@link #dates()} in English, "14–16 juin 2010" in French. */
  public String dates(Locale reader) {
    return org.plenary.group.Days.range(startDate, endDate, reader);
  }

  /**
   * "14–16 June 2010", "30 June – 2 July 2010", "29 December 2010 – 2 January 2011": in English, as the API
   * and English mails and PDFs give them. A page says {@link #dates(Locale)}.
   */
  public String dates() {
    return dates(Locale.ENGLISH);
  }

  /** The first day begins, in the venue's time zone, at the opening time (or midnight when none is set). */
  public Instant opensAt() {
    return startDate.atTime(openingTime == null ? LocalTime.MIDNIGHT : openingTime).atZone(timeZone).toInstant();
  }

  public boolean isUpcoming(Instant now) {
    return !endDate.plusDays(1).atStartOfDay(timeZone).toInstant().isBefore(now);
  }
}
