package org.plenary.visa;

import org.plenary.meeting.IssuedReferences;
import org.plenary.meeting.MeetingId;
import org.springframework.stereotype.Component;

/** Tells the meeting module whether visa letters, whose references print its code, were issued for a meeting. */
@Component
class IssuedLetters implements IssuedReferences {

  private final VisaRequests requests;

  IssuedLetters(VisaRequests requests) {
    this.requests = requests;
  }

  @Override
  public boolean anyFor(MeetingId meeting) {
    return requests.anyReferenced(meeting);
  }
}
