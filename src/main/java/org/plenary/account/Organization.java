package org.plenary.account;

/** An administration, company, university or other body people represent. */
public record Organization(OrganizationId id, String name, OrganizationCategory category, String countryCode) {}
