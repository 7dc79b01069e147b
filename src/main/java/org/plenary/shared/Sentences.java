package org.plenary.shared;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import org.springframework.context.MessageSourceResolvable;

/** The English sentence of a bundle key, for the message of an exception that a reader sees in their language. */
final class Sentences {

  private Sentences() {
  }

  /**
   * Numbers are given as text, so that no language groups the digits of a code or a year; a text quoted back is
   * clamped ({@link Echoed}).
   */
  static Object[] plain(Object[] args) {
    return Echoed.clamped(Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray());
  }

  /** {@code key} of {@code i18n/messages/<bundle>} in the current request's language, else in English. */
  static String said(String bundle, String key, Object[] args) {
    Object[] plain = plain(args);
    return Words.said(new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {key}, plain,
        english(bundle, key, plain)));
  }

  /** {@code key} of {@code i18n/messages/<bundle>} in English with {@code args}, as the message source formats it. */
  static String english(String bundle, String key, Object[] args) {
    var words = ResourceBundle.getBundle(MessageBundles.FOLDER.replace('/', '.') + bundle, Locale.ROOT,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Object[] english = Arrays.stream(args)
        .map(a -> a instanceof MessageSourceResolvable r ? r.getDefaultMessage() : a).toArray();
    // As the message source does: a sentence without arguments is not a MessageFormat pattern.
    return english.length == 0 ? words.getString(key) : new MessageFormat(words.getString(key), Locale.ENGLISH).format(english);
  }
}
