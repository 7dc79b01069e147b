package org.plenary;

import java.util.Comparator;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;

/**
 * The demo's meetings as the application made them. Its upcoming FG Cloud meeting starts eight weeks after the
 * day the demo was loaded, by the application's clock (UTC): a test that derives its code from its own date
 * ({@code LocalDate.now().plusWeeks(8)}, in the machine's zone, maybe after midnight while the shared context was
 * loaded before) names another month's meeting, one that does not exist.
 */
public final class DemoMeetings {

  private DemoMeetings() {}

  /** The code of the demo's upcoming FG Cloud meeting: the second the demo scheduled in the group, after 1006-gva. */
  public static String upcoming(GroupCatalog groups, MeetingCatalog meetings) {
    return upcomingMeeting(groups, meetings).code();
  }

  /** The demo's upcoming FG Cloud meeting itself (its dates, zone, deadlines). */
  public static Meeting upcomingMeeting(GroupCatalog groups, MeetingCatalog meetings) {
    return meetings.of(groups.get("cloud")).stream()
        .sorted(Comparator.comparingLong((Meeting m) -> m.id().value()))
        .filter(m -> !m.code().equals("1006-gva")).findFirst().orElseThrow();
  }
}
