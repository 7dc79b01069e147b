package org.plenary.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule only the domain can check (an end before the start, a code already
 * used). Pages turn it into field errors, the API into an RFC 9457 problem.
 */
public class InvalidInputException extends RuntimeException {

  private final List<Violation> violations;
  private final int total;

  public InvalidInputException(List<Violation> violations) {
    this(violations, violations.size());
  }

  /** The first {@code violations} of {@code total} broken rules ({@link Violations} keeps a hundred). */
  public InvalidInputException(List<Violation> violations, int total) {
    super(violations.stream().limit(Violations.KEPT).map(v -> v.field() + ": " + v.message())
        .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
    this.total = Math.max(total, violations.size());
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new Violation(field, message)));
  }

  /** One field's error: the sentence {@code key} of the bundle {@code i18n/messages/<bundle>}, in the reader's language. */
  public static InvalidInputException of(String field, String bundle, String key, Object... args) {
    return new InvalidInputException(field, Sentences.said(bundle, key, args));
  }

  public List<Violation> violations() {
    return violations;
  }

  /** How many rules the input broke: more than {@link #violations()} holds when it broke more than a hundred. */
  public int total() {
    return total;
  }
}
