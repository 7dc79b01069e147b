package org.plenary.output;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputDocument;
import org.plenary.contribution.OutputType;
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

  ProgressReportIssuer(ProgressReports reports, ProgressReportPdf pdf, OutputDesk outputs, ContributionDesk documents) {
    this.reports = reports;
    this.pdf = pdf;
    this.outputs = outputs;
    this.documents = documents;
  }

  /** The report's PDF, as generated now. */
  public byte[] pdf(String slug, LocalDate from, LocalDate to, PlenaryUser user) {
    return pdf.render(reports.report(slug, from, to, user));
  }

  /** Numbers the report as an output document of the period's last meeting and uploads its PDF. */
  public OutputDocument issue(String slug, LocalDate from, LocalDate to, PlenaryUser user) {
    ProgressReport report = reports.report(slug, from, to, user);
    if (report.meetings().isEmpty()) {
      throw OutputRefusedException.state("No meeting of " + report.groupAcronym() + " was held between " + from
          + " and " + to + "; a progress report is kept as an output document of a meeting of its period.");
    }
    String code = report.meetings().get(report.meetings().size() - 1).code();
    OutputDocument output = outputs.allocate(slug, code, new OutputAllocation("Progress report of "
        + report.groupAcronym() + (report.parent() == null ? "" : " to " + report.parent()) + ", " + from + " to " + to,
        null, OutputType.PROGRESS_REPORT, java.util.List.of(), java.util.List.of()), user);
    documents.upload(output.number(), output.number() + ".pdf", new ByteArrayInputStream(pdf.render(report)), user);
    return output;
  }
}
