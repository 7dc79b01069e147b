package org.plenary.visa;

import org.plenary.shared.RefusedException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A visa-support rule refused the request; the status says how. The sentence is a key of the {@code visa} bundle with its
 * arguments, said in the reader's language ({@code messageSource.getMessage(refusal, locale)});
 * {@link #getMessage()} is the English sentence.
 */
public class VisaRefusedException extends RefusedException {

  private VisaRefusedException(int httpStatus, String key, Object[] args) {
    super(httpStatus, "visa", key, args);
  }

  /** Refuses with the sentence {@code key} of the bundle; numbers are given as text. */
  public static VisaRefusedException of(int httpStatus, String key, Object... args) {
    return new VisaRefusedException(httpStatus, key, args);
  }

  /** A word of the root bundle (a status), for an argument: "approved", "approuvée". */
  static MessageSourceResolvable word(String key, String english) {
    return new DefaultMessageSourceResolvable(new String[] {key}, english);
  }
}
