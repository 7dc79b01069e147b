package org.plenary.registration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registrations as JSON: register, see, approve and reject. */
@RestController
@Tag(name = "Registrations")
@PreAuthorize("isAuthenticated()")
class RegistrationApiController {

  record Reason(String reason) {}

  /** The organization a registration is for; null for the person's own name. */
  record OrganizationChange(@Schema(nullable = true) Long organizationId) {}

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
  List<RegistrationResource> list(@PathVariable String slug, @PathVariable String code,
      @AuthenticationPrincipal PlenaryUser user) {
    return desk.visibleTo(slug, code, user).stream().map(r -> resource(r, user)).toList();
  }

  @Operation(operationId = "correctRegistrationOrganization", summary = "Correct the organization a registration is for (the administrator)")
  @PutMapping("/api/v1/registrations/{id}/organization")
  RegistrationResource correctOrganization(@PathVariable long id, @RequestBody OrganizationChange change,
      @AuthenticationPrincipal PlenaryUser user) {
    return resource(represented.correct(id, change.organizationId(), user), user);
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
  @GetMapping("/api/v1/registrations/{id}")
  RegistrationResource get(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.get(id, user), user);
  }

  @Operation(operationId = "approveRegistration", summary = "Approve (a focal point of the participant's organization or the secretariat)")
  @PostMapping("/api/v1/registrations/{id}/approve")
  RegistrationResource approve(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.approve(id, user), user);
  }

  @Operation(operationId = "rejectRegistration", summary = "Reject with a reason the participant receives")
  @PostMapping("/api/v1/registrations/{id}/reject")
  RegistrationResource reject(@PathVariable long id, @RequestBody Reason reason, @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.reject(id, reason.reason(), user), user);
  }

  private RegistrationResource resource(Registration registration, PlenaryUser user) {
    return RegistrationResource.of(registration, desk.mayDecide(user, registration));
  }
}
