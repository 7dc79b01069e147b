package org.plenary.registration;

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
import org.plenary.shared.Paged;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
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

/** Registrations as JSON: register, see, approve and reject. */
@RestController
@Tag(name = "Registrations")
@PreAuthorize("isAuthenticated()")
class RegistrationApiController {

  @io.swagger.v3.oas.annotations.media.Schema(name = "RegistrationReason")
  record Reason(@jakarta.validation.constraints.Size(max = RegistrationDesk.REASON_MAX) @org.plenary.shared.MultiLine String reason) {}

  /** The organization a registration is for; null for the person's own name. */
  record OrganizationChange(@Schema(nullable = true) Long organizationId,
      @Schema(nullable = true, description = "the registration's version as read, when no `If-Match` is sent") Long editVersion) {}

  static final String IF_MATCH = "the registration's version as read: the `ETag` of its GET (\"v12\") or its "
      + "`editVersion` in the list, or a list of them; done only if one of them is still current (else 412, saying "
      + "what it is now). Without it, or with `*`, it is done on the registration as it is.";

  static final String CHANGED = "`If-Match` (or `editVersion`) names none of the registration's current version: "
      + "someone changed it since it was read (corrected its organization, decided on it); nothing was done.";

  private final RegistrationDesk desk;
  private final RegistrationConfirmation confirmation;
  private final RepresentedOrganization represented;

  RegistrationApiController(RegistrationDesk desk, RegistrationConfirmation confirmation,
      RepresentedOrganization represented) {
    this.desk = desk;
    this.confirmation = confirmation;
    this.represented = represented;
  }

  @Operation(operationId = "getRegistrationConfirmation", summary = "The confirmation of an approved registration, as PDF")
  @GetMapping(path = "/api/v1/registrations/{id}/confirmation.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> confirmation(@PathVariable long id,
      @RequestParam(required = false) String lang, @AuthenticationPrincipal PlenaryUser user) {
    Registration registration = desk.get(id, user);
    return confirmation.download(registration, org.plenary.shared.Languages.supported(lang)).inline();
  }

  @Operation(operationId = "listRegistrations", summary = "The meeting's registrations you may see (all for the secretariat and the group's management)")
  @GetMapping("/api/v1/groups/{slug}/meetings/{code}/registrations")
  ResponseEntity<List<RegistrationResource>> list(@PathVariable String slug, @PathVariable String code,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor,
      @AuthenticationPrincipal PlenaryUser user) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return desk.visibleTo(slug, code, user, asked).map(r -> resource(r, user)).answer();
  }

  @Operation(operationId = "correctRegistrationOrganization", summary = "Correct the organization a registration is for (the administrator)")
  @PutMapping("/api/v1/registrations/{id}/organization")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  ResponseEntity<RegistrationResource> correctOrganization(@PathVariable long id,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @RequestBody OrganizationChange change, @AuthenticationPrincipal PlenaryUser user) {
    return versioned(represented.correct(id, change.organizationId(), EditVersion.ifMatch(ifMatch, change.editVersion()),
        user), user);
  }

  @Operation(operationId = "registerForMeeting", summary = "Register for the meeting (before its pre-registration "
      + "deadline), for your account's organization; an account without one may choose one, or none")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/meetings/{code}/registrations")
  ResponseEntity<RegistrationResource> register(@PathVariable String slug, @PathVariable String code,
      @Valid @RequestBody RegistrationForm form, @AuthenticationPrincipal PlenaryUser user) {
    Registration registration = desk.register(slug, code, form, user);
    return ResponseEntity.created(URI.create("/api/v1/registrations/" + registration.id()))
        .body(resource(registration, user));
  }

  @Operation(operationId = "getRegistration", summary = "One registration (its participant, a focal point of its organization, the secretariat)")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the registration's version, for `If-Match` on "
      + "its approval, rejection and correction", useReturnTypeSchema = true)
  @GetMapping("/api/v1/registrations/{id}")
  ResponseEntity<RegistrationResource> get(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user) {
    return versioned(desk.get(id, user), user);
  }

  @Operation(operationId = "approveRegistration", summary = "Approve (a focal point of the participant's organization or the secretariat)")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  @PostMapping("/api/v1/registrations/{id}/approve")
  ResponseEntity<RegistrationResource> approve(@PathVariable long id,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    return versioned(desk.approve(id, EditVersion.ifMatch(ifMatch), user), user);
  }

  @Operation(operationId = "rejectRegistration", summary = "Reject with a reason the participant receives")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  @PostMapping("/api/v1/registrations/{id}/reject")
  ResponseEntity<RegistrationResource> reject(@PathVariable long id,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @jakarta.validation.Valid @RequestBody Reason reason, @AuthenticationPrincipal PlenaryUser user) {
    return versioned(desk.reject(id, reason.reason(), EditVersion.ifMatch(ifMatch), user), user);
  }

  private RegistrationResource resource(Registration registration, PlenaryUser user) {
    return RegistrationResource.of(registration, desk.mayDecide(user, registration));
  }

  /**
   * The registration with its version's ETag: whole (with who decided) for those who may decide on it, in part
   * for the others, two representations with tags of their own; private to its reader either way.
   */
  private ResponseEntity<RegistrationResource> versioned(Registration registration, PlenaryUser user) {
    boolean decider = desk.mayDecide(user, registration);
    return ResponseEntity.ok()
        .eTag(decider ? EditVersion.etag(registration.version()) : EditVersion.etag(registration.version(), "participant"))
        .cacheControl(CacheControl.noCache().cachePrivate()).varyBy(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE)
        .body(RegistrationResource.of(registration, decider));
  }
}
