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

  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidInputException(found);
    }
  }
}
