package org.plenary.search;

import java.io.IOException;
import java.io.Writer;

/**
 * Collects extracted text up to a number of characters and until a deadline. Extractors write into
 * it; past the cap it keeps what it has and stops the extractor, past the deadline it stops it with
 * the reason, so a hostile file cannot fill the heap or hold the indexer.
 */
final class BoundedText extends Writer {

  /** Thrown into the extractor to stop it; {@link #reason()} says why. */
  static final class Stop extends IOException {
    Stop(String reason) {
      super(reason);
    }
  }

  private final StringBuilder text = new StringBuilder();
  private final int maxChars;
  private final long deadlineNanos;
  private String note;

  BoundedText(int maxChars, long deadlineNanos) {
    this.maxChars = maxChars;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new Stop("took too long to read; only its beginning is searchable");
    }
    int room = maxChars - text.length();
    if (length > room) {
      text.append(chars, offset, Math.max(room, 0));
      note = "longer than " + String.format("%,d", maxChars) + " characters; only its beginning is searchable";
      throw new Stop(note);
    }
    text.append(chars, offset, length);
  }

  /** Separates the text of two parts (slides, entries of an archive). */
  void paragraph() throws IOException {
    write("\n");
  }

  boolean full() {
    return text.length() >= maxChars;
  }

  /** Why the text is not complete, or null. */
  String note() {
    return note;
  }

  void note(String note) {
    this.note = note;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
