package org.plenary.contribution;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * A folder listing as a page, written directly rather than through the template engine: a folder
 * holds thousands of documents and is listed often, so it must cost little more than nginx's
 * autoindex. Every name and title is HTML-escaped and isolated with {@code <bdi>}.
 */
final class FolderPage {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private FolderPage() {}

  static byte[] html(String path, List<FolderEntry> entries, boolean files) {
    var out = new StringBuilder(512 + entries.size() * 240);
    String title = "Index of " + HtmlUtils.htmlEscape(path);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(title).append(" — Plenary</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/css/plenary.css\">\n</head>\n<body>\n")
        .append("<header class=\"site\"><nav aria-label=\"Site\"><a class=\"brand\" href=\"/\">Plenary</a></nav></header>\n")
        .append("<main id=\"main\">\n<h1>").append(title).append("</h1>\n<table>\n<thead><tr><th scope=\"col\">Name</th>");
    if (files) {
      out.append("<th scope=\"col\">Size</th><th scope=\"col\">Date (UTC)</th><th scope=\"col\">Title</th>")
          .append("<th scope=\"col\">Source</th>");
    }
    out.append("</tr></thead>\n<tbody>\n<tr><td><a href=\"../\">../</a></td></tr>\n");
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
    out.append("</main>\n</body>\n</html>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
