package org.plenary.ftp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The shell patterns clients send in LIST, NLST and STAT ({@code mget *.pdf}): {@code *} any run
 * of characters, {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!a]} one of a
 * set. A pattern is read once per command and then matched against each name of the folder by
 * following every place the pattern could have reached at once (its positions as bits, as agrep
 * does), so a name costs one step per character and per 64 pattern positions, and a pattern that
 * needs more characters than the name has costs nothing: a hostile {@code *a*a*a…} or
 * {@code *aaa…ab} of a kibibyte over a folder of 100,000 documents no longer costs seconds of a
 * worker in backtracking on each {@code *}.
 * One command's matcher: not shared between threads.
 */
final class Glob {

  /** The characters whose matching positions were worked out; a name's alphabet is small, a hostile one is not kept. */
  private static final int KEPT_CHARACTERS = 4096;

  private final String pattern;
  private final int[] starts;
  private final int positions;
  private final int words;
  private final long[] stars;
  private final int shortest;
  private final boolean fixed;
  private final Map<Character, long[]> accepting = new HashMap<>();
  private long steps;

  private Glob(String pattern) {
    this.pattern = pattern;
    var tokens = new ArrayList<Integer>();
    for (int p = 0; p < pattern.length(); p = end(p)) {
      boolean star = pattern.charAt(p) == '*';
      if (!star || tokens.isEmpty() || pattern.charAt(tokens.getLast()) != '*') {
        tokens.add(p);
      }
    }
    this.starts = tokens.stream().mapToInt(Integer::intValue).toArray();
    this.positions = starts.length;
    this.words = positions / 64 + 1;
    this.stars = new long[words];
    int starCount = 0;
    for (int i = 0; i < positions; i++) {
      if (pattern.charAt(starts[i]) == '*') {
        stars[i >>> 6] |= 1L << i;
        starCount++;
      }
    }
    this.shortest = positions - starCount;
    this.fixed = starCount == 0;
  }

  /** The pattern, read once for all the names it is matched against. */
  static Glob of(String pattern) {
    return new Glob(pattern);
  }

  /** Whether a name is a pattern rather than a plain name. */
  static boolean isPattern(String name) {
    return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
  }

  /** Whether the whole name matches the pattern. */
  boolean matches(String name) {
    // Each position other than a star takes one character: a longer pattern never matches.
    if (name.length() < shortest || fixed && name.length() != shortest) {
      return false;
    }
    long[] reached = new long[words];
    reached[0] = 1L;
    closeOverStars(reached);
    for (int n = 0; n < name.length(); n++) {
      long[] accept = accepting(name.charAt(n));
      boolean any = false;
      long carry = 0;
      for (int w = 0; w < words; w++) {
        long moved = reached[w] & accept[w];
        long next = (moved << 1) | carry | (reached[w] & stars[w]);
        carry = moved >>> 63;
        reached[w] = next;
        any |= next != 0;
        steps++;
      }
      if (!any) {
        return false;
      }
      closeOverStars(reached);
    }
    return (reached[positions >>> 6] & (1L << positions)) != 0;
  }

  /** Word operations spent matching so far: a name costs its length times the pattern's words. */
  long steps() {
    return steps;
  }

  int words() {
    return words;
  }

  /** A {@code *} matches nothing too: reaching it reaches the position after it (stars are never adjacent). */
  private void closeOverStars(long[] reached) {
    long carry = 0;
    for (int w = 0; w < words; w++) {
      long atStar = reached[w] & stars[w];
      long next = reached[w] | (atStar << 1) | carry;
      carry = atStar >>> 63;
      reached[w] = next;
    }
  }

  /** The positions whose token takes this character (never a star: a star keeps its own bit). */
  private long[] accepting(char c) {
    long[] known = accepting.get(c);
    if (known != null) {
      return known;
    }
    long[] accept = new long[words];
    for (int i = 0; i < positions; i++) {
      int p = starts[i];
      if (pattern.charAt(p) != '*' && one(pattern, p, c) >= 0) {
        accept[i >>> 6] |= 1L << i;
      }
    }
    if (accepting.size() < KEPT_CHARACTERS) {
      accepting.put(c, accept);
    }
    return accept;
  }

  /** Where the token at pattern position {@code p} ends: after a set {@code [..]}, else after one character. */
  private int end(int p) {
    if (pattern.charAt(p) == '[') {
      int close = pattern.indexOf(']', p + 2);
      if (close > 0) {
        return close + 1;
      }
    }
    return p + 1;
  }

  /** Matches one character at pattern position {@code p}: the position after it, or -1. */
  private static int one(String pattern, int p, char c) {
    char first = pattern.charAt(p);
    if (first == '?') {
      return p + 1;
    }
    if (first == '[') {
      int close = pattern.indexOf(']', p + 2);
      if (close > 0) {
        int i = p + 1;
        boolean negated = pattern.charAt(i) == '!' || pattern.charAt(i) == '^';
        if (negated) {
          i++;
        }
        boolean found = false;
        for (; i < close; i++) {
          if (i + 2 < close && pattern.charAt(i + 1) == '-') {
            found |= c >= pattern.charAt(i) && c <= pattern.charAt(i + 2);
            i += 2;
          } else {
            found |= c == pattern.charAt(i);
          }
        }
        return found != negated ? close + 1 : -1;
      }
    }
    return first == c ? p + 1 : -1;
  }
}
