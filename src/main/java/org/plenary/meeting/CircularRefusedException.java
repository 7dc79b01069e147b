package org.plenary.meeting;

import java.util.List;
import java.util.Map;
import org.plenary.shared.RefusedException;

/**
 * A circular cannot do what was asked now: it is issued (frozen), nothing changed for an addendum,
 * or warnings wait for a reason (409, each warning listed).
 */
public class CircularRefusedException extends RefusedException {

  private final List<CircularWarning> warnings;

  /** The sentence {@code key} of the {@code meeting} bundle. */
  CircularRefusedException(String key, Object... args) {
    this(List.of(), key, args);
  }

  CircularRefusedException(List<CircularWarning> warnings, String key, Object... args) {
    super(409, "meeting", key, args);
    this.warnings = List.copyOf(warnings);
  }

  /** The warnings that still need a reason, when that is why. */
  public List<CircularWarning> warnings() {
    return warnings;
  }

  /** A refusal to issue lists, in the API's problem, the warnings that still need a reason. */
  @Override
  public Map<String, Object> problemProperties() {
    return warnings.isEmpty() ? Map.of() : Map.of("warnings", warnings.stream()
        .map(w -> Map.of("rule", w.rule().name(), "message", w.message())).toList());
  }
}
