package org.plenary.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.plenary.group.Group;
import org.springframework.context.MessageSource;

/**
 * An Atom feed (RFC 4287) of a group's issued circulars and notices, newest first: each entry links
 * to the circular's page and, as an enclosure, to its frozen PDF with that PDF's SHA-256.
 */
final class CircularFeed {

  private CircularFeed() {}

  static String of(String baseUrl, Group group, List<Circular> issued, CircularDesk desk, MessageSource messages,
      Locale locale) {
    String self = baseUrl + "/groups/" + group.slug() + "/circulars.atom";
    Instant updated = issued.isEmpty() ? Instant.EPOCH : issued.get(0).issuedAt();
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append("  <title>").append(escape(messages.getMessage("meeting.feed.circulars", new Object[] {group.acronym()}, locale))).append("</title>\n")
        .append("  <id>").append(escape(self)).append("</id>\n")
        .append("  <link rel=\"self\" href=\"").append(escape(self)).append("\"/>\n")
        .append("  <updated>").append(updated).append("</updated>\n")
        .append("  <author><name>").append(escape(group.acronym())).append("</name></author>\n");
    for (Circular c : issued) {
      String page = desk.address(c.id());
      Meeting meeting = desk.meetingOf(c);
      String title = messages.getMessage(c.titled(), locale);
      xml.append("  <entry>\n")
          .append("    <id>").append(escape(page)).append("</id>\n")
          .append("    <title>").append(escape(messages.getMessage("meeting.feed.circular",
              new Object[] {title, group.acronym(), meeting.venueName(), meeting.dates(locale)}, locale))).append("</title>\n")
          .append("    <link href=\"").append(escape(page)).append("\"/>\n")
          .append("    <link rel=\"enclosure\" type=\"application/pdf\" href=\"").append(escape(page + ".pdf"))
          .append("\"/>\n")
          .append("    <published>").append(c.issuedAt()).append("</published>\n")
          .append("    <updated>").append(c.issuedAt()).append("</updated>\n")
          .append("    <summary>").append(escape(messages.getMessage("meeting.feed.circularSummary",
              new Object[] {title, org.plenary.group.Days.day(c.dated(), locale), desk.sha256s(c.id()).getOrDefault("en", "-")}, locale))).append("</summary>\n")
          .append("  </entry>\n");
    }
    return xml.append("</feed>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
  }
}
