package org.plenary.shared;

import java.util.NoSuchElementException;
import org.springframework.context.MessageSourceResolvable;

/**
 * Nothing has that name or number (404): the sentence is a key of a module's bundle with its
 * arguments, said in the reader's language by pages and the API; {@link #getMessage()} is English.
 */
public class UnknownException extends NoSuchElementException implements MessageSourceResolvable {

  private final String key;
  private final Object[] args;

  /** The sentence {@code key} of the bundle {@code i18n/messages/<bundle>}, with its arguments. */
  public UnknownException(String bundle, String key, Object... args) {
    super(Sentences.english(bundle, key, Sentences.plain(args)));
    this.key = key;
    this.args = Sentences.plain(args);
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
