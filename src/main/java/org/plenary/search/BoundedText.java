package org.plenary.search;

import java.io.IOException;
import java.io.Writer;

/**
 * Collects extracted text up to a number of characters and until a deadline. Extractors write into
 * it; past the cap it keeps what it has and stops the extractor, past the deadline it stops it with
 * the reason, so a hostile file cannot fill the heap or hold the indexer.
 */
final class BoundedText extends Writer {

  /** Thrown into the extractor to stop it; {@link #problem()} says why. */
  static final class Stop extends IOException {
    private final ReadProblem problem;

    Stop(ReadProblem problem) {
      super(problem.code());
      this.problem = problem;
    }

    ReadProblem problem() {
      return problem;
    }
  }

  private final StringBuilder text = new StringBuilder();
  private final int maxChars;
  private final long deadlineNanos;
  private ReadProblem note;

  BoundedText(int maxChars, long deadlineNanos) {
    this.maxChars = maxChars;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new Stop(ReadProblem.of("slow"));
    }
    int room = maxChars - text.length();
    if (length > room) {
      text.append(chars, offset, Math.max(room, 0));
      // Never half a character at the cut: the first half of a pair whose second half is cut off is left out.
      text.setLength(org.plenary.shared.CodePoints.wholeEnd(text, text.length()));
      note = ReadProblem.of("tooLong", maxChars);
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
  ReadProblem note() {
    return note;
  }

  void note(ReadProblem note) {
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
