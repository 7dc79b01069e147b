package org.plenary.registration;

import org.plenary.shared.RefusedException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A registration rule refused the request; the status says how (403 closed or not allowed, 404, 409 twice). The sentence is a key of the {@code registration} bundle with its
 * arguments, said in the reader's language ({@code messageSource.getMessage(refusal, locale)});
 * {@link #getMessage()} is the English sentence.
 */
public class RegistrationRefusedException extends RefusedException {

  private RegistrationRefusedException(int httpStatus, String key, Object[] args) {
    super(httpStatus, "registration", key, args);
  }

  /** Refuses with the sentence {@code key} of the bundle; numbers are given as text. */
  public static RegistrationRefusedException of(int httpStatus, String key, Object... args) {
    return new RegistrationRefusedException(httpStatus, key, args);
  }

  /** A word of the root bundle (a status), for an argument: "approved", "approuvée". */
  static MessageSourceResolvable word(String key, String english) {
    return new DefaultMessageSourceResolvable(new String[] {key}, english);
  }
}
