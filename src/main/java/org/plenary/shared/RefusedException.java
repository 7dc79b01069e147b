package org.plenary.shared;

/**
 * A rule refused what someone asked, with the HTTP status that says how (403 not allowed, 404
 * unknown, 409 not now, …) and a sentence for them. Pages and the API show every subclass alike.
 */
public abstract class RefusedException extends RuntimeException {

  private final int httpStatus;

  protected RefusedException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
