package org.plenary.shared;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * The length of a text as a reader and the API description count it: in code points (Unicode characters), as JSON
 * Schema's {@code maxLength} and PostgreSQL count, not in Java's UTF-16 units, where a character beyond U+FFFF
 * ({@code 𠀀}, an emoji) counts two. Every bound Plenary enforces on a text counts this way.
 */
public final class CodePoints {

  private CodePoints() {}

  /** How many characters {@code text} holds (0 for null); a half of a character counts one. */
  public static int count(CharSequence text) {
    return text == null ? 0 : Character.codePointCount(text, 0, text.length());
  }

  /** Whether {@code text} (null counts as empty) holds at most {@code max} characters. */
  public static boolean atMost(CharSequence text, int max) {
    return text == null || text.length() <= max || count(text) <= max;
  }

  /** The first {@code max} characters of {@code text} (all of it when shorter), never half of one. */
  public static String first(String text, int max) {
    return atMost(text, max) ? text : text.substring(0, text.offsetByCodePoints(0, max));
  }

  /**
   * {@code @Size} on a text, counted in code points: registered with Hibernate Validator through
   * {@code META-INF/services/jakarta.validation.ConstraintValidator}, it is preferred to the built-in validator for a
   * {@link CharSequence} (a {@link String} is the more specific type), so every request, form and parameter bound by
   * {@code @Size} counts as its {@code maxLength} is described.
   */
  public static final class SizeOfText implements ConstraintValidator<Size, String> {

    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
      min = size.min();
      max = size.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      int length = count(value);
      return length >= min && length <= max;
    }
  }
}
