package org.plenary.contribution;

import java.util.Locale;

/**
 * Which channel asked the desk for a number or an upload: the label of its metrics, a set this
 * enum bounds. {@code OTHER} is a caller inside the server (demo data, tests).
 */
public enum UploadChannel {
  WEB, API, FTP, OTHER;

  /** The metrics label: {@code web}, {@code api}, {@code ftp}, {@code other}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
