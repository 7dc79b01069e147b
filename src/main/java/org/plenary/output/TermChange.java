package org.plenary.output;

import java.time.Instant;

/** One change of a term, as it stood after the change. */
public record TermChange(int version, String change, String term, String definition,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String source,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String note, TermStatus status,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String supersededBy, String changedBy, Instant changedAt) {}
