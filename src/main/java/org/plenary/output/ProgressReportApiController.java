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
import org.springframework.web.bind.annotation.RequestHeader;
import org.plenary.shared.EditVersion;
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

  /** The language a GET's tag names after its version ({@code "v12-fr"}). */
  private static final java.util.regex.Pattern LANGUAGE_OF_TAG = java.util.regex.Pattern.compile("-[a-z]{2}\"");

  private final ProgressReportIssuer issuer;

  ProgressReportApiController(ProgressReportIssuer issuer) {
    this.issuer = issuer;
  }

  @Operation(operationId = "getProgressReport", summary = "The progress report for a period, as JSON")
  @GetMapping("/api/v1/groups/{slug}/progress-report")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK, in the reader's language; `ETag` names the report's version as it"
      + " would be issued now and the language of this body (`\"v12-fr\"`; `Vary: Accept-Language`): `If-Match` on its"
      + " issue takes it from any language", useReturnTypeSchema = true)
  ResponseEntity<ProgressReport> get(@PathVariable String slug, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @AuthenticationPrincipal PlenaryUser user) {
    // The body is in the reader's language, the version that of the report as issued (the working language's): the
    // tag names both, so that a reader who switched language is never answered 304 for the other language's body.
    java.util.Locale reader = org.plenary.shared.Words.reader();
    ProgressReportIssuer.Read read = issuer.read(slug, from, to, user, reader);
    return ResponseEntity.ok().eTag(EditVersion.etag(read.version(), reader.getLanguage()))
        .cacheControl(org.springframework.http.CacheControl.noCache().cachePrivate())
        .varyBy(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE)
        .body(read.report());
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
  @ApiResponse(responseCode = "412", description = "`If-Match` names a version of the report that is no longer current:"
      + " something it states changed since it was read; nothing was numbered or uploaded.")
  @PostMapping("/api/v1/groups/{slug}/progress-report/issue")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<IssuedReport> issue(@PathVariable String slug,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = "the report's version as read: the `ETag` of its GET for the same period; `*` or no"
          + " header issues the report as it is now") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    // A tag read in any language names the same version (the report as issued).
    OutputDocument output = issuer.issue(slug, from, to, user,
        EditVersion.ifMatch(ifMatch == null ? null : LANGUAGE_OF_TAG.matcher(ifMatch).replaceAll("\"")));
    return ResponseEntity.created(URI.create("/api/v1/contributions/" + output.number()))
        .body(new IssuedReport(output.number(), output.number() + ".pdf"));
  }
}
