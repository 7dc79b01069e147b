package org.plenary.contribution;

import java.time.Instant;

/** One action on a contribution: who did what, when, to which file (with its SHA-256). */
public record AuditEvent(String action, String actor, Instant at, String fileName, String sha256, String detail) {}
