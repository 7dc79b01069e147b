package org.plenary.account;

import org.plenary.shared.Names;
import org.plenary.shared.Words;
import java.util.List;
import org.plenary.shared.UnknownException;
import java.util.Optional;
import org.plenary.shared.Violations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Organizations people represent, with their focal points. */
@Component
public class OrganizationDirectory {

  private final Organizations organizations;
  private final Accounts accounts;
  private final Countries countries;
  private final CurrentAccounts currentAccounts;
  private final Words words;

  OrganizationDirectory(Organizations organizations, Accounts accounts, CurrentAccounts currentAccounts, Countries countries,
      Words words) {
    this.words = words;
    this.currentAccounts = currentAccounts;
    this.organizations = organizations;
    this.accounts = accounts;
    this.countries = countries;
  }

  @Transactional
  public OrganizationId create(String name, OrganizationCategory category, String countryCode) {
    new Violations()
        .check(!organizations.nameTaken(name), "name", words.get("account.organizations.name.taken", name))
        .check(countryCode == null || countries.exists(countryCode), "countryCode",
            words.get("account.new.country.invalid"))
        .throwIfAny();
    try {
      return organizations.insert(name, category, countryCode);
    } catch (org.springframework.dao.DuplicateKeyException sameKey) {
      // Another administrator added it meanwhile: the unique key (V091) says so where the check above could not.
      throw org.plenary.shared.InvalidInputException.of("name", "account", "account.organizations.name.taken",
          org.plenary.shared.Names.clean(name));
    }
  }

  /** Every organization, sorted by name in the reader's alphabetical order. */
  public List<Organization> all() {
    return Names.sorted(organizations.all(), Organization::name);
  }

  public Optional<Organization> find(OrganizationId id) {
    return id == null ? Optional.empty() : organizations.find(id);
  }

  public Organization get(OrganizationId id) {
    return find(id).orElseThrow(() -> new UnknownException("account", "account.unknown.organization", id.value()));
  }

  /** Makes the account a focal point who approves registrations of the organization's people. */
  @Transactional
  public void appointFocalPoint(OrganizationId organization, AccountId account) {
    get(organization);
    // Under the account's lock: an appointment is not made between a move's reading and its ending of the old one.
    accounts.lockVersion(account);
    accounts.appointFocalPoint(organization, account);
    currentAccounts.changed(account);
  }

  /**
   * The account no longer approves the organization's registrations, from its next request on (its
   * sessions and tokens read its rights again); false when it was not a focal point of it.
   */
  @Transactional
  public boolean removeFocalPoint(OrganizationId organization, AccountId account) {
    get(organization);
    boolean removed = accounts.removeFocalPoint(organization, account);
    currentAccounts.changed(account);
    return removed;
  }

  public List<Account> focalPoints(OrganizationId organization) {
    return accounts.focalPointsOf(organization);
  }
}
