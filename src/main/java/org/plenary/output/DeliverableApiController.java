package org.plenary.output;

import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Deliverables as JSON: anyone reads them; the group's management creates, versions, agrees and transfers them. */
@RestController
@Tag(name = "Deliverables")
class DeliverableApiController {

  private final DeliverableDesk desk;
  private final MilestonePlan plan;

  DeliverableApiController(DeliverableDesk desk, MilestonePlan plan) {
    this.desk = desk;
    this.plan = plan;
  }

  @Operation(operationId = "listDeliverables", summary = "The group's deliverables and their state")
  @GetMapping("/api/v1/groups/{slug}/deliverables")
  List<Deliverable> list(@PathVariable String slug) {
    return desk.list(slug, Reader.current());
  }

  @Operation(operationId = "getDeliverable", summary = "One deliverable with its versions")
  @GetMapping("/api/v1/groups/{slug}/deliverables/{id}")
  Deliverable get(@PathVariable String slug, @PathVariable long id) {
    return desk.get(slug, id, Reader.current());
  }

  @Operation(operationId = "listMilestones", summary = "The group's milestones against the deliverables serving them")
  @GetMapping("/api/v1/groups/{slug}/milestones")
  List<TrackedMilestone> milestones(@PathVariable String slug) {
    return plan.milestones(slug, Reader.current());
  }

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
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/deliverables/{id}/versions")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Deliverable> version(@PathVariable String slug, @PathVariable long id,
      @Valid @RequestBody VersionRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/deliverables/" + id))
        .body(desk.addVersion(slug, id, request.outputNumber(), user));
  }

  @Operation(operationId = "agreeDeliverable", summary = "Record the agreement at a meeting: the decision, and consensus or the objections by name")
  @PostMapping("/api/v1/groups/{slug}/deliverables/{id}/agreement")
  @PreAuthorize("isAuthenticated()")
  Deliverable agree(@PathVariable String slug, @PathVariable long id, @Valid @RequestBody AgreementRequest request,
      @AuthenticationPrincipal PlenaryUser user) {
    return desk.agree(slug, id, request.meeting(), request.decision(), request.consensus(), request.objections(), user);
  }

  @Operation(operationId = "transferDeliverable", summary = "Record the transfer of an agreed deliverable to the parent group")
  @PostMapping("/api/v1/groups/{slug}/deliverables/{id}/transfer")
  @PreAuthorize("isAuthenticated()")
  Deliverable transfer(@PathVariable String slug, @PathVariable long id, @Valid @RequestBody TransferRequest request,
      @AuthenticationPrincipal PlenaryUser user) {
    return desk.transfer(slug, id, request.on(), user);
  }
}
