package org.plenary.account;

import java.util.Set;

/**
 * A person who signs in. The password hash never leaves the module. {@code language} is the
 * preferred language as a BCP 47 tag (one of {@link org.plenary.shared.Languages}), or null when the
 * person has not chosen one.
 */
public record Account(
    AccountId id,
    String username,
    String email,
    String displayName,
    OrganizationId organizationId,
    String countryCode,
    Set<Role> roles,
    boolean mustChangePassword,
    boolean enabled,
    String language) implements java.io.Serializable {

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
