package org.plenary.output;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.plenary.shared.FeedTag;
import org.plenary.shared.Words;
import org.plenary.shared.Csv;
import org.plenary.shared.CsvWords;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The terminology register and the living list as CSV (formula-safe cells, CRLF rows): column codes, or the
 * header and the terms' states in the language asked with {@code ?lang=} ({@link CsvWords}).
 */
final class OutputCsv {

  private OutputCsv() {}

  static String terms(List<Term> terms, CsvWords words) {
    var out = new StringBuilder(words.header("output.csv.terms", "term", "definition", "source", "note", "status",
        "agreed_at", "superseded_by", "related", "version", "translations"));
    for (Term t : terms) {
      out.append(String.join(",", Csv.cell(t.term()), Csv.cell(t.definition()), Csv.cell(t.source()),
          Csv.cell(t.note()), words.language() == null ? Csv.cell(t.status().name())
              : words.word("output.term." + t.status().name(), t.status().name()), Csv.cell(t.agreedAt()), Csv.cell(t.supersededBy()),
          Csv.cell(words.clauses(t.related())), Csv.cell(String.valueOf(t.version())),
          Csv.cell(words.clauses(t.translations().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
              .map(e -> words.labelled(e.getKey(), e.getValue().term())).toList()))))
          .append("\r\n");
    }
    return out.toString();
  }

  static String livingList(LivingList list, CsvWords words) {
    var out = new StringBuilder(words.header("output.csv.livingList", "organization", "group", "url", "topics", "contact",
        "last_reviewed", "liaisons"));
    for (LivingListEntry e : list.entries()) {
      out.append(String.join(",", Csv.cell(e.organization()), Csv.cell(e.bodyGroup()), Csv.cell(e.url()),
          Csv.cell(e.topics()), Csv.cell(e.contact()),
          Csv.cell(e.lastReviewed() == null ? null : e.lastReviewed().toString()),
          Csv.cell(String.join(" ", e.liaisons())))).append("\r\n");
    }
    return out.toString();
  }

  /**
   * The CSV {@code body} writes, tagged ({@link FeedTag}) from {@code data} as read (the rows it is written from, as
   * this reader sees them) and its words' language, or a 304 when the request names that tag: then not a row is
   * written.
   */
  static ResponseEntity<String> response(Object data, CsvWords words, Function<CsvWords, String> body,
      String disposition, HttpServletRequest request, HttpServletResponse response) {
    String tag = FeedTag.of(Words.reader(), words.locale(), words.language(), data);
    if (FeedTag.unchanged(request, response, tag)) {
      return null;
    }
    return ResponseEntity.ok().eTag(tag).contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
        .body(body.apply(words));
  }
}
