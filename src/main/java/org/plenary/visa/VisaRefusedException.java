package org.plenary.visa;

/** A visa-support rule refused the request; the status says how (403, 404, 409). */
public class VisaRefusedException extends RuntimeException {

  private final int httpStatus;

  public VisaRefusedException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
