package org.plenary.account;

/** Identifies an account across modules. */
public record AccountId(long value) {}
