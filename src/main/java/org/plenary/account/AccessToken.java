package org.plenary.account;

import java.time.Instant;

/** A personal access token as listed to its owner, without its secret. */
public record AccessToken(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}
