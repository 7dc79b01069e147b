package org.plenary.account;

import java.util.Set;

/** What it takes to open an account; the organization and country may be left out. */
public record NewAccount(
    String username, String email, String displayName, OrganizationId organizationId, String countryCode, Set<Role> roles) {}
