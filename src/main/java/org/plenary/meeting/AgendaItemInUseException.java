package org.plenary.meeting;

import org.plenary.shared.RefusedException;

/** An agenda edit would remove items that documents are filed under; the message lists them. */
public class AgendaItemInUseException extends RefusedException {

  AgendaItemInUseException(String message) {
    super(409, message);
  }
}
