package org.plenary.account;

import org.plenary.shared.UnknownException;
import org.plenary.shared.Words;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
      Set<Role> roles, boolean mustChangePassword, boolean enabled,
      @Schema(nullable = true, description = "Preferred language of pages and mails (BCP 47: en, fr, es, ru, zh, ar); "
          + "null when the person follows the browser", example = "fr") String language) {

    static AccountResource of(Account a) {
      return new AccountResource(a.username(), a.email(), a.displayName(),
          a.organizationId() == null ? null : a.organizationId().value(), a.countryCode(), a.roles(),
          a.mustChangePassword(), a.enabled(), a.language());
    }
  }

  record RolesRequest(@jakarta.validation.constraints.NotNull Set<Role> roles) {}

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

  @Operation(operationId = "setAccountRoles", summary = "Replace an account's roles (administrators); "
      + "open sessions and tokens of the account have the new roles at their next request")
  @PutMapping("/api/v1/accounts/{username}/roles")
  @PreAuthorize("hasRole('ADMIN')")
  AccountResource setRoles(@PathVariable String username, @Valid @RequestBody RolesRequest request) {
    Account account = named(username);
    accounts.setRoles(account.id(), request.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(request.roles()));
    return AccountResource.of(accounts.get(account.id()));
  }

  @Operation(operationId = "disableAccount", summary = "Disable an account (administrators): it cannot sign in, "
      + "and its open web and FTP sessions and its tokens stop working at their next request")
  @PostMapping("/api/v1/accounts/{username}/disable")
  @PreAuthorize("hasRole('ADMIN')")
  AccountResource disable(@PathVariable String username, @AuthenticationPrincipal PlenaryUser admin) {
    Account account = named(username);
    if (account.id().equals(admin.id())) {
      throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
          Words.said(new org.springframework.context.support.DefaultMessageSourceResolvable("account.api.disableSelf"))), null);
    }
    accounts.setEnabled(account.id(), false);
    return AccountResource.of(accounts.get(account.id()));
  }

  @Operation(operationId = "enableAccount", summary = "Enable a disabled account again (administrators)")
  @PostMapping("/api/v1/accounts/{username}/enable")
  @PreAuthorize("hasRole('ADMIN')")
  AccountResource enable(@PathVariable String username) {
    Account account = named(username);
    accounts.setEnabled(account.id(), true);
    return AccountResource.of(accounts.get(account.id()));
  }

  private Account named(String username) {
    return accounts.findEvenDisabled(username).orElseThrow(() -> new UnknownException("account", "account.api.unknown", username));
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
    Account account = accounts.find(username).orElseThrow(() -> new UnknownException("account", "account.api.unknown", username));
    organizations.appointFocalPoint(new OrganizationId(id), account.id());
    return ResponseEntity.noContent().build();
  }

  @Operation(operationId = "removeFocalPoint", summary = "The account is no longer a focal point of the organization "
      + "(administrators); it stops approving the organization's registrations at its next request")
  @DeleteMapping("/api/v1/organizations/{id}/focal-points/{username}")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<Void> remove(@PathVariable long id, @PathVariable String username) {
    Account account = accounts.find(username).orElseThrow(() -> new UnknownException("account", "account.api.unknown", username));
    OrganizationId organization = new OrganizationId(id);
    if (!organizations.removeFocalPoint(organization, account.id())) {
      throw new UnknownException("account", "account.api.notFocalPoint", username, organizations.get(organization).name());
    }
    return ResponseEntity.noContent().build();
  }
}
