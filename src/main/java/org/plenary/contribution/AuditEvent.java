package org.plenary.contribution;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One action on a contribution: who did what, when, to which file (with its SHA-256). */
public record AuditEvent(String action, @Schema(nullable = true) String actor, Instant at,
    @Schema(nullable = true) String fileName, @Schema(nullable = true) String sha256,
    @Schema(nullable = true) String detail) {}
