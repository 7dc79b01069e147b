package org.plenary.contribution;

import org.plenary.shared.Words;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.plenary.group.Group;
import org.plenary.meeting.Meeting;

/**
 * An Atom feed (RFC 4287) of a meeting's published documents, newest first. Each published file is
 * an entry whose link, size and SHA-256 are that file's. A withdrawn document stays in the feed as
 * an update of its entries (same id, newer {@code updated}, a title that says so), so readers learn
 * it was withdrawn. The feed's {@code updated} is its newest entry's, or the meeting's last change
 * when that is newer (a feed without entries).
 */
final class AtomFeed {

  private record Item(Contribution contribution, ContributionFile file, Instant updated, boolean withdrawn) {}

  private AtomFeed() {}

  static String of(String baseUrl, Group group, Meeting meeting, Instant meetingChanged, List<Contribution> register,
      Words words) {
    var items = new ArrayList<Item>();
    for (Contribution c : register) {
      for (ContributionFile f : c.files()) {
        if (c.withdrawnAt() == null && f.state() == FileState.PUBLISHED) {
          items.add(new Item(c, f, f.publishedAt(), false));
        } else if (c.withdrawnAt() != null && f.state() == FileState.WITHDRAWN && f.publishedAt() != null) {
          items.add(new Item(c, f, c.withdrawnAt(), true));
        }
      }
    }
    items.sort(Comparator.comparing(Item::updated).reversed());
    String folder = baseUrl + "/t/fg/" + group.slug() + "/docs/" + meeting.code() + "/";
    String self = baseUrl + "/groups/" + group.slug() + "/meetings/" + meeting.code() + "/documents.atom";
    Instant updated = items.isEmpty() || items.get(0).updated().isBefore(meetingChanged)
        ? meetingChanged : items.get(0).updated();
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append("  <title>").append(escape(words.get("contribution.feed.title", group.acronym(), meeting.code()))).append("</title>\n")
        .append("  <id>").append(escape(self)).append("</id>\n")
        .append("  <link rel=\"self\" href=\"").append(escape(self)).append("\"/>\n")
        .append("  <updated>").append(updated).append("</updated>\n")
        .append("  <author><name>").append(escape(group.acronym())).append("</name></author>\n");
    for (Item item : items) {
      ContributionFile file = item.file();
      String url = folder + item.contribution().series().folder() + "/" + file.fileName();
      String page = baseUrl + "/documents/" + item.contribution().number();
      String title = words.get(item.withdrawn() ? "contribution.feed.withdrawnTitle" : "contribution.feed.entryTitle",
          file.fileName(), item.contribution().title());
      String summary = item.withdrawn()
          ? words.get("contribution.feed.withdrawnSummary", file.fileName(), item.updated().toString(),
              item.contribution().source())
          : words.get(file.late() ? "contribution.feed.lateSummary" : "contribution.feed.summary",
              item.contribution().source(), String.valueOf(file.size()), file.sha256());
      xml.append("  <entry>\n")
          .append("    <id>").append(escape(url)).append("</id>\n")
          .append("    <title>").append(escape(title)).append("</title>\n");
      if (item.withdrawn()) {
        xml.append("    <link rel=\"alternate\" href=\"").append(escape(page)).append("\"/>\n");
      } else {
        xml.append("    <link href=\"").append(escape(url)).append("\"/>\n")
            .append("    <link rel=\"enclosure\" type=\"").append(escape(FileSender.contentType(file.fileName())))
            .append("\" length=\"").append(file.size()).append("\" href=\"").append(escape(url)).append("\"/>\n");
      }
      xml.append("    <published>").append(file.publishedAt()).append("</published>\n")
          .append("    <updated>").append(item.updated()).append("</updated>\n")
          .append("    <author><name>").append(escape(item.contribution().source())).append("</name></author>\n")
          .append("    <summary>").append(escape(summary)).append("</summary>\n")
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
