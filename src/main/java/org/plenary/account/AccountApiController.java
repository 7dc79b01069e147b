package org.plenary.account;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and organizations as JSON, for administrators; what the administration pages do. */
@RestController
@Tag(name = "Administration")
class AccountApiController {

  record AccountResource(String username, String email, String displayName,
      @Schema(nullable = true) Long organizationId, @Schema(nullable = true) String countryCode,
      Set<Role> roles, boolean mustChangePassword) {

    static AccountResource of(Account a) {
      return new AccountResource(a.username(), a.email(), a.displayName(),
          a.organizationId() == null ? null : a.organizationId().value(), a.countryCode(), a.roles(),
          a.mustChangePassword());
    }
  }

  /** The account form plus whether its password is a one-time password (the default). */
  static class NewAccountRequest extends NewAccountForm {
    private boolean oneTimePassword = true;

    public boolean isOneTimePassword() {
      return oneTimePassword;
    }

    public void setOneTimePassword(boolean oneTimePassword) {
      this.oneTimePassword = oneTimePassword;
    }
  }

  record OrganizationResource(long id, String name, OrganizationCategory category,
      @Schema(nullable = true) String countryCode) {}

  private final AccountDirectory accounts;
  private final OrganizationDirectory organizations;

  AccountApiController(AccountDirectory accounts, OrganizationDirectory organizations) {
    this.accounts = accounts;
    this.organizations = organizations;
  }

  @Operation(operationId = "listAccounts", summary = "Every account (administrators)")
  @GetMapping("/api/v1/accounts")
  @PreAuthorize("hasRole('ADMIN')")
  List<AccountResource> accounts() {
    return accounts.all().stream().map(AccountResource::of).toList();
  }

  @Operation(operationId = "createAccount", summary = "Open an account (administrators); its password is one-time unless said otherwise")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/accounts")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<AccountResource> create(@Valid @RequestBody NewAccountRequest request) {
    AccountId id = accounts.create(request.toNewAccount(), request.getPassword(), request.isOneTimePassword());
    Account account = accounts.get(id);
    return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.username())).body(AccountResource.of(account));
  }

  @Operation(operationId = "listOrganizations", summary = "Every organization with its ITU category and country")
  @GetMapping("/api/v1/organizations")
  List<OrganizationResource> organizations() {
    return organizations.all().stream()
        .map(o -> new OrganizationResource(o.id().value(), o.name(), o.category(), o.countryCode())).toList();
  }

  @Operation(operationId = "createOrganization", summary = "Add an organization (administrators)")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/organizations")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<OrganizationResource> createOrganization(@Valid @RequestBody OrganizationForm form) {
    String country = form.getCountryCode() == null || form.getCountryCode().isBlank() ? null : form.getCountryCode();
    OrganizationId id = organizations.create(form.getName().strip(), form.getCategory(), country);
    Organization o = organizations.get(id);
    return ResponseEntity.created(URI.create("/api/v1/organizations/" + id.value()))
        .body(new OrganizationResource(id.value(), o.name(), o.category(), o.countryCode()));
  }

  @Operation(operationId = "appointFocalPoint", summary = "Make an account a focal point of the organization (administrators)")
  @PostMapping("/api/v1/organizations/{id}/focal-points/{username}")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<Void> appoint(@PathVariable long id, @PathVariable String username) {
    Account account = accounts.find(username).orElseThrow(() -> new java.util.NoSuchElementException(
        "There is no account named \"" + username + "\"."));
    organizations.appointFocalPoint(new OrganizationId(id), account.id());
    return ResponseEntity.noContent().build();
  }
}
