package org.plenary.account;

import org.plenary.shared.ChangedMeanwhileException;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Names;
import org.plenary.shared.PageController;
import org.plenary.shared.Words;
import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.plenary.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's pages: accounts with their roles, organizations with their focal points. */
@PageController
@RequestMapping("/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdministrationController {

  private final AccountDirectory accounts;
  private final OrganizationDirectory organizations;
  private final Countries countries;
  private final Words words;

  AdministrationController(AccountDirectory accounts, OrganizationDirectory organizations, Countries countries, Words words) {
    this.words = words;
    this.accounts = accounts;
    this.organizations = organizations;
    this.countries = countries;
  }

  @GetMapping("/accounts")
  String accounts(Model model) {
    // The versions first, as the API reads them: never newer than the accounts shown beside them.
    model.addAttribute("versions", accounts.versions());
    model.addAttribute("accounts", Names.sorted(accounts.all(), Account::displayName));
    model.addAttribute("roles", Role.values());
    if (!model.containsAttribute("newAccountForm")) {
      model.addAttribute("newAccountForm", new NewAccountForm());
    }
    return choices(model, "account/accounts");
  }

  @PostMapping("/accounts")
  String createAccount(@Valid @ModelAttribute NewAccountForm newAccountForm, BindingResult result, Model model,
      RedirectAttributes redirect) {
    if (!result.hasErrors()) {
      try {
        accounts.create(newAccountForm.toNewAccount(), newAccountForm.getPassword(), true);
        redirect.addFlashAttribute("notice", words.get("account.accounts.opened", newAccountForm.getUsername()));
        return "redirect:/admin/accounts";
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      }
    }
    return accounts(model);
  }

  @PostMapping("/accounts/{id}/roles")
  String setRoles(@PathVariable long id, @RequestParam(required = false) Set<Role> roles,
      @RequestParam(required = false) Long editVersion, Model model, RedirectAttributes redirect) {
    Set<Role> chosen = roles == null ? EnumSet.noneOf(Role.class) : roles;
    try {
      accounts.setRoles(new AccountId(id), chosen, EditVersion.of(editVersion));
    } catch (ChangedMeanwhileException e) {
      // The page again with the roles this administrator ticked, the sentence beside them and the version now
      // current: saving again is their choice, made knowing of the other change.
      model.addAttribute("stale", new Stale(id, "roles", chosen, Words.said(e)));
      return accounts(model);
    }
    redirect.addFlashAttribute("notice", words.get("account.accounts.roles-saved", accounts.get(new AccountId(id)).username()));
    return "redirect:/admin/accounts";
  }

  /**
   * Moves an account to another organization (empty: none), under the version the page showed: a page
   * read before someone else changed the account is shown again with the choice kept and the sentence.
   */
  @PostMapping("/accounts/{id}/organization")
  String setOrganization(@PathVariable long id, @RequestParam(required = false) Long organizationId,
      @RequestParam(required = false) Long editVersion,
      @org.springframework.security.core.annotation.AuthenticationPrincipal PlenaryUser admin, Model model,
      RedirectAttributes redirect) {
    AccountId account = new AccountId(id);
    try {
      accounts.setOrganization(account, organizationId == null ? null : new OrganizationId(organizationId),
          EditVersion.of(editVersion), admin.getUsername());
    } catch (ChangedMeanwhileException e) {
      model.addAttribute("stale", new Stale(id, "organization", Set.of(), Words.said(e), organizationId));
      return accounts(model);
    } catch (InvalidInputException e) {
      model.addAttribute("stale", new Stale(id, "organization", Set.of(), e.violations().getFirst().message(), organizationId));
      return accounts(model);
    }
    redirect.addFlashAttribute("notice", words.get("account.accounts.organization-saved", accounts.get(account).username()));
    return "redirect:/admin/accounts";
  }

  /**
   * An edit of one account's row refused because the account changed since the page was read (or the choice
   * was refused): what was asked and why not.
   */
  record Stale(long account, String field, Set<Role> roles, String message, Long organizationId) {

    Stale(long account, String field, Set<Role> roles, String message) {
      this(account, field, roles, message, null);
    }
  }

  /** Disabling ends the account's open sessions and stops its tokens at their next request. */
  @PostMapping("/accounts/{id}/enabled")
  String setEnabled(@PathVariable long id, @RequestParam boolean enabled, @RequestParam(required = false) Long editVersion,
      @org.springframework.security.core.annotation.AuthenticationPrincipal PlenaryUser admin, Model model,
      RedirectAttributes redirect) {
    AccountId account = new AccountId(id);
    if (!enabled && account.equals(admin.id())) {
      redirect.addFlashAttribute("problem", words.get("account.accounts.not-yourself"));
      return "redirect:/admin/accounts";
    }
    try {
      accounts.setEnabled(account, enabled, EditVersion.of(editVersion));
    } catch (ChangedMeanwhileException e) {
      model.addAttribute("stale", new Stale(id, "enabled", Set.of(), Words.said(e)));
      return accounts(model);
    }
    redirect.addFlashAttribute("notice", words.get(enabled ? "account.accounts.enabled-notice" : "account.accounts.disabled-notice", accounts.get(account).username()));
    return "redirect:/admin/accounts";
  }

  @GetMapping("/organizations")
  String organizations(Model model) {
    List<Organization> all = organizations.all();
    model.addAttribute("organizations", all);
    // Each list's version read before the list shown: a decision made on it is refused once someone else changed it.
    model.addAttribute("focalPointVersions", all.stream()
        .collect(java.util.stream.Collectors.toMap(Organization::id, o -> organizations.focalPointsVersion(o.id()))));
    model.addAttribute("focalPoints", all.stream()
        .collect(java.util.stream.Collectors.toMap(Organization::id, o -> organizations.focalPoints(o.id()))));
    if (!model.containsAttribute("organizationForm")) {
      model.addAttribute("organizationForm", new OrganizationForm());
    }
    return choices(model, "account/organizations");
  }

  @PostMapping("/organizations")
  String createOrganization(@Valid @ModelAttribute OrganizationForm organizationForm, BindingResult result, Model model,
      RedirectAttributes redirect) {
    if (!result.hasErrors()) {
      try {
        String country = organizationForm.getCountryCode();
        organizations.create(organizationForm.getName().strip(), organizationForm.getCategory(),
            country == null || country.isBlank() ? null : country);
        redirect.addFlashAttribute("notice", words.get("account.organizations.added", organizationForm.getName()));
        return "redirect:/admin/organizations";
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      }
    }
    return organizations(model);
  }

  @PostMapping("/organizations/{id}/focal-points")
  String appointFocalPoint(@PathVariable long id, @RequestParam String username,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    OrganizationId organization = new OrganizationId(id);
    var account = accounts.find(username.strip());
    if (account.isEmpty()) {
      redirect.addFlashAttribute("problem", words.get("account.accounts.unknown", username));
      return "redirect:/admin/organizations";
    }
    try {
      organizations.appointFocalPoint(organization, account.get().id(), EditVersion.of(editVersion));
      redirect.addFlashAttribute("notice", words.get("account.organizations.appointed", account.get().username()));
    } catch (ChangedMeanwhileException e) {
      redirect.addFlashAttribute("problem", focalPointsChanged(organization));
    }
    return "redirect:/admin/organizations";
  }

  @PostMapping("/organizations/{id}/focal-points/remove")
  String removeFocalPoint(@PathVariable long id, @RequestParam String username,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    OrganizationId organization = new OrganizationId(id);
    try {
      accounts.find(username.strip())
          .filter(account -> organizations.removeFocalPoint(organization, account.id(), EditVersion.of(editVersion)).isPresent())
          .ifPresentOrElse(
              account -> redirect.addFlashAttribute("notice", words.get("account.organizations.removed", account.username())),
              () -> redirect.addFlashAttribute("problem", words.get("account.api.notFocalPoint", username,
                  organizations.get(organization).name())));
    } catch (ChangedMeanwhileException e) {
      redirect.addFlashAttribute("problem", focalPointsChanged(organization));
    }
    return "redirect:/admin/organizations";
  }

  /** The sentence of a decision refused on a stale list: who the organization's focal points are now. */
  private String focalPointsChanged(OrganizationId organization) {
    List<Account> now = organizations.focalPoints(organization);
    return words.get("account.organizations.focal-points-changed", organizations.get(organization).name(), now.isEmpty()
        ? words.get("account.organizations.no-focal-points")
        : org.plenary.shared.Listed.items(Words.reader(), now.stream().map(Account::username).toList()));
  }

  private String choices(Model model, String view) {
    model.addAttribute("countries", countries.all());
    model.addAttribute("categories", OrganizationCategory.values());
    model.addAttribute("allOrganizations", organizations.all());
    return view;
  }
}
