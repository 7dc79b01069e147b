package org.plenary.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Paged;
import org.plenary.shared.UnknownException;
import org.plenary.shared.Words;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and organizations as JSON, for administrators; what the administration pages do. */
@RestController
@Tag(name = "Administration")
class AccountApiController {

  record AccountResource(String username, String email, String displayName,
      @Schema(nullable = true) Long organizationId, @Schema(nullable = true) String countryCode,
      Set<Role> roles, boolean mustChangePassword, boolean enabled,
      @Schema(nullable = true, description = "Preferred language of pages and mails (BCP 47: en, fr, es, ru, zh, ar); "
          + "null when the person follows the browser", example = "fr") String language,
      @Schema(description = "The account's version, one more at every change of its roles, enabled, language or password: "
          + "what `If-Match` (as \"v12\") or a roles request's `editVersion` names") long editVersion) {

    static AccountResource of(Account a, long version) {
      return new AccountResource(a.username(), a.email(), a.displayName(),
          a.organizationId() == null ? null : a.organizationId().value(), a.countryCode(), a.roles(),
          a.mustChangePassword(), a.enabled(), a.language(), version);
    }
  }

  record RolesRequest(@jakarta.validation.constraints.NotNull Set<Role> roles,
      @Schema(nullable = true, description = "the account's version as read, when no `If-Match` is sent") Long editVersion) {}

  static final String IF_MATCH = "the account's version as read: the `ETag` of its GET (\"v12\") or its `editVersion`"
      + " in the list, or a list of them; the change is made only if one of them is still current (else 412). Without"
      + " it, or with `*`, the change replaces whatever is current.";

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
  ResponseEntity<List<AccountResource>> accounts(@Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    // The version comes with the account's row, its roles after: a role changed between the two reads is given with
    // an older version than it shows, so an edit made on it is refused rather than taken as made on a change unseen.
    Paged.Asked asked = Paged.asked(limit, cursor);
    return accounts.page(asked).map(v -> AccountResource.of(v.account(), v.version())).answer();
  }

  @Operation(operationId = "getAccount", summary = "One account (administrators)")
  @GetMapping("/api/v1/accounts/{username}")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the account's version, for `If-Match` on its edits",
      useReturnTypeSchema = true)
  ResponseEntity<AccountResource> account(@PathVariable String username) {
    AccountId id = named(username).id();
    return versioned(id, accounts.version(id));
  }

  /** An account as its administrators read it: private (no shared cache keeps a person's address and roles). */
  private ResponseEntity<AccountResource> versioned(AccountId id, long version) {
    return EditVersion.ok(version, null).body(AccountResource.of(accounts.get(id), version));
  }

  @Operation(operationId = "createAccount", summary = "Open an account (administrators); its password is one-time unless said otherwise")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/accounts")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<AccountResource> create(@Valid @RequestBody NewAccountRequest request) {
    AccountId id = accounts.create(request.toNewAccount(), request.getPassword(), request.isOneTimePassword());
    long version = accounts.version(id);
    Account account = accounts.get(id);
    return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.username())).eTag(EditVersion.etag(version))
        .body(AccountResource.of(account, version));
  }

  @Operation(operationId = "setAccountRoles", summary = "Replace an account's roles (administrators); "
      + "open sessions and tokens of the account have the new roles at their next request")
  @PutMapping("/api/v1/accounts/{username}/roles")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  ResponseEntity<AccountResource> setRoles(@PathVariable String username,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody RolesRequest request) {
    Account account = named(username);
    long saved = accounts.setRoles(account.id(), request.roles().isEmpty() ? EnumSet.noneOf(Role.class)
        : EnumSet.copyOf(request.roles()), EditVersion.ifMatch(ifMatch, request.editVersion()));
    return versioned(account.id(), saved);
  }

  record OrganizationRequest(
      @Schema(nullable = true, description = "the organization's id (GET /api/v1/organizations); null for none") Long organizationId,
      @Schema(nullable = true, description = "the account's version as read, when no `If-Match` is sent") Long editVersion) {}

  @Operation(operationId = "setAccountOrganization", summary = "Move an account to another organization (administrators)",
      description = "The change is kept with who made it and when (`GET …/changes`). Registrations made before keep the "
          + "organization they were made with; the account's next registrations start from the new one. A focal point's "
          + "right follows the organization it works for: its appointment as focal point of the organization it leaves "
          + "ends with the move (listed in `GET …/changes` as `focalPoint`, from that organization to null); "
          + "appointments for other organizations stay.")
  @PutMapping("/api/v1/accounts/{username}/organization")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "No organization has this id (field organizationId).")
  @ApiResponse(responseCode = "412", description = CHANGED)
  ResponseEntity<AccountResource> setOrganization(@PathVariable String username,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @RequestBody OrganizationRequest request,
      @org.springframework.security.core.annotation.AuthenticationPrincipal PlenaryUser admin) {
    Account account = named(username);
    long saved = accounts.setOrganization(account.id(),
        request.organizationId() == null ? null : new OrganizationId(request.organizationId()),
        EditVersion.ifMatch(ifMatch, request.editVersion()), admin.getUsername());
    return versioned(account.id(), saved);
  }

  @Operation(operationId = "listAccountChanges", summary = "What administrators changed on an account, oldest first (administrators)")
  @GetMapping("/api/v1/accounts/{username}/changes")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<List<AccountChange>> changes(@PathVariable String username,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return accounts.changes(named(username).id(), asked).answer();
  }

  static final String CHANGED = "`If-Match` (or `editVersion`) names none of the account's current version: someone"
      + " changed it since it was read; nothing was saved.";

  @Operation(operationId = "disableAccount", summary = "Disable an account (administrators): it cannot sign in, "
      + "and its open web and FTP sessions and its tokens stop working at their next request")
  @PostMapping("/api/v1/accounts/{username}/disable")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  ResponseEntity<AccountResource> disable(@PathVariable String username, @AuthenticationPrincipal PlenaryUser admin,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Account account = named(username);
    if (account.id().equals(admin.id())) {
      throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
          Words.said(new org.springframework.context.support.DefaultMessageSourceResolvable("account.api.disableSelf"))), null);
    }
    return versioned(account.id(), accounts.setEnabled(account.id(), false, EditVersion.ifMatch(ifMatch)));
  }

  @Operation(operationId = "enableAccount", summary = "Enable a disabled account again (administrators)")
  @PostMapping("/api/v1/accounts/{username}/enable")
  @PreAuthorize("hasRole('ADMIN')")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = CHANGED)
  ResponseEntity<AccountResource> enable(@PathVariable String username,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Account account = named(username);
    return versioned(account.id(), accounts.setEnabled(account.id(), true, EditVersion.ifMatch(ifMatch)));
  }

  private Account named(String username) {
    return accounts.findEvenDisabled(username).orElseThrow(() -> new UnknownException("account", "account.api.unknown", username));
  }

  @Operation(operationId = "listOrganizations", summary = "Every organization with its ITU category and country",
      description = "In the reader's alphabetical order (`Accept-Language`, one of the six languages), read a page at"
          + " a time by key; a walk keeps the order of the language its first page was read in.")
  @GetMapping("/api/v1/organizations")
  ResponseEntity<List<OrganizationResource>> organizations(@Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    return organizations.page(Paged.asked(limit, cursor))
        .map(o -> new OrganizationResource(o.id().value(), o.name(), o.category(), o.countryCode())).answer();
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
}
