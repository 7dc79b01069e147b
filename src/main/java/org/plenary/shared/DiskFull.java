package org.plenary.shared;

import java.io.IOException;

/**
 * Recognises a write refused because the disk (or the user's quota) is full, wherever it surfaced,
 * so that every channel answers it the same way: HTTP 507, FTP 552, with the sentence {@link #SENTENCE}
 * (a key of the {@code common} bundle) in the reader's language.
 */
public final class DiskFull {

  /** The bundle key of what a client is told: nothing of the upload was kept. */
  public static final String SENTENCE = "common.unavailable.diskFull";

  private DiskFull() {}

  /** Whether {@code error} or one of its causes is the operating system's "no space" or "quota exceeded". */
  public static boolean causedBy(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof IOException && cause.getMessage() != null
          && (cause.getMessage().contains("No space left on device") || cause.getMessage().contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }
}
