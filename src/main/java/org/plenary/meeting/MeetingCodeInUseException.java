package org.plenary.meeting;

import org.plenary.shared.RefusedException;

/** An edit would change the code of a meeting that has documents, whose folder the code names. */
public class MeetingCodeInUseException extends RefusedException {

  MeetingCodeInUseException(String key, Object... args) {
    super(409, "meeting", key, args);
  }
}
