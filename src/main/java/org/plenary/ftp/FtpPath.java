package org.plenary.ftp;

import java.util.ArrayList;
import java.util.List;

/**
 * A canonical path in the gateway's tree, as segments from the root. Resolving an argument never
 * leaves the root ({@code ..} stops there, as in a chroot) and refuses what is not a plain path:
 * backslashes, control characters, {@code ~}.
 */
record FtpPath(List<String> segments) {

  static final FtpPath ROOT = new FtpPath(List.of());
  /** The longest path argument, in characters (code points). */
  static final int MAX_LENGTH = 1024;

  /** The path {@code argument} names when the current folder is this one; empty when it is not a path. */
  java.util.Optional<FtpPath> resolve(String argument) {
    if (argument == null || argument.isEmpty()) {
      return java.util.Optional.of(this);
    }
    if (ArgumentBounds.longer(argument, MAX_LENGTH) || argument.startsWith("~") || argument.indexOf('\\') >= 0
        || argument.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
      return java.util.Optional.empty();
    }
    List<String> result = new ArrayList<>(argument.startsWith("/") ? List.of() : segments);
    for (String segment : argument.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!result.isEmpty()) {
          result.remove(result.size() - 1);
        }
      } else {
        result.add(segment);
      }
    }
    return java.util.Optional.of(new FtpPath(List.copyOf(result)));
  }

  FtpPath parent() {
    return segments.isEmpty() ? this : new FtpPath(segments.subList(0, segments.size() - 1));
  }

  String name() {
    return segments.isEmpty() ? "/" : segments.get(segments.size() - 1);
  }

  int depth() {
    return segments.size();
  }

  String segment(int index) {
    return segments.get(index);
  }

  @Override
  public String toString() {
    return "/" + String.join("/", segments);
  }
}
