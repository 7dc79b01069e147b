package org.plenary.output;

import java.time.LocalDate;
import java.util.List;

/**
 * A milestone of the group against its progress: the deliverables that serve it and where it stands
 * on {@code today} (met once every deliverable serving it is agreed or transferred).
 */
public record TrackedMilestone(LocalDate dueOn, String title, List<Deliverable> deliverables, Standing standing,
    long daysLeft) {

  /** Where a milestone stands. */
  public enum Standing {
    MET("Met"), ON_TRACK("On track"), DUE_SOON("Due within 14 days"), OVERDUE("Overdue");

    private final String label;

    Standing(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  static TrackedMilestone of(LocalDate dueOn, String title, List<Deliverable> serving, LocalDate today) {
    boolean met = !serving.isEmpty() && serving.stream().allMatch(d -> d.state() != DeliverableState.DRAFT);
    long daysLeft = java.time.temporal.ChronoUnit.DAYS.between(today, dueOn);
    Standing standing = met ? Standing.MET : daysLeft < 0 ? Standing.OVERDUE
        : daysLeft <= 14 ? Standing.DUE_SOON : Standing.ON_TRACK;
    return new TrackedMilestone(dueOn, title, serving, standing, daysLeft);
  }
}
