package org.plenary.contribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.plenary.shared.Listed;
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
 * <p>A row carries only what a reader, a browser, {@code wget -m} and rclone's http backend use, and says
 * each thing once: cells and rows leave out their end tags (optional in HTML); the time is short
 * ({@code 2010-06-07 23:59 CEST}, to the minute, with the zone's abbreviation; the column's header names
 * a meeting's zone once, and JSON gives the exact instant); the hash is written once, whole, and the
 * stylesheet shows its first digits and the whole one under the pointer (a double click selects it
 * whole); what the cells have in common is said once, by the stylesheet, for the table's class: titles
 * and sources take their own direction there ({@code unicode-bidi: plaintext}, what {@code <bdi>} did
 * for each cell). A row of the benchmark's published folder is about 210 bytes, against 365 before.
 */
final class FolderPage {

  /** A row's time: numbers, the same in every language, and the zone's abbreviation in English as {@link Times} has it. */
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

  private FolderPage() {}

  /** The page's title: "Index of /t/fg/cloud/docs/incoming/", "Index de /t/fg/cloud/docs/incoming/". */
  static String title(String path, MessageSource words, Locale locale) {
    return words.getMessage("contribution.listing.title", new Object[] {path}, locale);
  }

  /** As {@link #write}, as a string. */
  static String html(String path, List<FolderEntry> entries, boolean files, ZoneId zone, MessageSource words,
      Locale locale) {
    var out = new StringBuilder(512 + entries.size() * 220);
    try {
      write(out, path, entries, files, zone, words, locale);
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return out.toString();
  }

  /**
   * Writes the listing itself, the content of the page's {@code <main>}; the site's layout goes around it.
   * Times are shown in {@code zone} (see {@link #time}): the meeting's for its folders, UTC for incoming.
   */
  static void write(Appendable out, String path, List<FolderEntry> entries, boolean files, ZoneId zone,
      MessageSource words, Locale locale) throws IOException {
    // The path is data: isolated and kept left to right inside the sentence of any language, as the layout's ltr
    // fragment marks codes ("فهرس /t/fg/cloud/docs/" reads in order, and no screen reader reads "cloud" in Arabic).
    String heading = HtmlUtils.htmlEscape(words.getMessage("contribution.listing.title", new Object[] {"\uE000"}, locale))
        .replace("\uE000", "<bdi dir=\"ltr\" class=\"ltr\" translate=\"no\">" + HtmlUtils.htmlEscape(path) + "</bdi>");
    out.append("\n<h1>").append(heading).append("</h1>\n<table class=\"listing\">\n<thead><tr>");
    header(out, words, locale, "name", "");
    // UTC, as Times shows it: a zone of no offset is named UTC, and needs no name beside its abbreviation.
    ZoneId shown = zone == null || zone.normalized().equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
    if (files) {
      header(out, words, locale, "size", "");
      header(out, words, locale, "date", shown.normalized().equals(ZoneOffset.UTC) ? "" : shown.getId());
      for (String column : List.of("title", "source", "sha256")) {
        header(out, words, locale, column, "");
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
        out.append("<td>").append(Long.toString(e.size())).append("<td>").append(time(e.modified(), shown))
            .append("<td>").append(HtmlUtils.htmlEscape(e.title())).append("<td>").append(HtmlUtils.htmlEscape(e.source()))
            .append("<td>").append(e.sha256() == null ? "" : HtmlUtils.htmlEscape(e.sha256()));
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

  private static void header(Appendable out, MessageSource words, Locale locale, String column, String aside)
      throws IOException {
    String name = words.getMessage("contribution.listing.column." + column, null, locale);
    out.append("<th scope=\"col\">").append(HtmlUtils.htmlEscape(Listed.aside(words, locale, name, aside))).append("</th>");
  }

  /** A row's time in {@code zone}, to the minute, with the zone's abbreviation: {@code 2010-06-07 23:59 CEST}. */
  static String time(Instant at, ZoneId zone) {
    return at == null ? "" : SHORT.format(at.atZone(zone));
  }
}
