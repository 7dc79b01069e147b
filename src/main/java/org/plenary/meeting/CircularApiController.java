package org.plenary.meeting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.plenary.account.PlenaryUser;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Paged;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Circulars as JSON and PDF: issued ones for anyone, drafts and issuing for the secretariat. */
@RestController
@Tag(name = "Circulars")
class CircularApiController {

  record CircularResource(long id, String title, Circular.Kind kind, String number, @Schema(nullable = true) Long parentId,
      LocalDate dated, String signatory, String signatoryTitle, List<String> paragraphs, Circular.Status status,
      @Schema(nullable = true) Instant issuedAt, String url, String pdfUrl, List<String> languages,
      Map<String, String> sha256, List<CircularWarning> warnings, List<Circular.FactChange> changes,
      List<Circular.FactChange> changedSinceIssue, @Schema(nullable = true) CircularDocument document) {}

  record CircularRequest(@NotBlank @Size(max = 100) String number, @NotNull LocalDate dated, @NotBlank @Size(max = 200) String signatory,
      @Schema(nullable = true) @Size(max = 200) String signatoryTitle, @Schema(nullable = true, description = "20,000 characters together at most.")
      @org.plenary.shared.MultiLine @Size(max = 200) @org.plenary.shared.Joined(max = 20_000, separator = "\n\n")
      List<@Size(max = 20_000) String> paragraphs) {

    CircularDraft toDraft() {
      return new CircularDraft(number, dated, signatory, signatoryTitle, paragraphs);
    }
  }

  record Confirmation(@NotNull CircularWarning.Rule rule, @NotBlank @org.plenary.shared.MultiLine String reason) {}

  record IssueRequest(@Schema(nullable = true) List<@Valid Confirmation> confirmations) {}

  record NoticeRequest(@NotNull Circular.Kind kind) {}

  private final CircularDesk desk;

  CircularApiController(CircularDesk desk) {
    this.desk = desk;
  }

  @Operation(operationId = "listCirculars", summary = "A meeting's circulars and their addenda (drafts: secretariat only)")
  @GetMapping("/api/v1/groups/{slug}/meetings/{code}/circulars")
  ResponseEntity<List<CircularResource>> list(@PathVariable String slug, @PathVariable String code,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    Meeting meeting = desk.meetingOfCode(slug, code);
    return desk.of(meeting.id(), staff(), asked).map(c -> resource(c, null)).answer();
  }

  @Operation(operationId = "draftCircular", summary = "Draft the meeting's circular (secretariat)",
      description = "The text is generated from the meeting each time a draft is read; paragraphs are added after "
          + "the generated ones. A number already given to another circular is a 400 problem.")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/meetings/{code}/circulars")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  ResponseEntity<CircularResource> draft(@PathVariable String slug, @PathVariable String code,
      @Valid @RequestBody CircularRequest request) {
    Circular circular = desk.draft(slug, code, request.toDraft(), actor());
    return ResponseEntity.created(URI.create("/api/v1/circulars/" + circular.id().value())).body(resource(circular, "en"));
  }

  @Operation(operationId = "getCircular", summary = "A circular with its text in a language (lang: en, zh, ...)")
  @GetMapping("/api/v1/circulars/{id:\\d+}")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the circular's version (the secretariat's"
      + " `If-Match` on issue): its draft's and the meeting's and group's facts it quotes (dates, venue, deadlines,"
      + " hotels, agenda, terms, leaders)", useReturnTypeSchema = true)
  ResponseEntity<CircularResource> get(@PathVariable long id, @RequestParam(required = false) String lang) {
    boolean staff = staff();
    Circular circular = desk.get(new CircularId(id), staff);
    // Read before the text (an unknown circular was refused above): a draft saved between the two reads is shown
    // under the older tag, which an issue naming it then refuses (412, read again); never the old text under the new tag.
    long version = desk.version(circular.id());
    circular = desk.get(circular.id(), staff);
    return EditVersion.ok(version, staff ? null : "public").body(resource(circular, desk.language(lang)));
  }

  @Operation(operationId = "getCircularPdf", summary = "A circular as PDF: the frozen file once issued (lang: en, zh, ...)")
  @GetMapping(path = "/api/v1/circulars/{id:\\d+}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> pdf(@PathVariable long id, @RequestParam(required = false) String lang) {
    return CircularController.pdfResponse(desk, new CircularId(id), lang, staff());
  }

  @Operation(operationId = "issueCircular", summary = "Issue a circular (secretariat)",
      description = "Checks the group's announcement rules (announced at least N weeks ahead, contributions due at "
          + "least N calendar days before the meeting). A warning not confirmed with a reason is a 409 problem that "
          + "lists it under `warnings`. Issuing freezes the PDFs, mails the group's list and every focal point, and "
          + "sets the meeting's announcedAt.")
  @PostMapping("/api/v1/circulars/{id:\\d+}/issue")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names a version of the circular that is no longer"
      + " current: someone edited the draft, or changed the meeting or group whose facts it quotes, since it was read;"
      + " nothing was issued.")
  CircularResource issue(@PathVariable long id, @Valid @RequestBody IssueRequest request,
      @Parameter(description = "the draft's version as read: the `ETag` of its GET (\"v3\"); `*` or no header issues"
          + " the draft as it is now") @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    var reasons = new EnumMap<CircularWarning.Rule, String>(CircularWarning.Rule.class);
    if (request.confirmations() != null) {
      request.confirmations().forEach(c -> reasons.put(c.rule(), c.reason()));
    }
    return resource(desk.issue(new CircularId(id), reasons, EditVersion.ifMatch(ifMatch), actor()), "en");
  }

  @Operation(operationId = "draftCircularNotice", summary = "Draft an addendum or corrigendum to an issued circular (secretariat)",
      description = "It states the facts of the meeting that changed since the circular (or its latest notice) was "
          + "issued; 409 when nothing changed.")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/circulars/{id:\\d+}/notices")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  ResponseEntity<CircularResource> notice(@PathVariable long id, @Valid @RequestBody NoticeRequest request) {
    Circular notice = desk.notice(new CircularId(id), request.kind(), actor());
    return ResponseEntity.created(URI.create("/api/v1/circulars/" + notice.id().value())).body(resource(notice, "en"));
  }

  private CircularResource resource(Circular c, String lang) {
    String url = desk.address(c.id());
    return new CircularResource(c.id().value(), c.title(), c.kind(), c.number(),
        c.parentId() == null ? null : c.parentId().value(), c.dated(), c.signatory(), c.signatoryTitle(), c.paragraphs(),
        c.status(), c.issuedAt(), url, url + ".pdf", desk.languages(), desk.sha256s(c.id()),
        c.issued() ? confirmations(c) : desk.warnings(c.id()), c.changes(),
        c.issued() && c.kind() == Circular.Kind.CIRCULAR ? desk.changesSinceIssue(c.id()) : List.of(),
        lang == null ? null : desk.document(c.id(), lang, true));
  }

  /**
   * An issued circular's confirmed warnings; who confirmed each (a username) only for the secretariat,
   * as in the audit trail: to anyone else a username is half of a sign-in.
   */
  private List<CircularWarning> confirmations(Circular c) {
    var worded = c.confirmations().stream().map(desk::inReadersWords);
    return (staff() ? worded : worded.map(CircularWarning::withoutConfirmer)).toList();
  }

  private static boolean staff() {
    return PlenaryUser.current().map(PlenaryUser::isStaff).orElse(false);
  }

  private static String actor() {
    return PlenaryUser.current().map(PlenaryUser::getUsername).orElseThrow();
  }
}
