package org.plenary.registration;

import org.plenary.shared.RefusedException;

/** A registration rule refused the request; the status says how (403 closed or not allowed, 404, 409 twice). */
public class RegistrationRefusedException extends RefusedException {

  public RegistrationRefusedException(int httpStatus, String message) {
    super(httpStatus, message);
  }
}
