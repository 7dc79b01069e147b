package org.plenary.group;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A focus group (or its parent). Its lifetime is computed, not typed: it runs for
 * {@code lifetimeMonths} from the start of its first meeting.
 */
public record Group(
    GroupId id,
    String slug,
    String acronym,
    String name,
    String parentSlug,
    String establishedBy,
    String workingLanguage,
    int lifetimeMonths,
    String contactEmail,
    String mailingList,
    LocalDate firstMeetingOn,
    List<Section> sections,
    List<Leader> leaders,
    List<Milestone> milestones) {

  /** The last day of the group's lifetime, once its first meeting is scheduled. */
  public Optional<LocalDate> lifetimeEndsOn() {
    return Optional.ofNullable(firstMeetingOn).map(start -> start.plusMonths(lifetimeMonths).minusDays(1));
  }

  public List<Leader> leaders(LeaderRole role) {
    return leaders.stream().filter(leader -> leader.role() == role).toList();
  }
}
