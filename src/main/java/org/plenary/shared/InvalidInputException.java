package org.plenary.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule only the domain can check (an end before the start, a code already
 * used). Pages turn it into field errors, the API into an RFC 9457 problem.
 */
public class InvalidInputException extends RuntimeException {

  private final List<Violation> violations;

  public InvalidInputException(List<Violation> violations) {
    super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
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
}
