package org.plenary.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.plenary.shared.EditVersion;
import org.plenary.shared.UnknownException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's focal points as JSON, for administrators: the list with its version, and appointments and
 * removals made on the version their administrator read, so that two administrators' decisions neither undo nor
 * double each other in silence.
 */
@RestController
@Tag(name = "Administration")
class FocalPointApiController {

  record FocalPointsResource(long organizationId,
      @Schema(description = "usernames of the organization's focal points, in order") List<String> focalPoints,
      @Schema(description = "the version of the list, one more at every appointment and removal: what `If-Match`"
          + " (as \"v12\") names") long editVersion) {}

  static final String IF_MATCH = "the version of the organization's focal points as read: the `ETag` of"
      + " `GET …/focal-points` (\"v12\"), or a list of them; the decision is made only if one of them is still current"
      + " (else 412). Without it, or with `*`, it is made on the list as it is now.";

  static final String CHANGED = "`If-Match` names none of the current versions of the organization's focal points:"
      + " someone appointed or removed one since it was read; nothing was changed.";

  private final AccountDirectory accounts;
  private final OrganizationDirectory organizations;

  FocalPointApiController(AccountDirectory accounts, OrganizationDirectory organizations) {
    this.accounts = accounts;
    this.organizations = organizations;
  }

  @Operation(operationId = "listFocalPoints", summary = "The organization's focal points with their version (administrators)")
  @GetMapping("/api/v1/organizations/{id}/focal-points")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the list's version", useReturnTypeSchema = true)
  ResponseEntity<FocalPointsResource> list(@PathVariable long id) {
    OrganizationId organization = new OrganizationId(id);
    // The version before the list: a change between the two reads makes the version older, never newer, than the list.
    long version = organizations.focalPointsVersion(organization);
    List<String> usernames = organizations.focalPoints(organization).stream().map(Account::username).toList();
    return EditVersion.ok(version).body(new FocalPointsResource(id, usernames, version));
  }

  @Operation(operationId = "appointFocalPoint", summary = "Make an account a focal point of the organization (administrators)")
  @PostMapping("/api/v1/organizations/{id}/focal-points/{username}")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "204", description = "Appointed (or a focal point already); `ETag` names the list's version")
  @ApiResponse(responseCode = "412", description = CHANGED)
  ResponseEntity<Void> appoint(@PathVariable long id, @PathVariable String username,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Account account = named(username);
    long version = organizations.appointFocalPoint(new OrganizationId(id), account.id(), EditVersion.ifMatch(ifMatch));
    return ResponseEntity.noContent().eTag(EditVersion.etag(version)).build();
  }

  @Operation(operationId = "removeFocalPoint", summary = "The account is no longer a focal point of the organization "
      + "(administrators); it stops approving the organization's registrations at its next request")
  @DeleteMapping("/api/v1/organizations/{id}/focal-points/{username}")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "204", description = "Removed; `ETag` names the list's version")
  @ApiResponse(responseCode = "412", description = CHANGED)
  ResponseEntity<Void> remove(@PathVariable long id, @PathVariable String username,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Account account = named(username);
    OrganizationId organization = new OrganizationId(id);
    long version = organizations.removeFocalPoint(organization, account.id(), EditVersion.ifMatch(ifMatch))
        .orElseThrow(() -> new UnknownException("account", "account.api.notFocalPoint", username,
            organizations.get(organization).name()));
    return ResponseEntity.noContent().eTag(EditVersion.etag(version)).build();
  }

  private Account named(String username) {
    return accounts.find(username).orElseThrow(() -> new UnknownException("account", "account.api.unknown", username));
  }
}
