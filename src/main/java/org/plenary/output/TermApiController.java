package org.plenary.output;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.OutputDocument;
import org.plenary.group.GroupCatalog;
import org.plenary.output.OutputRequests.IssuedReport;
import org.plenary.output.OutputRequests.MeetingRequest;
import org.plenary.output.OutputRequests.SupersessionRequest;
import org.plenary.output.OutputRequests.TermRequest;
import org.plenary.output.OutputRequests.TranslationRequest;
import org.plenary.shared.CsvWords;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Paged;
import org.plenary.shared.Words;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The terminology register as JSON, CSV and PDF; the group's management proposes, edits, agrees and supersedes terms. */
@RestController
@Tag(name = "Terminology")
class TermApiController {

  private static final String DECIDED_ON = "the term's version the decision was made on: the `ETag` of its GET"
      + " (\"v3\"), or a list of them; it is recorded only if one of them is still current (else 412). Without it, or"
      + " with `*`, it is recorded on whatever is current.";

  private final TermDesk desk;
  private final GroupCatalog groups;
  private final TermsPdf pdf;
  private final TermsIssuer issuer;

  private final Words words;

  TermApiController(TermDesk desk, GroupCatalog groups, TermsPdf pdf, TermsIssuer issuer, Words words) {
    this.words = words;
    this.desk = desk;
    this.groups = groups;
    this.pdf = pdf;
    this.issuer = issuer;
  }

  @Operation(operationId = "listTerms", summary = "The terminology register; q searches terms and definitions")
  @GetMapping("/api/v1/groups/{slug}/terms")
  @ApiResponse(responseCode = "200", description = "OK; without `q`, `ETag` is made from the terms of the page: a"
      + " page holding the whole register (no `cursor`, no next page) is tagged with the register's version (\"v12\","
      + " for `If-Match` on its issue); any other page with a tag of its own terms and their versions, which names no"
      + " version of the register", useReturnTypeSchema = true)
  ResponseEntity<List<Term>> list(@PathVariable String slug, @RequestParam(required = false) String q,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    if (q != null && !q.isBlank()) {
      return desk.search(slug, q, asked).answer();
    }
    Paged<Term> page = desk.search(slug, null, asked);
    return page.answer(ResponseEntity.ok().eTag(tag(page, cursor)).cacheControl(CacheControl.noCache()));
  }

  /**
   * The page's entity tag, made from its rows only: a page that holds the whole register (the first, with no next)
   * is the register, tagged with its version ({@code "v12"}, which {@code If-Match} on its issue names); any other
   * page is a part of it, tagged with the sum of its terms' versions and a digest of their ids and versions
   * ({@code "v7-p…"}), which changes when a term of the page changes, leaves it or joins it, and which names no
   * version of the register to {@code If-Match}.
   */
  private static String tag(Paged<Term> page, String cursor) {
    long version = TermsIssuer.version(page.rows());
    if ((cursor == null || cursor.isBlank()) && page.next() == null) {
      return EditVersion.etag(version);
    }
    var rows = new StringBuilder(String.valueOf(cursor));
    page.rows().forEach(t -> rows.append(' ').append(t.id()).append(':').append(t.version()));
    String digest = org.plenary.shared.FeedTag.of(java.util.Locale.ROOT, rows, page.next());
    return EditVersion.etag(version, "p" + digest.substring(2, 14));
  }

  @Operation(operationId = "listTermsCsv", summary = "The terminology register as CSV")
  @ApiResponse(responseCode = "200", description = "OK; the `ETag` is made from the terms (each with its version)"
      + " as read and the language asked, before a row is written: a `GET` whose `If-None-Match` names it is answered"
      + " `304 Not Modified`, no row written", useReturnTypeSchema = true)
  @GetMapping(path = "/api/v1/groups/{slug}/terms.csv", produces = "text/csv")
  ResponseEntity<String> csv(@PathVariable String slug, @RequestParam(required = false) String q,
      @Parameter(description = "One of ar, zh, en, fr, ru, es: the header and the states in that language; without it, "
          + "the column codes and state codes") @RequestParam(required = false) String lang,
      jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
    CsvWords csv = words.csv(lang);
    // Each term as read carries all it shows: its version (one more at each change, a translation included, plus its
    // agreeing meeting's), its name, definition, status and translations.
    List<Term> terms = desk.search(slug, q);
    return OutputCsv.response(terms, csv, w -> OutputCsv.terms(terms, w),
        csv.disposition(slug + "-terms.csv", "output.file.terms", slug), request, response);
  }

  @Operation(operationId = "getTermsPdf", summary = "The terminology register as a formatted document (PDF)")
  @GetMapping(path = "/api/v1/groups/{slug}/terms.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> pdf(@PathVariable String slug,
      @Parameter(description = "One of ar, zh, en, fr, ru, es; without it, the language of Accept-Language")
      @RequestParam(required = false) String lang) {
    return pdf.download(slug, groups.get(slug).acronym(), desk.search(slug, null),
        org.plenary.shared.Languages.supported(lang).orElseGet(Words::reader)).inline();
  }

