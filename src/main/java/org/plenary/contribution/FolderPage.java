package org.plenary.contribution;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.plenary.shared.Times;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * A folder listing's table, written directly rather than through the template engine: a folder
 * holds thousands of documents and is listed often, so it must cost little more than nginx's
 * autoindex ({@link Listings} puts the site's layout around it). Every name and title is
 * HTML-escaped and isolated with {@code <bdi>}.
 */
final class FolderPage {

  private FolderPage() {}

  /** The page's title: "Index of /t/fg/cloud/docs/incoming/". */
  static String title(String path) {
    return "Index of " + path;
  }

  /**
   * The listing itself, the content of the page's {@code <main>}; the site's layout goes around it.
   * Dates are shown through {@link Times} in {@code zone}: the meeting's for its folders, UTC for incoming.
   */
  static String html(String path, List<FolderEntry> entries, boolean files, ZoneId zone) {
    var out = new StringBuilder(512 + entries.size() * 240);
    out.append("\n<h1>").append(HtmlUtils.htmlEscape(title(path))).append("</h1>\n<table>\n<thead><tr><th scope=\"col\">Name</th>");
    if (files) {
      out.append("<th scope=\"col\">Size</th><th scope=\"col\">Date</th><th scope=\"col\">Title</th>")
          .append("<th scope=\"col\">Source</th><th scope=\"col\">SHA-256</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    if (!path.equals("/")) {
      out.append("<tr><td><a href=\"../\">../</a></td></tr>\n");
    }
    for (FolderEntry e : entries) {
      String href = e.folder() ? UriUtils.encodePathSegment(e.name().substring(0, e.name().length() - 1),
          StandardCharsets.UTF_8) + "/" : UriUtils.encodePathSegment(e.name(), StandardCharsets.UTF_8);
      out.append("<tr><td><a href=\"").append(HtmlUtils.htmlEscape(href)).append("\">")
          .append(HtmlUtils.htmlEscape(e.name())).append("</a>");
      if (e.late()) {
        out.append(" <strong class=\"late\">late</strong>");
      }
      out.append("</td>");
      if (files) {
        out.append("<td>").append(e.size()).append("</td><td><time datetime=\"").append(e.modified()).append("\">")
            .append(HtmlUtils.htmlEscape(Times.display(e.modified(), zone))).append("</time></td><td><bdi>")
            .append(HtmlUtils.htmlEscape(e.title())).append("</bdi></td><td><bdi>").append(HtmlUtils.htmlEscape(e.source()))
            .append("</bdi></td><td>").append(hash(e.sha256())).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (entries.isEmpty()) {
      out.append("<p>This folder is empty.</p>\n");
    }
    String[] segments = path.split("/");
    if (files && segments.length == 7 && segments[4].equals("docs")
        && entries.stream().anyMatch(e -> e.name().equals("MANIFEST.json"))) {
      // A meeting's published folder (in/, out/) with publications, hence a manifest: the whole folder in one download.
      String zip = UriUtils.encodePathSegment(segments[6], StandardCharsets.UTF_8) + ".zip";
      out.append("<p>The whole folder in one download: <a href=\"../").append(HtmlUtils.htmlEscape(zip)).append("\">")
          .append(HtmlUtils.htmlEscape(zip)).append("</a> (with MANIFEST.json, signed: check it with ")
          .append("<code>java -jar plenary.jar verify</code>).</p>\n");
    }
    return out.toString();
  }

  /** The {@code hash} fragment of the layout, written here: the first 12 digits, the whole hash on demand. */
  static String hash(String sha256) {
    if (sha256 == null || sha256.length() < 12) {
      return sha256 == null ? "" : HtmlUtils.htmlEscape(sha256);
    }
    String value = HtmlUtils.htmlEscape(sha256);
    return "<details class=\"hash\"><summary><span>" + value.substring(0, 12) + "…</span><span class=\"visually-hidden\">"
        + " (show the whole SHA-256)</span></summary><span>" + value + "</span></details>";
  }
}
