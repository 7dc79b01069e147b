package org.plenary.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Milestones of a group given a new title by an edit, old title to new: what refers to a milestone by its
 * title (a deliverable serving it) follows it, in the edit's transaction, instead of being left pointing at a
 * title that is gone.
 */
public record MilestonesRenamed(GroupId group, Map<String, String> renamed) {

  /**
   * The renames an edit makes. Milestones carry no id of their own, so a rename is read from their places:
   * the milestone at the same place with another title, when the old title is no longer on the list and the
   * new one was not on it before. A milestone removed, or titles exchanged between places, is no rename.
   */
  static Map<String, String> between(List<Milestone> before, List<Milestone> after) {
    var oldTitles = new HashSet<String>();
    before.forEach(m -> oldTitles.add(m.title()));
    var newTitles = new HashSet<String>();
    after.forEach(m -> newTitles.add(m.title()));
    var renamed = new LinkedHashMap<String, String>();
    var seen = new ArrayList<String>();
    for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
      String from = before.get(i).title();
      String to = after.get(i).title();
      if (!from.equals(to) && !newTitles.contains(from) && !oldTitles.contains(to) && !seen.contains(from)) {
        renamed.put(from, to);
        seen.add(from);
      }
    }
    return renamed;
  }
}
