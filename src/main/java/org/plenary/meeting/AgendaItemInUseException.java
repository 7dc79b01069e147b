package org.plenary.meeting;

import org.plenary.shared.RefusedException;

/** An agenda edit would remove items that documents are filed under; the sentence (a key of the bundle) lists them. */
public class AgendaItemInUseException extends RefusedException {

  AgendaItemInUseException(String key, Object... args) {
    super(409, "meeting", key, args);
  }
}
