package org.plenary.contribution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.plenary.group.Group;
import org.plenary.meeting.Meeting;

/** An Atom feed (RFC 4287) of a meeting's published documents, newest first. */
final class AtomFeed {

  private record Item(Contribution contribution, ContributionFile file) {}

  private AtomFeed() {}

  static String of(String baseUrl, Group group, Meeting meeting, List<Contribution> register) {
    var items = new ArrayList<Item>();
    for (Contribution c : register) {
      if (c.withdrawnAt() == null) {
        c.files().stream().filter(f -> f.state() == FileState.PUBLISHED).forEach(f -> items.add(new Item(c, f)));
      }
    }
    items.sort(Comparator.comparing((Item i) -> i.file().publishedAt()).reversed());
    String folder = baseUrl + "/t/fg/" + group.slug() + "/docs/" + meeting.code() + "/in/";
    String self = baseUrl + "/groups/" + group.slug() + "/meetings/" + meeting.code() + "/documents.atom";
    Instant updated = items.isEmpty() ? Instant.EPOCH : items.get(0).file().publishedAt();
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append("  <title>").append(escape(group.acronym() + " documents for meeting " + meeting.code())).append("</title>\n")
        .append("  <id>").append(escape(self)).append("</id>\n")
        .append("  <link rel=\"self\" href=\"").append(escape(self)).append("\"/>\n")
        .append("  <updated>").append(updated).append("</updated>\n")
        .append("  <author><name>").append(escape(group.acronym())).append("</name></author>\n");
    for (Item item : items) {
      String url = folder + item.file().fileName();
      xml.append("  <entry>\n")
          .append("    <id>").append(escape(url)).append("</id>\n")
          .append("    <title>").append(escape(item.file().fileName() + ": " + item.contribution().title())).append("</title>\n")
          .append("    <link href=\"").append(escape(url)).append("\"/>\n")
          .append("    <updated>").append(item.file().publishedAt()).append("</updated>\n")
          .append("    <author><name>").append(escape(item.contribution().source())).append("</name></author>\n")
          .append("    <summary>").append(escape("Source: " + item.contribution().source()
              + (item.file().late() ? " (late)" : ""))).append("</summary>\n")
          .append("  </entry>\n");
    }
    return xml.append("</feed>\n").toString();
  }

  /** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
  static String escape(String text) {
    var out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c > 0xFFFF) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
