package org.plenary.shared;

import java.util.Optional;

/**
 * The one test a redirect built from what a request carries (a form's {@code back}, the page saved before
 * sign-in) passes before it becomes a {@code Location}: a path on this site, never another site's address.
 * Browsers read {@code //host}, {@code /\host}, a tab or a backslash anywhere as the start of another site's
 * address, and a line break in a header splits it; dot segments walk out of the prefix a caller asked for.
 * Anything of the kind is refused rather than repaired, and the caller goes to its own default.
 */
public final class SitePaths {

  private SitePaths() {}

  /**
   * {@code path} when it is a plain path on this site under {@code prefix} (a path ending in {@code /}, or
   * {@code "/"} for any), else empty. The path may carry a query; it may not carry a scheme, a host, a
   * backslash, a control character, an empty segment, a percent-encoded slash or backslash, or a dot segment.
   */
  public static Optional<String> under(String prefix, String path) {
    if (path == null || !path.startsWith(prefix) || !path.startsWith("/") || path.startsWith("//")) {
      return Optional.empty();
    }
    int query = path.indexOf('?');
    String onlyPath = (query < 0 ? path : path.substring(0, query)).toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\' || (c >= 0x80 && Character.isWhitespace(c))) {
        return Optional.empty();
      }
    }
    if (onlyPath.contains("//") || onlyPath.contains("%2f") || onlyPath.contains("%5c") || onlyPath.contains("%0")
        || onlyPath.contains("%2e") || onlyPath.contains("/./") || onlyPath.contains("/../")
        || onlyPath.endsWith("/.") || onlyPath.endsWith("/..")) {
      return Optional.empty();
    }
    return Optional.of(path);
  }
}
