package org.plenary.registration;

import java.util.Optional;
import org.plenary.account.Organization;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Violations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which organization a registration is for, one rule for the page and the API: the organization of
 * the person's account; only an account without one chooses (an organization from the list, or none
 * to register in their own name). Whatever a form or JSON body says otherwise is refused, so nobody
 * reaches another organization's focal point, or its visa eligibility, by editing a request. The
 * administrator corrects a registration's organization when the account's was wrong.
 */
@Component
public class RepresentedOrganization {

  private final OrganizationDirectory organizations;
  private final Registrations registrations;
  private final TransactionTemplate transaction;

  RepresentedOrganization(OrganizationDirectory organizations, Registrations registrations,
      TransactionTemplate transaction) {
    this.organizations = organizations;
    this.registrations = registrations;
    this.transaction = transaction;
  }

  /**
   * The account's organization, if it has one: a registration can only be for it. The signed-in user's
   * account is the account as it stands now (read again for each request, a change seen at once).
   */
  public Optional<Organization> ofAccount(PlenaryUser user) {
    return organizations.find(user.account().organizationId());
  }

  /** The organization this person registers for, or empty for their own name; refuses a forged choice. */
  Optional<Organization> forRegistration(Long chosen, PlenaryUser user) {
    Optional<Organization> own = ofAccount(user);
    if (own.isPresent()) {
      new Violations().check(chosen == null || chosen == own.get().id().value(), "organizationId",
          "registration", "registration.error.ownOrganization", own.get().name()).throwIfAny();
      return own;
    }
    Optional<Organization> picked = chosen == null ? Optional.empty() : organizations.find(new OrganizationId(chosen));
    new Violations().check(chosen == null || picked.isPresent(), "organizationId",
        "registration", "registration.error.chooseOrganization").throwIfAny();
    return picked;
  }

  /** The administrator sets the registration's organization (null: in the person's own name), whatever its version. */
  public Registration correct(long id, Long organizationId, PlenaryUser user) {
    return correct(id, organizationId, EditVersion.ANY, user);
  }

  /**
   * The administrator sets the registration's organization (null: in the person's own name) on the version
   * {@code read} names, checked under the row's lock: a registration corrected, approved or rejected since is
   * refused with what it is now, instead of the correction replacing the other change in silence.
   */
  public Registration correct(long id, Long organizationId, EditVersion read, PlenaryUser user) {
    if (user == null || !user.has(Role.ADMIN)) {
      throw RegistrationRefusedException.of(403, "registration.refused.correct");
    }
    Optional<Organization> organization = organizationId == null ? Optional.empty()
        : organizations.find(new OrganizationId(organizationId));
    new Violations().check(organizationId == null || organization.isPresent(), "organizationId",
        "registration", "registration.error.correctOrganization").throwIfAny();
    return transaction.execute(status -> {
      Registration current = registrations.lock(id)
          .orElseThrow(() -> RegistrationRefusedException.of(404, "registration.refused.unknown", id));
      if (!read.accepts(current.version())) {
        throw changed(current);
      }
      registrations.setOrganization(id, organization.map(Organization::id).orElse(null),
          organization.map(o -> o.category().name()).orElse(Registration.INDIVIDUAL));
      return registrations.find(id).orElseThrow();
    });
  }

  /**
   * The refusal of an act made on a registration as it was before someone changed it (412): it says what the
   * registration is now, its status and the organization it is for, so its reader knows what to look at again.
   */
  RegistrationRefusedException changed(Registration now) {
    Object status = RegistrationRefusedException.word("registration.status." + now.status().name(),
        now.status().name().toLowerCase());
    Object organization = organizations.find(now.organizationId()).<Object>map(Organization::name)
        .orElseGet(() -> RegistrationRefusedException.word("registration.changed.ownName", "their own name"));
    return RegistrationRefusedException.of(412, "registration.refused.changed", now.fullName(), status, organization);
  }
}
