package org.plenary.ftp;

import java.util.Arrays;
import java.util.Locale;
import org.plenary.shared.Languages;
import org.springframework.context.MessageSource;

/**
 * The sentences of a session in its language (RFC 2640 {@code LANG}), English until the client
 * asks for another. Numbers are given as they are written in the protocol (no grouping, Latin
 * digits), so a byte count or a port reads the same in every language.
 */
record FtpWords(MessageSource messages, Locale locale) {

  static FtpWords english(MessageSource messages) {
    return new FtpWords(messages, Languages.DEFAULT);
  }

  String say(String key, Object... args) {
    Object[] plain = Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray();
    return messages.getMessage(key, plain, locale);
  }
}
