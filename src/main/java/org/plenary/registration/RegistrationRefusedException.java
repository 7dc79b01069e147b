package org.plenary.registration;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import org.plenary.shared.RefusedException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A registration rule refused the request; the status says how (403 closed or not allowed, 404, 409 twice). The sentence is a key of the {@code registration} bundle with its
 * arguments, said in the reader's language ({@code messageSource.getMessage(refusal, locale)});
 * {@link #getMessage()} is the English sentence.
 */
public class RegistrationRefusedException extends RefusedException implements MessageSourceResolvable {

  private final String key;
  private final Object[] args;

  /** A sentence already written (in English): said as it is in every language. */
  public RegistrationRefusedException(int httpStatus, String message) {
    super(httpStatus, message);
    this.key = null;
    this.args = new Object[0];
  }

  private RegistrationRefusedException(int httpStatus, String key, Object[] args) {
    super(httpStatus, english(key, args));
    this.key = key;
    this.args = args;
  }

  /** Refuses with the sentence {@code key} of the bundle; numbers are given as text. */
  public static RegistrationRefusedException of(int httpStatus, String key, Object... args) {
    return new RegistrationRefusedException(httpStatus, key, Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray());
  }

  /** A word of the root bundle (a status), for an argument: "approved", "approuvée". */
  static MessageSourceResolvable word(String key, String english) {
    return new DefaultMessageSourceResolvable(new String[] {key}, english);
  }

  private static String english(String key, Object[] args) {
    var words = ResourceBundle.getBundle("i18n.messages.registration", Locale.ROOT,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Object[] plain = Arrays.stream(args)
        .map(a -> a instanceof MessageSourceResolvable r ? r.getDefaultMessage() : a).toArray();
    // As the message source does: a sentence without arguments is not a MessageFormat pattern.
    return plain.length == 0 ? words.getString(key) : new MessageFormat(words.getString(key), Locale.ENGLISH).format(plain);
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
