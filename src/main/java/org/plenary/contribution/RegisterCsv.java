package org.plenary.contribution;

import java.time.Instant;
import org.plenary.shared.Csv;

/**
 * One register row per contribution. The columns {@code revision} to {@code published} describe
 * the latest published file only (its {@code url} serves exactly that {@code sha256}); the
 * {@code incoming_*} columns describe the version waiting in the incoming folder, if any.
 */
final class RegisterCsv {

  static final String HEADER = "number,title,source,agenda_items,status,revision,file,size,sha256,late,received,"
      + "published,url,incoming_revision,incoming_file,incoming_size,incoming_sha256,incoming_late,incoming_received,"
      + "incoming_url\r\n";

  private RegisterCsv() {}

  static String row(ContributionResource r) {
    var waiting = r.incoming();
    return String.join(",", Csv.cell(r.number()), Csv.cell(r.title()), Csv.cell(r.source()),
        Csv.cell(r.agendaItems().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("")),
        r.status().name(), r.revision() < 0 ? "" : String.valueOf(r.revision()), text(r.fileName()),
        r.size() == null ? "" : r.size().toString(), raw(r.sha256()), String.valueOf(r.late()), time(r.receivedAt()),
        time(r.publishedAt()), text(r.url()),
        waiting == null ? "" : String.valueOf(waiting.revision()), waiting == null ? "" : text(waiting.fileName()),
        waiting == null ? "" : String.valueOf(waiting.size()), waiting == null ? "" : raw(waiting.sha256()),
        waiting == null ? "" : String.valueOf(waiting.late()), waiting == null ? "" : time(waiting.uploadedAt()),
        waiting == null ? "" : text(waiting.url())) + "\r\n";
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
