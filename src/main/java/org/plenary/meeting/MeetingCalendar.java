package org.plenary.meeting;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.plenary.group.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Writes a group's meetings as an RFC 5545 calendar: all-day events, escaped text, folded lines. */
@Component
class MeetingCalendar {

  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Clock clock;
  private final String baseUrl;

  MeetingCalendar(Clock clock, @Value("${plenary.base-url:http://localhost:8080}") String baseUrl) {
    this.clock = clock;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  String of(Group group, List<Meeting> meetings) {
    var out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Plenary//Meetings//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + text(group.acronym() + " meetings"));
    String stamp = STAMP.format(clock.instant().atOffset(ZoneOffset.UTC));
    for (Meeting m : meetings) {
      String url = baseUrl + "/groups/" + group.slug() + "/meetings/" + m.code();
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + m.code() + "." + group.slug() + "@plenary");
      line(out, "DTSTAMP:" + stamp);
      line(out, "DTSTART;VALUE=DATE:" + DATE.format(m.startDate()));
      line(out, "DTEND;VALUE=DATE:" + DATE.format(m.endDate().plusDays(1)));
      line(out, "SUMMARY:" + text(group.acronym() + " meeting, " + m.venueName()));
      line(out, "LOCATION:" + text(m.venueAddress() == null ? m.venueName() : m.venueName() + ", " + m.venueAddress()));
      line(out, "DESCRIPTION:" + text(m.deadlines().stream()
          .map(d -> d.kind().label() + ": " + d.display()).reduce(url, (a, b) -> a + "\n" + b)));
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
