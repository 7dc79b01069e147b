package org.plenary.meeting;

import org.plenary.group.GroupCatalog;

/**
 * The next meeting of one group, for tests that build its pages' addresses: {@link MeetingCatalog#upcoming()}
 * lists every group's, and a test sharing the context may have scheduled another group's sooner.
 */
public final class ComingMeetings {

  private ComingMeetings() {
  }

  /** The group's soonest meeting that has not ended. */
  public static Meeting of(MeetingCatalog meetings, GroupCatalog groups, String slug) {
    var group = groups.get(slug).id();
    return meetings.upcoming().stream().filter(m -> m.groupId().equals(group)).findFirst()
        .orElseThrow(() -> new IllegalStateException(slug + " has no coming meeting"));
  }
}
