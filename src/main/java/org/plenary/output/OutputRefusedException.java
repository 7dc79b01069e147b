package org.plenary.output;

import org.plenary.shared.RefusedException;

/**
 * A rule of the group's outputs refused a change (409 not in this state, 403 not allowed, 412 changed since
 * the deciding editor read it); the sentence
 * is a key of the {@code output} bundle, said in the reader's language.
 */
public class OutputRefusedException extends RefusedException {

  private OutputRefusedException(int httpStatus, String key, Object[] args) {
    super(httpStatus, "output", key, args);
  }

  static OutputRefusedException state(String key, Object... args) {
    return new OutputRefusedException(409, key, args);
  }

  /** A decision (agree, supersede) made on a version someone changed since: nothing recorded (412). */
  static OutputRefusedException changedSinceRead(String key, Object... args) {
    return new OutputRefusedException(412, key, args);
  }

  static OutputRefusedException notAllowed(String key, Object... args) {
    return new OutputRefusedException(403, key, args);
  }
}
