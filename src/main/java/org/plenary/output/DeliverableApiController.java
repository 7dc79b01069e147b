package org.plenary.output;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Reader;
import org.plenary.output.OutputRequests.AgreementRequest;
import org.plenary.output.OutputRequests.DeliverableRequest;
import org.plenary.output.OutputRequests.TransferRequest;
import org.plenary.output.OutputRequests.VersionRequest;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Paged;
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

/** Deliverables as JSON: anyone reads them; the group's management creates, versions, agrees and transfers them. */
@RestController
@Tag(name = "Deliverables")
class DeliverableApiController {

  private static final String READ_AT = "the deliverable's version the change was decided on: the `ETag` of its GET"
      + " (\"v3\", or \"v3-partial\"), or a list of them; it is recorded only if one of them is still current (else 412)."
      + " Without it, or"
      + " with `*`, it is recorded on whatever is current.";

  private static final String CHANGED = "`If-Match` names none of the deliverable's current version: someone"
      + " changed it since it was read (a newer version added, say);";

  /** The ETag's part of a deliverable shown without the versions the reader may not read. */
  private static final String PARTIAL = "partial";

  private final DeliverableDesk desk;
  private final MilestonePlan plan;

  DeliverableApiController(DeliverableDesk desk, MilestonePlan plan) {
    this.desk = desk;
    this.plan = plan;
  }

  @Operation(operationId = "listDeliverables", summary = "The group's deliverables and their state")
  @GetMapping("/api/v1/groups/{slug}/deliverables")
  ResponseEntity<List<Deliverable>> list(@PathVariable String slug,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return desk.list(slug, Reader.current(), asked).answer();
  }

  @Operation(operationId = "getDeliverable", summary = "One deliverable with its versions")
  @GetMapping("/api/v1/groups/{slug}/deliverables/{id}")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the deliverable's `version`, for `If-Match` on"
      + " its agreement, transfer or a new version (a reader who may not read every version gets another tag,"
      + " `\"v…-partial\"`, made from what that reader is shown, so that a version they may not read moves"
      + " nothing they get; those accept it while what that reader is shown has not changed: they write nothing of"
      + " the versions left out)",
      useReturnTypeSchema = true)
  ResponseEntity<Deliverable> get(@PathVariable String slug, @PathVariable long id) {
    DeliverableDesk.Shown shown = desk.shown(slug, id, Reader.current());
    return EditVersion.ok(shown.deliverable().version(), shown.whole() ? null : PARTIAL).body(shown.deliverable());
  }

  @Operation(operationId = "listMilestones", summary = "The group's milestones against the deliverables serving them")
  @GetMapping("/api/v1/groups/{slug}/milestones")
  ResponseEntity<List<TrackedMilestone>> milestones(@PathVariable String slug,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return plan.milestones(slug, Reader.current(), asked).answer();
  }

  @Operation(operationId = "getLifetime", summary = "The group's lifetime: its start, its end and the extensions"
      + " the parent group decided")
  @GetMapping("/api/v1/groups/{slug}/lifetime")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` (a strong tag, \"v…\") names everything the lifetime states:"
      + " its start (the first meeting's), its end (the terms' months) and each extension; it moves when any of them"
      + " does, for a conditional GET and for `If-Match` on a new extension", useReturnTypeSchema = true)
  ResponseEntity<GroupLifetime> lifetime(@PathVariable String slug) {
    GroupLifetime lifetime = plan.lifetime(slug);
    return EditVersion.ok(lifetime.version()).body(lifetime);
  }

  @Operation(operationId = "extendLifetime", summary = "Record an extension of the lifetime decided by the parent"
      + " group (group management or secretariat)")
  @PostMapping("/api/v1/groups/{slug}/lifetime-extensions")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "201", description = "Recorded; the lifetime as it stands now, its `ETag` the new one",
      useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names a lifetime that changed since it was read:"
      + " another extension was recorded (the same decision sent twice, say), or its start or end moved (the first"
      + " meeting moved, the terms' months changed); nothing was recorded.")
  ResponseEntity<GroupLifetime> extend(@PathVariable String slug,
      @Parameter(description = "the lifetime read: the `ETag` of its GET, or a list of them; without it,"
          + " or with `*`, the extension is recorded on whatever stands")
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody ExtensionRequest request, @AuthenticationPrincipal PlenaryUser user) {
    GroupLifetime now = plan.extend(slug, request.months() == null ? 0 : request.months(), request.decidedBy(),
        request.decidedOn(), user, EditVersion.ifMatch(ifMatch));
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/lifetime"))
        .eTag(EditVersion.etag(now.version())).body(now);
  }

  /** An extension decided by the parent group: how many months, the decision, its date. */
  record ExtensionRequest(Integer months, @jakarta.validation.constraints.Size(max = 500) String decidedBy, java.time.LocalDate decidedOn) {}

  @Operation(operationId = "createDeliverable", summary = "Create a draft deliverable (group management or secretariat)")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/deliverables")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Deliverable> create(@PathVariable String slug, @Valid @RequestBody DeliverableRequest request,
      @AuthenticationPrincipal PlenaryUser user) {
    Deliverable made = desk.create(slug, request.title(), request.kind(), request.milestone(), request.editors(), user);
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/deliverables/" + made.id())).body(made);
  }

  @Operation(operationId = "addDeliverableVersion", summary = "Add an output document as the next version of a draft")
  @ApiResponse(responseCode = "201", description = "Created; `ETag` names the deliverable's new version",
      useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED + " nothing was added.")
  @PostMapping("/api/v1/groups/{slug}/deliverables/{id}/versions")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Deliverable> version(@PathVariable String slug, @PathVariable long id,
      @Parameter(description = READ_AT) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody VersionRequest request, @AuthenticationPrincipal PlenaryUser user) {
    Deliverable added = desk.addVersion(slug, id, request.outputNumber(), user,
        EditVersion.ifMatchOrPart(ifMatch, PARTIAL));
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/deliverables/" + id))
        .eTag(EditVersion.etag(added.version())).body(added);
  }

  @Operation(operationId = "agreeDeliverable", summary = "Record the agreement at a meeting: the decision, and consensus or the objections by name")
  @PostMapping("/api/v1/groups/{slug}/deliverables/{id}/agreement")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version agreed", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED + " so what would be agreed is not what was seen;"
      + " nothing was recorded.")
  ResponseEntity<Deliverable> agree(@PathVariable String slug, @PathVariable long id,
      @Parameter(description = READ_AT) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody AgreementRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return changed(desk.agree(slug, id, request.meeting(), request.decision(), request.consensus(),
        request.objections(), user, EditVersion.ifMatchOrPart(ifMatch, PARTIAL)));
  }

  @Operation(operationId = "transferDeliverable", summary = "Record the transfer of an agreed deliverable to the parent group")
  @PostMapping("/api/v1/groups/{slug}/deliverables/{id}/transfer")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version transferred", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED + " nothing was recorded.")
  ResponseEntity<Deliverable> transfer(@PathVariable String slug, @PathVariable long id,
      @Parameter(description = READ_AT) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody TransferRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return changed(desk.transfer(slug, id, request.on(), user, EditVersion.ifMatchOrPart(ifMatch, PARTIAL)));
  }

  /** A deliverable as its change left it, whole (its management reads every version), with its ETag. */
  private static ResponseEntity<Deliverable> changed(Deliverable whole) {
    return EditVersion.ok(whole.version(), null).body(whole);
  }
}
