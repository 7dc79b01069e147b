package org.plenary.output;

import java.util.List;

/**
 * The living list at one version: the list as it stands, or as it stood when a meeting agreed it
 * ({@code agreedAt} names that meeting).
 */
public record LivingList(long version,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String agreedAt, List<LivingListEntry> entries) {}
