package org.plenary.meeting;

import org.plenary.shared.UnknownException;

/** There is no such circular, or it is a draft that only the secretariat may read. */
public class UnknownCircularException extends UnknownException {

  UnknownCircularException(CircularId id) {
    super("meeting", "meeting.circular.error.unknown", String.valueOf(id.value()));
  }
}
