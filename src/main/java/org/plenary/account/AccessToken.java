package org.plenary.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A personal access token as listed to its owner, without its secret. */
public record AccessToken(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

  /** The instants in UTC, for display. */
  public OffsetDateTime createdUtc() {
    return createdAt.atOffset(ZoneOffset.UTC);
  }

  public OffsetDateTime expiresUtc() {
    return expiresAt.atOffset(ZoneOffset.UTC);
  }

  public OffsetDateTime lastUsedUtc() {
    return lastUsedAt == null ? null : lastUsedAt.atOffset(ZoneOffset.UTC);
  }
}
