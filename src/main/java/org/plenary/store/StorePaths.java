package org.plenary.store;

/** The shape every store path has, whatever the store: relative, forward slashes, no way out. */
final class StorePaths {

  private StorePaths() {
  }

  static String check(String path) {
    if (path == null || path.isEmpty() || path.contains("\\") || path.contains("\0") || path.contains("\n")
        || path.contains("\t") || path.startsWith("/")) {
      throw new IllegalArgumentException("Not a store path: " + path);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("Outside the store: " + path);
      }
    }
    return path;
  }
}
