package org.plenary.group;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A chair or vice-chair. When {@code username} names an account, that person manages the group
 * (edits its terms of reference and its meetings' agendas).
 */
public record Leader(LeaderRole role, String personName, @Schema(nullable = true) String organization,
    @Schema(nullable = true) String countryCode, @Schema(nullable = true) String username) {}
