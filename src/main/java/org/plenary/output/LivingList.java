package org.plenary.output;

import java.util.List;

/**
 * The living list at one version: the list as it stands, or as it stood when a meeting agreed it
 * ({@code agreedAt} names that meeting).
 */
public record LivingList(@io.swagger.v3.oas.annotations.media.Schema(description = "the list's version; to a reader who"
        + " may not read a liaison statement it names, a number of at least 2^48 made from what that reader is shown")
    long version,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String agreedAt, List<LivingListEntry> entries) {}
