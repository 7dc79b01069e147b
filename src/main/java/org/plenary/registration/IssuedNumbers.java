package org.plenary.registration;

import org.plenary.meeting.IssuedReferences;
import org.plenary.meeting.MeetingId;
import org.springframework.stereotype.Component;

/** Tells the meeting module whether registration numbers, which print its code, were issued for a meeting. */
@Component
class IssuedNumbers implements IssuedReferences {

  private final Registrations registrations;

  IssuedNumbers(Registrations registrations) {
    this.registrations = registrations;
  }

  @Override
  public boolean anyFor(MeetingId meeting) {
    return registrations.anyNumbered(meeting);
  }
}
