package org.plenary.registration;

/** A registration rule refused the request; the status says how (403 closed or not allowed, 404, 409 twice). */
public class RegistrationRefusedException extends RuntimeException {

  private final int httpStatus;

  public RegistrationRefusedException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
