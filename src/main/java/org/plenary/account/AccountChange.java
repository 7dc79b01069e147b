package org.plenary.account;

import java.time.Instant;

/** A change an administrator made to an account: the field, its value before and after, who and when. */
public record AccountChange(String field, String from, String to, String by, Instant at) {}
