package org.plenary.meeting;

import java.util.NoSuchElementException;

/** The group has no meeting with that code. */
public class UnknownMeetingException extends NoSuchElementException {

  public UnknownMeetingException(String slug, String code) {
    super("The group \"" + slug + "\" has no meeting \"" + code + "\".");
  }
}
