package org.plenary.search;

/** A file whose text cannot be read at all; the message is the reason readers are shown. */
final class UnreadableException extends Exception {

  UnreadableException(String reason) {
    super(reason);
  }

  UnreadableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
