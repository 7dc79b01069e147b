package org.plenary.meeting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.plenary.group.Group;
import org.plenary.shared.Listed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Writes a group's meetings as an RFC 5545 calendar: all-day events, escaped text, folded lines. */
@Component
class MeetingCalendar {

  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final String baseUrl;

  private final MessageSource messages;

  MeetingCalendar(@Value("${plenary.base-url:http://localhost:8080}") String baseUrl,
      MessageSource messages) {
    this.messages = messages;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  /**
   * The calendar, its titles in {@code locale} (the reader's: {@code Accept-Language}, {@code ?lang=}). Each event's
   * {@code DTSTAMP} is its meeting's last change ({@code changed}), not the moment it was written: the same
   * meetings give the same calendar, whose ETag (a digest of it) then answers a poller's conditional GET with 304.
   */
  String of(Group group, List<Meeting> meetings, Locale locale, Function<Meeting, Instant> changed) {
    var out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Plenary//Meetings//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + text(messages.getMessage("meeting.feed.calendar", new Object[] {group.acronym()}, locale)));
    for (Meeting m : meetings) {
      String url = baseUrl + "/groups/" + group.slug() + "/meetings/" + m.code();
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + m.code() + "." + group.slug() + "@plenary");
      line(out, "DTSTAMP:" + STAMP.format(changed.apply(m).atOffset(ZoneOffset.UTC)));
      line(out, "DTSTART;VALUE=DATE:" + DATE.format(m.startDate()));
      line(out, "DTEND;VALUE=DATE:" + DATE.format(m.endDate().plusDays(1)));
      line(out, "SUMMARY:" + text(messages.getMessage("meeting.feed.event", new Object[] {group.acronym(), m.venueName()}, locale)));
      line(out, "LOCATION:" + text(Listed.parts(messages, locale, m.venueName(), m.venueAddress())));
      line(out, "DESCRIPTION:" + text(m.deadlines().stream()
          .map(d -> org.plenary.shared.Labelled.join(messages, locale, messages.getMessage("meeting.deadline." + d.kind(), null, locale),
              d.display(locale))).reduce(url, (a, b) -> a + "\n" + b)));
      line(out, "URL:" + url);
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** TEXT values escape backslash, semicolon, comma and newline (RFC 5545, 3.3.11). */
  static String text(String value) {
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }

  /** Content lines are folded at 75 octets without splitting a UTF-8 sequence (RFC 5545, 3.1). */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (octets + size > 75) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }
}
