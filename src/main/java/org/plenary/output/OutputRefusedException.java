package org.plenary.output;

import org.plenary.shared.RefusedException;

/**
 * A rule of the group's outputs refused a change (409 not in this state, 403 not allowed); the sentence
 * is a key of the {@code output} bundle, said in the reader's language.
 */
public class OutputRefusedException extends RefusedException {

  private OutputRefusedException(int httpStatus, String key, Object[] args) {
    super(httpStatus, "output", key, args);
  }

  static OutputRefusedException state(String key, Object... args) {
    return new OutputRefusedException(409, key, args);
  }

  static OutputRefusedException notAllowed(String key, Object... args) {
    return new OutputRefusedException(403, key, args);
  }
}
