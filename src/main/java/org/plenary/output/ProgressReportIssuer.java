package org.plenary.output;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.Locale;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputDocument;
import org.plenary.contribution.OutputType;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.Download;
import org.plenary.shared.Languages;
import org.plenary.shared.Words;
import org.plenary.pdf.PdfWords;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.plenary.shared.EditVersion;
import org.springframework.stereotype.Component;

/**
 * Issues a progress report: numbers it as an output document of the period's last meeting and
 * uploads its PDF as that document's file, for the secretariat to publish into the meeting's
 * {@code out/} folder like any output.
 */
@Component
public class ProgressReportIssuer {

  private final ProgressReports reports;
  private final ProgressReportPdf pdf;
  private final OutputDesk outputs;
  private final ContributionDesk documents;
  private final GroupCatalog groups;
  private final MessageSource messages;

  ProgressReportIssuer(ProgressReports reports, ProgressReportPdf pdf, OutputDesk outputs, ContributionDesk documents,
      GroupCatalog groups, MessageSource messages) {
    this.groups = groups;
    this.messages = messages;
    this.reports = reports;
    this.pdf = pdf;
    this.outputs = outputs;
    this.documents = documents;
  }

  /** The report's PDF, as generated now, in {@code lang} when it is one of the six languages, else the reader's. */
  public Download pdf(String slug, LocalDate from, LocalDate to, PlenaryUser user, String lang) {
    Locale language = Languages.supported(lang).orElseGet(Words::reader);
    return new Download(pdf.render(reports.report(slug, from, to, user, language), language), MediaType.APPLICATION_PDF,
        slug + "-progress-report-" + from + "-" + to + ".pdf", messages.getMessage("output.file.progressReport",
            new Object[] {slug, String.valueOf(from), String.valueOf(to)}, language) + ".pdf");
  }

  /** Numbers the report as an output document of the period's last meeting and uploads its PDF. */
  public OutputDocument issue(String slug, LocalDate from, LocalDate to, PlenaryUser user) {
    return issue(slug, from, to, user, EditVersion.ANY);
  }

  /** The report in a reader's language, with its version as it would be issued now (the working language's). */
  public record Read(long version, ProgressReport report) {}

  /**
   * The report in {@code reader}'s language and its version ({@link ProgressReport#version}) as it would be issued
   * now, in the group's working language whatever the reader's (the API's ETag, the page's issue form): rendered once
   * when the reader reads the working language. Otherwise the version is read first, so that a change between the
   * two renderings gives the older version, which an issue then refuses.
   */
  public Read read(String slug, LocalDate from, LocalDate to, PlenaryUser user, Locale reader) {
    Locale working = groups.get(slug).workingLocale();
    if (working.equals(reader)) {
      ProgressReport report = reports.report(slug, from, to, user, working);
      return new Read(report.version(), report);
    }
    long version = reports.report(slug, from, to, user, working).version();
    return new Read(version, reports.report(slug, from, to, user, reader));
  }

  /**
   * Numbers the report as its issuer read it ({@code seen}): the report rendered is the one whose version is checked,
   * so one that changed since it was read (a meeting moved, a document published, the chair's paragraphs saved…) is
   * not numbered and uploaded unseen (412, nothing allocated).
   */
  public OutputDocument issue(String slug, LocalDate from, LocalDate to, PlenaryUser user, EditVersion seen) {
    // An output document of the group: titled and written in the group's working language, the counts by
    // category, country and organization too, whoever issues it.
    Locale language = groups.get(slug).workingLocale();
    ProgressReport report = reports.report(slug, from, to, user, language);
    if (!seen.accepts(report.version())) {
      throw OutputRefusedException.changedSinceRead("output.refused.report.changed", report.groupAcronym());
    }
    if (report.meetings().isEmpty()) {
      throw OutputRefusedException.state("output.refused.report.noMeeting", report.groupAcronym(), from, to);
    }
    String code = report.meetings().get(report.meetings().size() - 1).code();
    OutputDocument output = outputs.allocate(slug, code, new OutputAllocation(title(report, language),
        null, OutputType.PROGRESS_REPORT, java.util.List.of(), java.util.List.of()), user);
    documents.upload(output.number(), output.number() + ".pdf", new ByteArrayInputStream(pdf.render(report, language)), user);
    return output;
  }

  private String title(ProgressReport report, Locale language) {
    var w = new PdfWords(messages, language);
    return report.parent() == null
        ? w.say("output.pdf.report.title", report.groupAcronym(), w.date(report.from()), w.date(report.to()))
        : w.say("output.pdf.report.titleTo", report.groupAcronym(), report.parent(), w.date(report.from()), w.date(report.to()));
  }
}
