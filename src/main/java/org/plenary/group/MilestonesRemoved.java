package org.plenary.group;

import java.util.List;
import java.util.Set;

/**
 * Milestones an edit of the group takes off its list (not renamed: see {@link MilestonesRenamed}), heard in
 * the edit's transaction: what serves one of them (a deliverable) may refuse the edit, which then changes
 * nothing, rather than be left pointing at a milestone that is gone.
 */
public record MilestonesRemoved(GroupId group, Set<String> titles) {

  static Set<String> between(List<Milestone> before, List<Milestone> after, java.util.Map<String, String> renamed) {
    var kept = new java.util.HashSet<String>();
    after.forEach(m -> kept.add(m.title()));
    var removed = new java.util.LinkedHashSet<String>();
    before.forEach(m -> {
      if (!kept.contains(m.title()) && !renamed.containsKey(m.title())) {
        removed.add(m.title());
      }
    });
    return removed;
  }
}
