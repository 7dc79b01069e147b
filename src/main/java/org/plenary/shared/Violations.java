package org.plenary.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rules an input breaks, then throws them all at once: the first {@link #KEPT} with their
 * sentences, the rest counted. A list of 400,000 ids that all named nothing (1.2 MB of JSON) made as many
 * sentences, 10 s of a core and a problem of 37 MB.
 */
public final class Violations {

  /** How many broken rules are kept with their sentence; past them they are only counted. */
  public static final int KEPT = 100;

  private final List<Violation> found = new ArrayList<>();
  private int total;

  /** Records {@code message} for {@code field} unless {@code holds}. */
  public Violations check(boolean holds, String field, String message) {
    if (!holds && ++total <= KEPT) {
      found.add(new Violation(field, message));
    }
    return this;
  }

  /**
   * Records the sentence {@code key} of the bundle {@code i18n/messages/<bundle>} for {@code field} unless
   * {@code holds}, in the reader's language (English outside a request); for code that holds no message source.
   */
  public Violations check(boolean holds, String field, String bundle, String key, Object... args) {
    if (!holds && ++total <= KEPT) {
      found.add(new Violation(field, Sentences.said(bundle, key, args)));
    }
    return this;
  }

  /**
   * Records that {@code text} is longer than {@code max} characters (code points, {@link CodePoints}; its column) for {@code field}: a desk's own check,
   * so that every channel (a page's parameter, the API's record, any new one) names the field before the database
   * refuses the value naming none.
   */
  public Violations length(String text, int max, String field) {
    return check(CodePoints.atMost(text, max), field, "web", "web.text.length", max, CodePoints.count(text));
  }

  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidInputException(found, total);
    }
  }
}
