package org.plenary.meeting;

import org.plenary.shared.UnknownException;

/** The group has no meeting with that code. */
public class UnknownMeetingException extends UnknownException {

  public UnknownMeetingException(String slug, String code) {
    super("meeting", "meeting.error.unknown", slug, code);
  }
}
