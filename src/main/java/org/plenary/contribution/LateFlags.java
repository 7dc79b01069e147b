package org.plenary.contribution;

import org.plenary.meeting.ContributionDeadlineMoved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A document's "late" says it arrived after the contributions deadline in force: when the secretariat moves
 * the deadline, the documents already received are flagged again against the new one. Before, a flag stayed
 * as the upload set it, so a deadline extended left documents that were now on time marked late in the
 * register, its CSV and the folder listings (and one brought forward left late ones unmarked). Heard in the
 * meeting edit's transaction, so that the deadline and the flags change together.
 */
@Component
class LateFlags {

  private final Contributions contributions;

  LateFlags(Contributions contributions) {
    this.contributions = contributions;
  }

  @EventListener
  void on(ContributionDeadlineMoved moved) {
    contributions.flagLate(moved.meeting(), moved.deadline());
  }
}
