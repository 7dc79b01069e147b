package org.plenary.meeting;

/**
 * What a group's terms of reference say about announcing a meeting: by electronic means at least
 * {@code announceWeeks} weeks in advance, contributions due at least {@code contributionDays}
 * calendar days before it (FG Cloud's clauses 11 and 12: 4 and 10, the defaults).
 */
public record AnnouncementRules(int announceWeeks, int contributionDays) {

  public static final AnnouncementRules DEFAULTS = new AnnouncementRules(4, MeetingCatalog.CONTRIBUTION_DAYS);
}
