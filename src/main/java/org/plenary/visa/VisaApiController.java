package org.plenary.visa;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.shared.EditVersion;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Visa support over the API: request, read (logged), approve, re-issue, letter, verification. */
@RestController
@Tag(name = "Visa support")
class VisaApiController {

  record Filed(VisaRequest request, List<String> warnings) {}

  /** The request; its passport details only for those who may read them, and until they are purged. */
  record Details(VisaRequest request,
      @Schema(description = "Absent for readers who may not see it and once purged")
      @JsonInclude(JsonInclude.Include.NON_NULL) Passport passport) {}

  /** A letter found by its reference: the meeting as the letter states it, and where it moved since, if it did. */
  record Verification(String reference, String fullName, String meeting,
      @Schema(description = "The meeting's days as the letter states them (fixed at its approval)") String dates,
      @Schema(description = "The venue as the letter states it") String venue,
      @Schema(description = "Whether the meeting has moved (venue or days) since the letter was approved") boolean moved,
      @Schema(nullable = true, description = "The meeting's venue now, when it moved") String currentVenue,
      @Schema(nullable = true, description = "The meeting's days now, when it moved") String currentDates,
      @Schema(nullable = true, description = "When this letter was re-issued after the meeting moved: the full reference "
          + "of the letter that superseded it (this one keeps stating what it stated)") String supersededBy,
      @Schema(description = "Whether the letter was approved before Plenary kept the venue and days each letter states: "
          + "then `venue` and `dates` are the meeting's as it is now, and whether it moved since is not known")
      boolean factsUnknown) {}

  private static final String IF_MATCH = "the request's version as read: the `ETag` of its GET (\"v3\"; it moves with "
      + "the request and with its meeting, whose venue and days the letter quotes); without it the decision is made on "
      + "the request as it is";
  private static final String CHANGED = "`If-Match` names none of the request's current version: it or its meeting "
      + "changed since it was read (returned and sent again with other details, the meeting's venue or days edited); "
      + "nothing was decided. Read it again, then decide";

  private final VisaDesk desk;
  private final LetterReissue reissue;
  private final VisaLetter letter;
  private final org.plenary.meeting.MeetingCatalog meetings;

  VisaApiController(VisaDesk desk, LetterReissue reissue, VisaLetter letter, org.plenary.meeting.MeetingCatalog meetings) {
    this.desk = desk;
    this.reissue = reissue;
    this.letter = letter;
    this.meetings = meetings;
  }

  @Operation(operationId = "requestVisaSupport", summary = "Ask for visa support (the participant, approved registration, before the visa deadline)")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/registrations/{id}/visa")
  ResponseEntity<Filed> request(@PathVariable long id, @Valid @RequestBody VisaForm form,
      @AuthenticationPrincipal PlenaryUser user) {
    VisaDesk.Filed filed = desk.request(id, form, user);
    return ResponseEntity.created(URI.create("/api/v1/visa/" + filed.request().id()))
        .body(new Filed(forReader(filed.request(), user), filed.warnings()));
  }

