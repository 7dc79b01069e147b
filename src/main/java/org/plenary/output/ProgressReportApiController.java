package org.plenary.output;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.OutputDocument;
import org.plenary.output.OutputRequests.IssuedReport;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The progress report to the parent group, for the group's management and the secretariat. */
@RestController
@Tag(name = "Progress report")
// The period is required, but checked after the sign-in (by ProgressReports, as field errors), so a stranger gets 401.
class ProgressReportApiController {

  private final ProgressReports reports;
  private final ProgressReportIssuer issuer;

  ProgressReportApiController(ProgressReports reports, ProgressReportIssuer issuer) {
    this.reports = reports;
    this.issuer = issuer;
  }

  @Operation(operationId = "getProgressReport", summary = "The progress report for a period, as JSON")
  @GetMapping("/api/v1/groups/{slug}/progress-report")
  @PreAuthorize("isAuthenticated()")
  ProgressReport get(@PathVariable String slug, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @AuthenticationPrincipal PlenaryUser user) {
    return reports.report(slug, from, to, user);
  }

  @Operation(operationId = "getProgressReportPdf", summary = "The progress report for a period, as PDF")
  @GetMapping(path = "/api/v1/groups/{slug}/progress-report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<byte[]> pdf(@PathVariable String slug,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = "One of ar, zh, en, fr, ru, es; without it, the language of Accept-Language")
      @RequestParam(required = false) String lang, @AuthenticationPrincipal PlenaryUser user) {
    return issuer.pdf(slug, from, to, user, lang).inline();
  }

  @Operation(operationId = "issueProgressReport", summary = "Issue the report: numbered as an output document of the period's last meeting, its PDF uploaded")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/progress-report/issue")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<IssuedReport> issue(@PathVariable String slug,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @AuthenticationPrincipal PlenaryUser user) {
    OutputDocument output = issuer.issue(slug, from, to, user);
    return ResponseEntity.created(URI.create("/api/v1/contributions/" + output.number()))
        .body(new IssuedReport(output.number(), output.number() + ".pdf"));
  }
}
