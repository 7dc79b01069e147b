package org.plenary.shared;

import org.springframework.context.MessageSourceResolvable;

/**
 * A rule refused what someone asked, with the HTTP status that says how (403 not allowed, 404
 * unknown, 409 not now, …) and a sentence for them. Pages and the API show every subclass alike:
 * a refusal made with a key of a module's bundle is said in the reader's language
 * ({@code messageSource.getMessage(refusal, locale)}); {@link #getMessage()} is the English sentence.
 */
public abstract class RefusedException extends RuntimeException implements MessageSourceResolvable {

  private final int httpStatus;
  private final String key;
  private final Object[] args;

  /** A sentence already written: said as it is in every language. */
  protected RefusedException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.key = null;
    this.args = new Object[0];
  }

  /** The sentence {@code key} of the bundle {@code i18n/messages/<bundle>}, with its arguments. */
  protected RefusedException(int httpStatus, String bundle, String key, Object... args) {
    super(Sentences.english(bundle, key, Sentences.plain(args)));
    this.httpStatus = httpStatus;
    this.key = key;
    this.args = Sentences.plain(args);
  }

  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public String[] getCodes() {
    return key == null ? null : new String[] {key};
  }

  @Override
  public Object[] getArguments() {
    return args.clone();
  }

  @Override
  public String getDefaultMessage() {
    return getMessage();
  }
}
