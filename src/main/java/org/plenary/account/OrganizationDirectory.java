package org.plenary.account;

import org.plenary.shared.Names;
import org.plenary.shared.Words;
import java.util.List;
import java.util.OptionalLong;
import org.plenary.shared.EditVersion;
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

  /**
   * One page of the organizations for the API, in the reader's alphabetical order as {@link #all()}'s (by the sort
   * keys stored with each, V126), read by key in SQL: never the whole list.
   */
  org.plenary.shared.Paged<Organization> page(org.plenary.shared.Paged.Asked asked) {
    return organizations.page(asked, Words.reader());
  }

  public Optional<Organization> find(OrganizationId id) {
    return id == null ? Optional.empty() : organizations.find(id);
  }

  public Organization get(OrganizationId id) {
    return find(id).orElseThrow(() -> new UnknownException("account", "account.unknown.organization", id.value()));
  }

  /** Makes the account a focal point who approves registrations of the organization's people. */
  public void appointFocalPoint(OrganizationId organization, AccountId account) {
    appointFocalPoint(organization, account, EditVersion.ANY);
  }

  /**
   * Makes the account a focal point who approves registrations of the organization's people, decided on the
   * organization's focal points at {@code seen} ({@link #focalPointsVersion}): refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}, nothing changed) when someone appointed or removed one
   * since. The version after; an account that is a focal point already changes nothing.
   */
  @Transactional
  public long appointFocalPoint(OrganizationId organization, AccountId account, EditVersion seen) {
    // The account's lock before the organization's, as a move takes them: an appointment is not made between a
    // move's reading and its ending of the old one, and neither waits on the other in a circle.
    accounts.lockVersion(account);
    long version = lockedVersion(organization, seen);
    if (accounts.appointFocalPoint(organization, account)) {
      currentAccounts.changed(account);
      return version + 1;
    }
    return version;
  }

  /**
   * The account no longer approves the organization's registrations, from its next request on (its
   * sessions and tokens read its rights again); false when it was not a focal point of it.
   */
  public boolean removeFocalPoint(OrganizationId organization, AccountId account) {
    return removeFocalPoint(organization, account, EditVersion.ANY).isPresent();
  }

  /**
   * The same, decided on the organization's focal points at {@code seen}: refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}, nothing changed) when someone appointed or removed one
   * since. The version after; empty when the account was not a focal point of it.
   */
  @Transactional
  public OptionalLong removeFocalPoint(OrganizationId organization, AccountId account, EditVersion seen) {
    accounts.lockVersion(account);
    long version = lockedVersion(organization, seen);
    if (!accounts.removeFocalPoint(organization, account)) {
      return OptionalLong.empty();
    }
    currentAccounts.changed(account);
    return OptionalLong.of(version + 1);
  }

  /** The version of the organization's focal points, one more at every appointment and removal: their forms carry it. */
  public long focalPointsVersion(OrganizationId organization) {
    return accounts.focalPointsVersion(organization)
        .orElseThrow(() -> new UnknownException("account", "account.unknown.organization", organization.value()));
  }

  private long lockedVersion(OrganizationId organization, EditVersion seen) {
    long version = accounts.lockFocalPointsVersion(organization)
        .orElseThrow(() -> new UnknownException("account", "account.unknown.organization", organization.value()));
    seen.check(version, words.get("account.organizations.focal-points-of", get(organization).name()));
    return version;
  }

  public List<Account> focalPoints(OrganizationId organization) {
    return accounts.focalPointsOf(organization);
  }
}
