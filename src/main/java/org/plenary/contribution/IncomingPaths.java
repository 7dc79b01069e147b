package org.plenary.contribution;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where a version waiting in a group's incoming folder lies in the document store: a path of its own,
 * never reused, decided when its upload is staged ({@code t/fg/cloud/docs/incoming/FG-Cloud-I-0001~<24
 * hex digits>.pdf}). A replacement so never puts other bytes at the path a reader looked up: the version
 * it found stays at its path until it moves to the history, and the new one arrives at another. The
 * folder's name for the file (over HTTP, FTP, in listings and the register) stays the one the delegate
 * sent; only the register's store path carries the mark. Files stored before under the bare name keep it.
 */
final class IncomingPaths {

  private static final SecureRandom RANDOM = new SecureRandom();

  private IncomingPaths() {
  }

  /** A new store path for a version of {@code fileName} in the group's incoming folder. */
  static String newVersion(String slug, String fileName) {
    byte[] mark = new byte[12];
    RANDOM.nextBytes(mark);
    int dot = fileName.lastIndexOf('.');
    String base = dot < 0 ? fileName : fileName.substring(0, dot);
    String extension = dot < 0 ? "" : fileName.substring(dot);
    return folder(slug) + base + "~" + HexFormat.of().formatHex(mark) + extension;
  }

  /** The store folder of the group's incoming versions, with its final slash. */
  static String folder(String slug) {
    return "t/fg/" + slug + "/docs/incoming/";
  }
}
