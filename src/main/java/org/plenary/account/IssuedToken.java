package org.plenary.account;

import java.time.Instant;

/** A personal access token as shown once, at creation; only its hash is kept. */
public record IssuedToken(String token, Instant expiresAt) implements java.io.Serializable {}