  @Operation(operationId = "getVisaRequest", summary = "A request with its passport details (participant, focal point, secretariat; the read is logged)")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the request's version, for `If-Match` on its "
      + "approval, return and refusal", useReturnTypeSchema = true)
  @PreAuthorize("isAuthenticated()")
  @GetMapping("/api/v1/visa/{id}")
  ResponseEntity<Details> get(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user) {
    VisaRequest request = desk.get(id, user);
    VisaRequest shown = forReader(request, user);
    return versioned(shown, user).body(new Details(shown, desk.passport(id, user, "api").orElse(null)));
  }

  @Operation(operationId = "approveVisaRequest", summary = "Approve the request and issue the letter (secretariat)")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/visa/{id}/approve")
  ResponseEntity<VisaRequest> approve(@PathVariable long id,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    return decided(desk.approve(id, EditVersion.ifMatch(ifMatch), user), user);
  }

  @Operation(operationId = "reissueVisaLetter", summary = "Re-issue an approved letter whose meeting moved since, whose "
      + "facts are unknown (approved before they were kept), or whose participant asked for it (secretariat): a new "
      + "reference, the meeting's venue and days as they are, the details the open re-issue request corrects, dated "
      + "today; the former reference keeps being checked and names the new one. 409 when the letter still states the "
      + "meeting as it is and nobody asked for it")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the request's current version: a re-issue "
      + "was asked, withdrawn or asked again since it was read; nothing was re-issued")
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/visa/{id}/reissue")
  ResponseEntity<VisaRequest> reissue(@PathVariable long id,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    return decided(reissue.reissue(id, EditVersion.ifMatch(ifMatch), user), user);
  }

  @io.swagger.v3.oas.annotations.media.Schema(name = "VisaReason")
  record Reason(@jakarta.validation.constraints.Size(max = VisaDesk.REASON_MAX) @org.plenary.shared.MultiLine String reason) {}

  @Operation(operationId = "refuseVisaRequest", summary = "Refuse the request with a reason the participant reads (secretariat)")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/visa/{id}/refuse")
  ResponseEntity<VisaRequest> refuse(@PathVariable long id,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @jakarta.validation.Valid @RequestBody Reason reason, @AuthenticationPrincipal PlenaryUser user) {
    return decided(desk.refuse(id, reason.reason(), EditVersion.ifMatch(ifMatch), user), user);
  }

  @Operation(operationId = "returnVisaRequest", summary = "Send the request back to the participant for correction, "
      + "saying what to correct (secretariat); the participant sends it again with POST …/registrations/{id}/visa")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/visa/{id}/return")
  ResponseEntity<VisaRequest> returnForCorrection(@PathVariable long id,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @jakarta.validation.Valid @RequestBody Reason reason, @AuthenticationPrincipal PlenaryUser user) {
    return decided(desk.returnForCorrection(id, reason.reason(), EditVersion.ifMatch(ifMatch), user), user);
  }

  @Operation(operationId = "getVisaLetter", summary = "The visa-support letter as PDF")
  @PreAuthorize("isAuthenticated()")
  @GetMapping(path = "/api/v1/visa/{id}/letter.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> letter(@PathVariable long id, @RequestParam(required = false) String lang,
      @AuthenticationPrincipal PlenaryUser user) {
    return letter.download(id, user, org.plenary.shared.Languages.supported(lang)).inline();
  }

  @Operation(operationId = "verifyVisaLetter", summary = "Verify a letter by its full reference, verification code "
      + "included; no passport data is shown")
  @GetMapping("/api/v1/visa/verify/{reference}")
  Verification verify(@PathVariable String reference) {
    VisaRequest request = desk.verify(reference).orElse(null);
    LetterReissue.Superseded superseded = request != null ? null : reissue.superseded(reference)
        .orElseThrow(() -> VisaRefusedException.of(404, "visa.refused.noLetter"));
    if (superseded != null) {
      request = superseded.request();
    }
    var meeting = meetings.get(request.meetingId());
    LetterFacts letter = superseded == null ? desk.letterFacts(request) : superseded.facts();
    boolean moved = !letter.standsFor(meeting);
    return new Verification(superseded == null ? request.reference() : superseded.reference(),
        superseded == null ? request.fullName() : superseded.fullName(),
        meeting.code(), letter.dates(java.util.Locale.ENGLISH), letter.venue(), moved, moved ? meeting.venueName() : null,
        moved ? meeting.dates() : null, superseded == null ? null : superseded.by(),
        superseded == null && reissue.factsUnknown(request));
  }


  /**
   * A 200 with the request's version as its ETag ({@link VisaDesk#version}: the request's and its meeting's, as the
   * letter quotes the meeting): the secretariat's whole representation ({@code "v3"}, the one its decisions name) and
   * the others' without who decided ({@code "v3-participant"}) have tags of their own; private to its reader either
   * way (passport details). {@code shown} is the request as {@link #forReader} gives it, with that version.
   */
  private static ResponseEntity.BodyBuilder versioned(VisaRequest shown, PlenaryUser user) {
    return ResponseEntity.ok()
        .eTag(user.isStaff() ? EditVersion.etag(shown.version()) : EditVersion.etag(shown.version(), "participant"))
        .cacheControl(CacheControl.noCache().cachePrivate()).varyBy(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE);
  }

  private ResponseEntity<VisaRequest> decided(VisaRequest request, PlenaryUser user) {
    VisaRequest shown = forReader(request, user);
    return versioned(shown, user).body(shown);
  }

  /**
   * The request as its reader may see it, at the version its decisions name ({@link VisaDesk#version}):
   * {@code decidedBy}, the username of the secretariat's member who decided, only to the secretariat (a username is
   * half of a sign-in; the page names them by display name).
   */
  private VisaRequest forReader(VisaRequest r, PlenaryUser user) {
    return new VisaRequest(r.id(), r.registrationId(), r.meetingId(), r.fullName(), r.function(),
        r.mission(), r.status(), r.reference(), r.requestedAt(), user.isStaff() ? r.decidedBy() : null, r.decidedAt(),
        r.purgedAt(), r.reason(), desk.version(r));
  }
}
