package org.plenary.account;

import java.util.Set;

/** A person who signs in. The password hash never leaves the module. */
public record Account(
    AccountId id,
    String username,
    String email,
    String displayName,
    OrganizationId organizationId,
    String countryCode,
    Set<Role> roles,
    boolean mustChangePassword,
    boolean enabled) {

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