  @Operation(operationId = "issueTerms",
      summary = "Issue the terminology register: numbered as a terminology output document of the meeting, its PDF uploaded")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/terms/issue")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "412", description = "`If-Match` names a version of the register that is no longer"
      + " current: a term was proposed or changed since it was read; nothing was numbered or uploaded.")
  ResponseEntity<IssuedReport> issue(@PathVariable String slug, @RequestParam(required = false) String meeting,
      @Parameter(description = "the register's version as read: the `ETag` of `GET …/terms` without `q` (\"v12\");"
          + " `*` or no header issues the register as it is now")
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    OutputDocument output = issuer.issue(slug, meeting, user, EditVersion.ifMatch(ifMatch));
    return ResponseEntity.created(URI.create("/api/v1/contributions/" + output.number()))
        .body(new IssuedReport(output.number(), output.number() + ".pdf"));
  }

  @Operation(operationId = "getTerm", summary = "One term")
  @GetMapping("/api/v1/groups/{slug}/terms/{id}")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the term's `version`, for `If-Match` on its PUT",
      useReturnTypeSchema = true)
  ResponseEntity<Term> get(@PathVariable String slug, @PathVariable long id) {
    return versioned(desk.get(slug, id));
  }

  private static ResponseEntity<Term> versioned(Term term) {
    return EditVersion.ok(term.version()).body(term);
  }

  @Operation(operationId = "getTermHistory", summary = "Every change of the term, oldest first")
  @GetMapping("/api/v1/groups/{slug}/terms/{id}/history")
  ResponseEntity<List<TermChange>> history(@PathVariable String slug, @PathVariable long id,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return desk.history(slug, id, asked).answer();
  }

  @Operation(operationId = "proposeTerm", summary = "Propose a term (group management or secretariat)")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/terms")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Term> propose(@PathVariable String slug, @Valid @RequestBody TermRequest request,
      @AuthenticationPrincipal PlenaryUser user) {
    Term made = desk.propose(slug, request.draft(), user);
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/terms/" + made.id())).body(made);
  }

  @Operation(operationId = "editTerm", summary = "Edit a proposed term")
  @PutMapping("/api/v1/groups/{slug}/terms/{id}")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` (or `version`) names none of the term's current version:"
      + " someone changed it since it was read; nothing was saved.")
  ResponseEntity<Term> edit(@PathVariable String slug, @PathVariable long id,
      @Parameter(description = "the term's version as read: the `ETag` of its GET (\"v3\"), or a list of them; the"
          + " edit is made only if one of them is still current (else 412). Without it (nor `version`), or with `*`,"
          + " the edit replaces whatever is current.") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody TermRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return versioned(desk.edit(slug, id, request.draft(), user, EditVersion.ifMatch(ifMatch, request.version())));
  }

  @Operation(operationId = "agreeTerm", summary = "Record the term as agreed at a meeting")
  @PostMapping("/api/v1/groups/{slug}/terms/{id}/agreement")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version agreed", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the term's current version: someone"
      + " changed it since it was read, so what would be agreed is not what was seen; nothing was recorded.")
  ResponseEntity<Term> agree(@PathVariable String slug, @PathVariable long id,
      @Parameter(description = DECIDED_ON) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody MeetingRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return versioned(desk.agree(slug, id, request.meeting(), user, EditVersion.ifMatch(ifMatch)));
  }

  @Operation(operationId = "supersedeTerm", summary = "Record that another term supersedes this agreed term")
  @PostMapping("/api/v1/groups/{slug}/terms/{id}/supersession")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the term's current version: someone"
      + " changed it since it was read; nothing was recorded.")
  ResponseEntity<Term> supersede(@PathVariable String slug, @PathVariable long id,
      @Parameter(description = DECIDED_ON) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody SupersessionRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return versioned(desk.supersede(slug, id, request.by(), user, EditVersion.ifMatch(ifMatch)));
  }

  @Operation(operationId = "translateTerm", summary = "Set the term in one of the six UN languages (ar, zh, en, fr, ru, es);"
      + " a translation is a change of the term: its version goes up")
  @PutMapping("/api/v1/groups/{slug}/terms/{id}/translations/{lang}")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the term's current version:"
      + " someone changed it (or one of its translations) since it was read; nothing was saved.")
  ResponseEntity<Term> translate(@PathVariable String slug, @PathVariable long id, @PathVariable String lang,
      @Parameter(description = "the term's version as read: the `ETag` of its GET (\"v3\"), or a list of them; the"
          + " translation is made only if one of them is still current (else 412). Without it, or with `*`, it"
          + " replaces whatever is current.") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody TranslationRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return versioned(desk.translate(slug, id, lang, request.term(), request.definition(), user,
        EditVersion.ifMatch(ifMatch)));
  }
}
