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

  /** How far around a cut the grapheme clusters are read: a cluster longer than this is cut between characters. */
  private static final int CLUSTER_CONTEXT = 256;

  private CodePoints() {}

  /** How many characters {@code text} holds (0 for null); a half of a character counts one. */
  public static int count(CharSequence text) {
    return text == null ? 0 : Character.codePointCount(text, 0, text.length());
  }

  /** Whether {@code text} (null counts as empty) holds at most {@code max} characters. */
  public static boolean atMost(CharSequence text, int max) {
    return text == null || text.length() <= max || count(text) <= max;
  }

  /**
   * The first {@code max} characters of {@code text} (all of it when shorter), never half of one (a surrogate pair
   * split by a cut left a lone surrogate, written as '?' or U+FFFD), nor a character without the marks that go with
   * it: a cut inside a grapheme cluster (an "é" written e and U+0301, an emoji joined to the next by U+200D, a flag's
   * two regional indicators) ends before the cluster. A single cluster longer than {@code max} is cut between
   * characters, never to nothing.
   */
  public static String first(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = offset(text, Math.max(max, 0));
    return end == text.length() ? text : text.substring(0, clusterEnd(text, end));
  }

  /**
   * {@code text} whole when it holds at most {@code max} characters, else its first ones ({@link #first}) and "…",
   * {@code max} characters in all: for a column or a line of that length.
   */
  public static String shortened(String text, int max) {
    return atMost(text, max) ? text : first(text, Math.max(max - 1, 0)) + "\u2026";
  }

  /**
   * Where a text of UTF-16 units cut at {@code end} may end (a buffer bounded in units, not characters): {@code end},
   * or one unit before where the unit before it is the first half of a pair, whatever follows.
   */
  public static int wholeEnd(CharSequence text, int end) {
    return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
  }

  /** The UTF-16 index after the first {@code max} code points of {@code text} (its length when it holds fewer). */
  private static int offset(String text, int max) {
    int at = 0;
    for (int n = 0; n < max && at < text.length(); n++) {
      at += Character.charCount(text.codePointAt(at));
    }
    return at;
  }

  /** The last boundary of a grapheme cluster at or before {@code end} (a code point boundary), read around it. */
  private static int clusterEnd(String text, int end) {
    int from = Math.max(0, end - CLUSTER_CONTEXT);
    if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
      from--;
    }
    int to = Math.min(text.length(), end + CLUSTER_CONTEXT);
    to = to < text.length() && Character.isHighSurrogate(text.charAt(to - 1)) ? to + 1 : to;
    java.text.BreakIterator clusters = java.text.BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
    clusters.setText(text.substring(from, to));
    if (clusters.isBoundary(end - from)) {
      return end;
    }
    int before = clusters.preceding(end - from);
    return before > 0 ? from + before : end;
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
