package org.plenary.account;

/** Identifies an organization across modules. */
public record OrganizationId(long value) {}
