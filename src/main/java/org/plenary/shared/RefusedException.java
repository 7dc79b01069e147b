package org.plenary.shared;

import org.springframework.context.MessageSourceResolvable;

/**
 * A rule refused what someone asked, with the HTTP status that says how (403 not allowed, 404
 * unknown, 409 not now, …) and a sentence for them. Pages and the API show every subclass alike:
 * the sentence is always a key of a module's bundle, said in the reader's language
 * ({@code messageSource.getMessage(refusal, locale)}); {@link #getMessage()} is the English sentence
 * (for logs). There is deliberately no constructor taking a sentence already written.
 */
public abstract class RefusedException extends RuntimeException implements MessageSourceResolvable {

  private final int httpStatus;
  private final String key;
  private final Object[] args;

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

  /** Members the API's problem carries beside {@code title} and {@code detail} (codes and data, never sentences to translate). */
  public java.util.Map<String, Object> problemProperties() {
    return java.util.Map.of();
  }

  @Override
  public String[] getCodes() {
    return new String[] {key};
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
