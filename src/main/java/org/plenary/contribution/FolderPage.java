package org.plenary.contribution;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * A folder listing's table, written directly rather than through the template engine: a folder
 * holds thousands of documents and is listed often, so it must cost little more than nginx's
 * autoindex ({@link Listings} puts the site's layout around it). Every name and title is
 * HTML-escaped and isolated with {@code <bdi>}.
 */
final class FolderPage {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private FolderPage() {}

  /** The page's title: "Index of /t/fg/cloud/docs/incoming/". */
  static String title(String path) {
    return "Index of " + path;
  }

  /** The listing itself, the content of the page's {@code <main>}; the site's layout goes around it. */
  static String html(String path, List<FolderEntry> entries, boolean files) {
    var out = new StringBuilder(512 + entries.size() * 240);
    out.append("\n<h1>").append(HtmlUtils.htmlEscape(title(path))).append("</h1>\n<table>\n<thead><tr><th scope=\"col\">Name</th>");
    if (files) {
      out.append("<th scope=\"col\">Size</th><th scope=\"col\">Date (UTC)</th><th scope=\"col\">Title</th>")
          .append("<th scope=\"col\">Source</th>");
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
            .append(TIME.format(e.modified())).append("</time></td><td><bdi>").append(HtmlUtils.htmlEscape(e.title()))
            .append("</bdi></td><td><bdi>").append(HtmlUtils.htmlEscape(e.source())).append("</bdi></td>");
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
}
