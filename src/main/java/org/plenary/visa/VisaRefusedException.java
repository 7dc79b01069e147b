package org.plenary.visa;

import org.plenary.shared.RefusedException;

/** A visa-support rule refused the request; the status says how (403, 404, 409). */
public class VisaRefusedException extends RefusedException {

  public VisaRefusedException(int httpStatus, String message) {
    super(httpStatus, message);
  }
}
