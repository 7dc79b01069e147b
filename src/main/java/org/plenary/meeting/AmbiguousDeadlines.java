package org.plenary.meeting;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The deadlines a page typed at a local time the meeting's clocks show twice (they go back that night) without
 * saying which coming is meant: the page asks, with a field error naming both instants and a choice beside the
 * field, rather than taking the later one in silence. The browser's field carries no offset; the API's
 * {@code deadlines} do, and a local time given there alone stays the second coming. A deadline left as it is (the
 * same local time in the same zone) keeps the instant it has and is not asked about.
 */
@Component
class AmbiguousDeadlines {

  /** One coming of a local time, by the offset it has then, and how the page names it. */
  record Coming(ZoneOffset offset, String label) {

    /** The value the page's select posts ({@code +02:00}). */
    public String value() {
      return offset.getId();
    }
  }

  /** A deadline's field asked about, why (a sentence naming both comings) and the comings, the earlier first. */
  record Asked(String field, String sentence, List<Coming> comings) {}

  private final MessageSource messages;

  AmbiguousDeadlines(MessageSource messages) {
    this.messages = messages;
  }

  /** The deadlines of {@code draft} to ask about; {@code current} the meeting edited, null for a new one. */
  List<Asked> of(MeetingDraft draft, Meeting current, Locale reader) {
    ZoneId zone;
    try {
      zone = ZoneId.of(draft.timeZone().strip());
    } catch (DateTimeException | NullPointerException e) {
      return List.of(); // the zone's own field error says so
    }
    MeetingDraft read = current == null ? draft : MeetingCatalog.keepingInstants(draft, current);
    var asked = new ArrayList<Asked>();
    for (Deadline.Kind kind : Deadline.Kind.values()) {
      LocalDateTime local = read.deadline(kind);
      if (local == null || read.offsets().containsKey(kind) && zone.getRules().isValidOffset(local, read.offsets().get(kind))) {
        continue;
      }
      List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
      if (offsets.size() < 2) {
        continue;
      }
      List<Coming> comings = offsets.stream().map(o -> ZonedDateTime.ofStrict(local, o, zone))
          .sorted(Comparator.comparing(ZonedDateTime::toInstant))
          .map(at -> new Coming(at.getOffset(), label(at, reader))).toList();
      String sentence = messages.getMessage("meeting.error.timeTwice", new Object[] {
          local.toLocalDate() + " " + local.toLocalTime(), zone.getId(), comings.get(0).label(), comings.get(1).label()},
          reader);
      asked.add(new Asked(field(kind), sentence, comings));
    }
    return asked;
  }

  /**
   * "2033-10-30 02:30 CEST (UTC+02:00)": the local time and the zone's name for it then, with its offset aside in the
   * reader's parentheses.
   */
  private static String label(ZonedDateTime at, Locale reader) {
    String offset = at.getOffset().equals(ZoneOffset.UTC) ? "+00:00" : at.getOffset().getId();
    return org.plenary.shared.Listed.aside(reader, at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", reader)),
        "UTC" + offset);
  }

  static String field(Deadline.Kind kind) {
    return switch (kind) {
      case REGISTRATION -> "registrationDeadline";
      case CONTRIBUTIONS -> "contributionDeadline";
      case VISA_SUPPORT -> "visaDeadline";
    };
  }
}
