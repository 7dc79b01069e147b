package org.plenary.visa;

import java.time.LocalDate;
import java.util.Locale;
import org.plenary.meeting.Meeting;

/**
 * What an approved letter says of its meeting, as it was at the approval: the venue and the days. A meeting
 * moved afterwards does not change a letter a consulate already holds; the check of its reference says that
 * the meeting has moved, and where to.
 */
record LetterFacts(String venue, LocalDate starts, LocalDate ends) {

  static LetterFacts of(Meeting meeting) {
    return new LetterFacts(meeting.venueName(), meeting.startDate(), meeting.endDate());
  }

  String dates(Locale reader) {
    return org.plenary.group.Days.range(starts, ends, reader);
  }

  /** Whether the meeting still has the venue and days this letter states. */
  boolean standsFor(Meeting meeting) {
    return equals(of(meeting));
  }
}
