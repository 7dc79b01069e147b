package org.plenary.shared;

import java.util.Arrays;

/**
 * A value a problem, a field error or a refusal quotes back to the one who sent it, clamped to
 * {@value #KEPT} characters and an ellipsis: a {@code cursor} of 5,000 characters came back whole in the problem's
 * sentence (and in every log line that wrote it). The sentence names the value; the sender still has it whole.
 * Every sentence with arguments goes through here: {@link Sentences} (the domain's refusals and field errors) and
 * the web layer's problems ({@code web.Problems}).
 */
public final class Echoed {

  /** How many characters (code points) of a quoted value a sentence keeps. */
  public static final int KEPT = 100;

  private Echoed() {
  }

  /** {@code text} whole when it is at most {@value #KEPT} characters, else its first ones and "…". */
  public static String clamp(String text) {
    return CodePoints.atMost(text, KEPT) ? text : CodePoints.first(text, KEPT) + "…";
  }

  /** Each text of {@code args} clamped ({@link #clamp}); numbers, dates and the rest as they are. */
  public static Object[] clamped(Object[] args) {
    return args == null ? null
        : Arrays.stream(args).map(a -> a instanceof CharSequence text ? clamp(text.toString()) : a).toArray();
  }
}
