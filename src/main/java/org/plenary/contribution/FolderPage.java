package org.plenary.contribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.plenary.shared.Times;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * A folder listing's table, written directly rather than through the template engine: a folder
 * holds thousands of documents and is listed often, so it must cost little more than nginx's
 * autoindex ({@link Listings} puts the site's layout around it). Every name and title is
 * HTML-escaped and isolated with {@code <bdi>}. Its words and dates are in the reader's language.
 *
 * <p>A row carries only what a reader, a browser, {@code wget -m} and rclone's http backend use: cells
 * and rows leave out their end tags (optional in HTML), times are given to the second, and the hash
 * shows its first 12 digits with the whole one in the same {@code <details>} (the column's header names it).
 * A row of a published folder is about 300 bytes, against 490 before.
 */
final class FolderPage {

  private FolderPage() {}

  /** The page's title: "Index of /t/fg/cloud/docs/incoming/", "Index de /t/fg/cloud/docs/incoming/". */
  static String title(String path, MessageSource words, Locale locale) {
    return words.getMessage("contribution.listing.title", new Object[] {path}, locale);
  }

  /** As {@link #write}, as a string. */
  static String html(String path, List<FolderEntry> entries, boolean files, ZoneId zone, MessageSource words,
      Locale locale) {
    var out = new StringBuilder(512 + entries.size() * 300);
    try {
      write(out, path, entries, files, zone, words, locale);
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return out.toString();
  }

  /**
   * Writes the listing itself, the content of the page's {@code <main>}; the site's layout goes around it.
   * Dates are shown through {@link Times} in {@code zone}: the meeting's for its folders, UTC for incoming.
   */
  static void write(Appendable out, String path, List<FolderEntry> entries, boolean files, ZoneId zone,
      MessageSource words, Locale locale) throws IOException {
    out.append("\n<h1>").append(HtmlUtils.htmlEscape(title(path, words, locale))).append("</h1>\n<table>\n<thead><tr>");
    header(out, words, locale, "name");
    if (files) {
      for (String column : List.of("size", "date", "title", "source", "sha256")) {
        header(out, words, locale, column);
      }
    }
    String late = HtmlUtils.htmlEscape(words.getMessage("contribution.late", null, locale));
    out.append("</tr></thead>\n<tbody>\n");
    if (!path.equals("/")) {
      out.append("<tr><td><a href=\"../\">../</a>\n");
    }
    for (FolderEntry e : entries) {
      String href = e.folder() ? UriUtils.encodePathSegment(e.name().substring(0, e.name().length() - 1),
          StandardCharsets.UTF_8) + "/" : UriUtils.encodePathSegment(e.name(), StandardCharsets.UTF_8);
      out.append("<tr><td><a href=\"").append(HtmlUtils.htmlEscape(href)).append("\">")
          .append(HtmlUtils.htmlEscape(e.name())).append("</a>");
      if (e.late()) {
        out.append(" <strong class=\"late\">").append(late).append("</strong>");
      }
      if (files) {
        Instant modified = e.modified() == null ? null : e.modified().truncatedTo(ChronoUnit.SECONDS);
        out.append("<td>").append(Long.toString(e.size())).append("<td><time datetime=\"").append(String.valueOf(modified))
            .append("\">").append(HtmlUtils.htmlEscape(Times.display(e.modified(), zone, locale))).append("</time><td><bdi>")
            .append(HtmlUtils.htmlEscape(e.title())).append("</bdi><td><bdi>").append(HtmlUtils.htmlEscape(e.source()))
            .append("</bdi><td>").append(hash(e.sha256()));
      }
      out.append('\n');
    }
    out.append("</tbody>\n</table>\n");
    if (entries.isEmpty()) {
      out.append("<p>").append(HtmlUtils.htmlEscape(words.getMessage("contribution.listing.empty", null, locale)))
          .append("</p>\n");
    }
    String[] segments = path.split("/");
    if (files && segments.length == 7 && segments[4].equals("docs")
        && entries.stream().anyMatch(e -> e.name().equals("MANIFEST.json"))) {
      // A meeting's published folder (in/, out/) with publications, hence a manifest: the whole folder in one download.
      String zip = UriUtils.encodePathSegment(segments[6], StandardCharsets.UTF_8) + ".zip";
      String link = "<a href=\"../" + HtmlUtils.htmlEscape(zip) + "\">" + HtmlUtils.htmlEscape(zip) + "</a>";
      // The sentence is escaped first, then the link and the command are put in its places.
      String sentence = HtmlUtils.htmlEscape(words.getMessage("contribution.listing.zip", new Object[] {"\uE000", "\uE001"}, locale));
      out.append("<p>").append(sentence.replace("\uE000", link).replace("\uE001", "<code>java -jar plenary.jar verify</code>"))
          .append("</p>\n");
    }
  }

  private static void header(Appendable out, MessageSource words, Locale locale, String column) throws IOException {
    out.append("<th scope=\"col\">").append(HtmlUtils.htmlEscape(words.getMessage("contribution.listing.column." + column, null, locale)))
        .append("</th>");
  }

  /**
   * A hash in a listing's row: its first 12 digits, which open onto the whole hash (the page's
   * {@code hash} fragment also says so in hidden words; in a listing the column's header does, once).
   */
  static String hash(String sha256) {
    if (sha256 == null || sha256.length() < 12) {
      return sha256 == null ? "" : HtmlUtils.htmlEscape(sha256);
    }
    String value = HtmlUtils.htmlEscape(sha256);
    return "<details class=\"hash\"><summary>" + value.substring(0, 12) + "…</summary>" + value + "</details>";
  }
}
