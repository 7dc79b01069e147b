package org.plenary.meeting;

import java.util.List;
import org.plenary.shared.RefusedException;

/**
 * A circular cannot do what was asked now: it is issued (frozen), nothing changed for an addendum,
 * or warnings wait for a reason (409, each warning listed).
 */
public class CircularRefusedException extends RefusedException {

  private final List<CircularWarning> warnings;

  CircularRefusedException(String message) {
    this(message, List.of());
  }

  CircularRefusedException(String message, List<CircularWarning> warnings) {
    super(409, message);
    this.warnings = List.copyOf(warnings);
  }

  /** The warnings that still need a reason, when that is why. */
  public List<CircularWarning> warnings() {
    return warnings;
  }
}
