package org.plenary.shared;

import java.util.ArrayList;
import java.util.List;

/** Collects the rules an input breaks, then throws them all at once. */
public final class Violations {

  private final List<Violation> found = new ArrayList<>();

  /** Records {@code message} for {@code field} unless {@code holds}. */
  public Violations check(boolean holds, String field, String message) {
    if (!holds) {
      found.add(new Violation(field, message));
    }
    return this;
  }

  /**
   * Records the sentence {@code key} of the bundle {@code i18n/messages/<bundle>} for {@code field} unless
   * {@code holds}, in the reader's language (English outside a request); for code that holds no message source.
   */
  public Violations check(boolean holds, String field, String bundle, String key, Object... args) {
    if (!holds) {
      found.add(new Violation(field, Sentences.said(bundle, key, args)));
    }
    return this;
  }

  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidInputException(found);
    }
  }
}
