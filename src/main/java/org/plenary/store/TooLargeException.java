package org.plenary.store;

/** The bytes went past the size limit; nothing was kept. */
public class TooLargeException extends RuntimeException {

  private final long limit;

  public TooLargeException(long limit) {
    super("The file is larger than the limit of " + limit + " bytes.");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
