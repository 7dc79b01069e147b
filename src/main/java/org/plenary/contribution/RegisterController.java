package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.plenary.shared.CsvWords;
import org.plenary.shared.FeedTag;
import org.plenary.shared.PageController;
import org.plenary.shared.Words;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.Csv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A meeting's register of documents: a sortable, filterable page, CSV, and an Atom feed of
 * publications; each for readers who may read the meeting's documents ({@link DocumentAccess}).
 * A published file and a revision waiting in incoming are always described apart.
 */
@PageController
class RegisterController {

  private final DocumentAccess access;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final String baseUrl;
  private final Words words;

  RegisterController(DocumentAccess access, GroupCatalog groups, MeetingCatalog meetings,
      @Value("${plenary.base-url}") String baseUrl, Words words) {
    this.words = words;
    this.access = access;
    this.groups = groups;
    this.meetings = meetings;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @GetMapping("/groups/{slug}/meetings/{code}/documents")
  String register(@PathVariable String slug, @PathVariable String code, @RequestParam(required = false) Integer item,
      @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "number") String sort,
      @RequestParam(defaultValue = "asc") String dir, Model model) {
    Meeting meeting = meetings.get(slug, code);
    String query = q.strip().toLowerCase(Locale.ROOT);
    List<Contribution> register = access.register(slug, code, Reader.current());
    List<Contribution> rows = register.stream()
        .filter(c -> item == null || meeting.agendaItemId(item).filter(c.agendaItemIds()::contains).isPresent())
        .filter(c -> query.isEmpty() || (c.number() + " " + c.title() + " " + c.source()).toLowerCase(Locale.ROOT)
            .contains(query))
        .sorted("desc".equals(dir) ? order(sort).reversed() : order(sort))
        .toList();
    model.addAttribute("group", groups.get(slug));
    model.addAttribute("meeting", meeting);
    model.addAttribute("rows", rows);
    // in.zip answers 404 until a first input document is published (its folder has no manifest before).
    model.addAttribute("zip", register.stream().anyMatch(c -> c.series() == DocumentSeries.INPUT
        && (c.status() == Contribution.Status.PUBLISHED || c.status() == Contribution.Status.WITHDRAWN)));
    model.addAttribute("item", item);
    model.addAttribute("q", q);
    model.addAttribute("sort", sort);
    model.addAttribute("dir", dir);
    return "contribution/register";
  }

  @GetMapping(path = "/groups/{slug}/meetings/{code}/documents.csv")
  ResponseEntity<String> csv(@PathVariable String slug, @PathVariable String code,
      @RequestParam(required = false) String lang, HttpServletRequest request, HttpServletResponse response) {
    Meeting meeting = meetings.get(slug, code);
    CsvWords csv = words.csv(lang);
    List<Contribution> register = access.register(slug, code, Reader.current());
    // Tagged from what the rows are written from (the meeting as read, with its zone, and the contributions this
    // reader may see, each with its files), and the language: a poll that names it writes no row.
    String tag = FeedTag.of(Words.reader(), csv.locale(), csv.language(), meeting, register);
    if (FeedTag.unchanged(request, response, tag)) {
      return null;
    }
    var out = new StringBuilder(RegisterCsv.header(csv));
    for (Contribution c : register) {
      out.append(RegisterCsv.row(ContributionResource.of(c, slug, meeting), meeting.timeZone(), csv));
    }
    return ResponseEntity.ok().eTag(tag)
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, csv.disposition(slug + "-" + code + "-register.csv",
            "contribution.file.register", slug, code))
        .body(out.toString());
  }

  @GetMapping(path = "/groups/{slug}/meetings/{code}/documents.atom")
  ResponseEntity<String> atom(@PathVariable String slug, @PathVariable String code, HttpServletRequest request,
      HttpServletResponse response) {
    Group group = groups.get(slug);
    Meeting meeting = meetings.get(slug, code);
    List<Contribution> register = access.register(slug, code, Reader.current());
    java.time.Instant changed = meetings.lastChange(meeting.id());
    // Tagged from what the entries are written from (the group and meeting as read, the meeting's last change, the
    // contributions this reader may see) and the language, before a line is written.
    String tag = FeedTag.of(Words.reader(), group, meeting, changed, register);
    if (FeedTag.unchanged(request, response, tag)) {
      return null;
    }
    // The titles are in the reader's language: caches keep one feed per language.
    return ResponseEntity.ok().eTag(tag).contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
        .header(HttpHeaders.CONTENT_LANGUAGE, Words.reader().toLanguageTag())
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.COOKIE)
        .body(AtomFeed.of(baseUrl, group, meeting, changed, register, words));
  }

  private static Comparator<Contribution> order(String sort) {
    return switch (sort) {
      case "title" -> Comparator.comparing(c -> c.title().toLowerCase(Locale.ROOT));
      case "source" -> Comparator.comparing(c -> c.source().toLowerCase(Locale.ROOT));
      case "received" -> Comparator.comparing(c -> c.receivedAt().orElse(null), Comparator.nullsLast(Comparator.naturalOrder()));
      case "size" -> Comparator.comparing(c -> c.published().map(ContributionFile::size).orElse(-1L));
      default -> Comparator.comparing(Contribution::number);
    };
  }

}
