package org.plenary.output;

import java.time.LocalDate;
import java.util.List;

/**
 * A milestone due within 14 days, one overdue, or the group's lifetime ending within 60 days: mailed
 * once per subject and kind to the group's management and the secretariat ({@code recipients}).
 */
public record MilestoneNotice(Kind kind, String groupSlug, String groupAcronym, String subject, LocalDate dueOn,
    List<String> recipients) {

  /** What the notice is about. */
  public enum Kind { DUE_SOON, OVERDUE, LIFETIME_ENDING }
}
