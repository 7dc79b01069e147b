package org.plenary.group;

/**
 * A chair or vice-chair. When {@code username} names an account, that person manages the group
 * (edits its terms of reference and its meetings' agendas).
 */
public record Leader(LeaderRole role, String personName, String organization, String countryCode, String username) {}
