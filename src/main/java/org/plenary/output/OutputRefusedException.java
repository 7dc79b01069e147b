package org.plenary.output;

import org.plenary.shared.RefusedException;

/** A rule of the group's outputs refused a change; the sentence says why (409 not in this state, 403 not allowed). */
public class OutputRefusedException extends RefusedException {

  OutputRefusedException(int httpStatus, String message) {
    super(httpStatus, message);
  }

  static OutputRefusedException state(String message) {
    return new OutputRefusedException(409, message);
  }

  static OutputRefusedException notAllowed(String message) {
    return new OutputRefusedException(403, message);
  }
}
