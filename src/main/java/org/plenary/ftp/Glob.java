package org.plenary.ftp;

/**
 * The shell patterns clients send in LIST and NLST ({@code mget *.pdf}): {@code *} any run of
 * characters, {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!a]} one of a set.
 * Matched in time proportional to pattern × name at worst (no regular expression, no backtracking
 * blow-up for a hostile pattern).
 */
final class Glob {

  private Glob() {}

  /** Whether a name is a pattern rather than a plain name. */
  static boolean isPattern(String name) {
    return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
  }

  static boolean matches(String pattern, String name) {
    int p = 0;
    int n = 0;
    int starP = -1;
    int starN = 0;
    while (n < name.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starN = n;
        continue;
      }
      int next = p < pattern.length() ? one(pattern, p, name.charAt(n)) : -1;
      if (next >= 0) {
        p = next;
        n++;
      } else if (starP >= 0) {
        p = starP + 1;
        n = ++starN;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
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
