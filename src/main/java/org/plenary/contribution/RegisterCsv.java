package org.plenary.contribution;

import java.time.Instant;
import java.time.ZoneId;
import org.plenary.shared.Csv;
import org.plenary.shared.CsvWords;
import org.plenary.shared.Times;

/**
 * One register row per contribution. The columns {@code revision} to {@code published} describe
 * the latest published file only (its {@code url} serves exactly that {@code sha256}); the
 * {@code incoming_*} columns describe the version waiting in the incoming folder, if any. Each time
 * is given twice: ISO-8601 in UTC for machines ({@code received}), and beside it in the meeting's time
 * zone with its abbreviation, as {@link Times} shows it everywhere ({@code received_in_meeting_zone}). The header,
 * the status, the late flags and those times are in the language asked with {@code ?lang=} ({@link CsvWords}).
 */
final class RegisterCsv {

  private static final String[] COLUMNS = {"number", "title", "source", "agenda_items", "status", "revision", "file",
      "size", "sha256", "late", "received", "received_in_meeting_zone", "published", "published_in_meeting_zone", "url",
      "incoming_revision", "incoming_file", "incoming_size", "incoming_sha256", "incoming_late", "incoming_received",
      "incoming_received_in_meeting_zone", "incoming_url"};

  private RegisterCsv() {}

  /** The header: the column codes, or their names in the language asked ({@code contribution.csv.<column>}). */
  static String header(CsvWords words) {
    return words.header("contribution.csv", COLUMNS);
  }

  static String row(ContributionResource r, ZoneId zone, CsvWords words) {
    var waiting = r.incoming();
    return String.join(",", Csv.cell(r.number()), Csv.cell(r.title()), Csv.cell(r.source()),
        Csv.cell(r.agendaItems().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("")),
        status(r, words),
        r.revision() < 0 ? "" : String.valueOf(r.revision()), text(r.fileName()),
        r.size() == null ? "" : r.size().toString(), raw(r.sha256()), words.yesNo(r.late()), time(r.receivedAt()),
        words.time(r.receivedAt(), zone), time(r.publishedAt()), words.time(r.publishedAt(), zone), text(r.url()),
        waiting == null ? "" : String.valueOf(waiting.revision()), waiting == null ? "" : text(waiting.fileName()),
        waiting == null ? "" : String.valueOf(waiting.size()), waiting == null ? "" : raw(waiting.sha256()),
        waiting == null ? "" : words.yesNo(waiting.late()), waiting == null ? "" : time(waiting.uploadedAt()),
        waiting == null ? "" : words.time(waiting.uploadedAt(), zone),
        waiting == null ? "" : text(waiting.url())) + "\r\n";
  }

  /**
   * The status; said in a language, a published document with a revision waiting says both (the codes keep
   * PUBLISHED: the incoming_* columns describe the revision for scripts).
   */
  private static String status(ContributionResource r, CsvWords words) {
    String code = r.status().name();
    if (words.language() == null || !r.revisionWaiting()) {
      return words.word("contribution.status." + code, code);
    }
    var said = words.messages();
    return Csv.cell(words.clauses(java.util.List.of(said.getMessage("contribution.status." + code, null, words.locale()),
        said.getMessage("contribution.status.revisionWaiting", new Object[] {r.incoming().revision()}, words.locale()))));
  }

  private static String text(String value) {
    return value == null ? "" : Csv.cell(value);
  }

  private static String raw(String hex) {
    return hex == null ? "" : hex;
  }

  private static String time(Instant at) {
    return at == null ? "" : at.toString();
  }
}
