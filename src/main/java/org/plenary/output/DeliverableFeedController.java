package org.plenary.output;

import java.util.List;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.PageController;
import org.plenary.shared.Words;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An Atom feed of the changes to the group's deliverables: created, new version, agreed, transferred. */
@PageController
class DeliverableFeedController {

  private final DeliverableDesk desk;
  private final GroupCatalog groups;
  private final String baseUrl;
  private final Words words;

  DeliverableFeedController(DeliverableDesk desk, GroupCatalog groups,
      @Value("${plenary.base-url:http://localhost:8080}") String baseUrl, Words words) {
    this.words = words;
    this.desk = desk;
    this.groups = groups;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @GetMapping(path = "/groups/{slug}/deliverables.atom")
  ResponseEntity<String> feed(@PathVariable String slug, jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) {
    Group group = groups.get(slug);
    List<DeliverableChange> changes = desk.changes(slug, org.plenary.contribution.Reader.current());
    // Tagged from what the entries are written from (the group as read, the changes as this reader sees them, an
    // output document they may not read left out) and the language, before a line is written.
    String tag = org.plenary.shared.FeedTag.of(Words.reader(), group, changes);
    if (org.plenary.shared.FeedTag.unchanged(request, response, tag)) {
      return null;
    }
    String self = baseUrl + "/groups/" + slug + "/deliverables.atom";
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append("  <title>").append(escape(words.get("output.feed.title", group.acronym()))).append("</title>\n")
        .append("  <id>").append(escape(self)).append("</id>\n")
        .append("  <link rel=\"self\" href=\"").append(escape(self)).append("\"/>\n")
        .append("  <updated>").append(changes.isEmpty() ? group.firstMeetingOn() == null ? "2000-01-01T00:00:00Z"
            : group.firstMeetingOn() + "T00:00:00Z" : changes.get(0).at().toString()).append("</updated>\n")
        .append("  <author><name>").append(escape(group.acronym())).append("</name></author>\n");
    for (DeliverableChange c : changes) {
      String page = baseUrl + "/groups/" + slug + "/deliverables/" + c.deliverableId();
      xml.append("  <entry>\n")
          .append("    <title>").append(escape(words.get("output.feed.entry", label(c.action()), c.title()))).append("</title>\n")
          .append("    <id>").append(escape(page + "#" + c.action() + "-" + c.at().toEpochMilli())).append("</id>\n")
          .append("    <link href=\"").append(escape(page)).append("\"/>\n")
          .append("    <updated>").append(c.at()).append("</updated>\n")
          .append("    <summary>").append(escape(summary(c))).append("</summary>\n")
          .append("  </entry>\n");
    }
    xml.append("</feed>\n");
    return ResponseEntity.ok().eTag(tag).contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
        .body(xml.toString());
  }

  private String summary(DeliverableChange c) {
    String detail = ChangeDetail.said(c, words, Words.reader());
    return detail == null ? label(c.action()) : detail;
  }

  private String label(String action) {
    return switch (action) {
      case "CREATED", "VERSION", "AGREED", "TRANSFERRED" -> words.get("output.feed." + action);
      default -> action;
    };
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
