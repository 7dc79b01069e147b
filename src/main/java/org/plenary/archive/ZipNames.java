package org.plenary.archive;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a careful unzip applies to an entry's name, shared by the ZIPs Plenary writes (which must
 * never break them) and the ZIPs {@code verify} reads (which may).
 */
final class ZipNames {

  private ZipNames() {}

  /**
   * Why an unzip would refuse {@code name} or write it outside the folder it unpacks into, in a line
   * starting {@code unsafe:}; empty when the name is a plain relative path.
   */
  static Optional<String> problem(String name) {
    String why = null;
    if (name.isEmpty()) {
      why = "an empty name";
    } else if (name.startsWith("/") || name.length() > 1 && name.charAt(1) == ':') {
      why = "an absolute path, which an unzip writes outside its folder or refuses";
    } else if (name.indexOf('\\') >= 0) {
      why = "a backslash, which Windows reads as a folder separator";
    } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      why = "a control character";
    } else {
      for (String segment : name.split("/", -1)) {
        if (segment.equals("..") || segment.equals(".")) {
          why = "a \"" + segment + "\" step, which an unzip follows out of its folder or refuses";
          break;
        }
      }
    }
    return Optional.ofNullable(why).map(reason -> "unsafe: " + name.replaceAll("\\p{Cntrl}", "?") + " (" + reason + ")");
  }

  /**
   * The name as a file system that ignores case and normalisation (Windows, macOS) and drops trailing
   * dots and spaces (Windows) sees it: two entries alike here become one file when unzipped there.
   */
  static String folded(String name) {
    String normal = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    var folded = new StringBuilder();
    for (String segment : normal.split("/", -1)) {
      folded.append(folded.isEmpty() ? "" : "/").append(segment.replaceAll("[. ]+$", ""));
    }
    return folded.toString();
  }
}
