package org.plenary.notification;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** The sentences of a mail in its recipient's language, from the {@code notification} bundle. */
record MailWords(MessageSource messages, Locale locale) {

  /** A subject and a body. */
  record Letter(String subject, String body) {}

  /** A sentence carried as codes and arguments (a circular's title), in the recipient's language. */
  String say(org.springframework.context.MessageSourceResolvable sentence) {
    return messages.getMessage(sentence, locale);
  }

  String say(String key, Object... args) {
    Object[] plain = Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray();
    return messages.getMessage(key, plain, locale);
  }

  Letter letter(String key, Object[] subjectArgs, Object... bodyArgs) {
    return new Letter(say(key + ".subject", subjectArgs), say(key + ".body", bodyArgs));
  }

  /** A day in the recipient's language: "7 June 2010", "7 juin 2010", "2010年6月7日". */
  String date(LocalDate date) {
    return "en".equals(locale.getLanguage()) ? DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(date)
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
  }

  /** The days of a meeting as pages write them in the recipient's language: "14–16 June 2040", "14–16 juin 2040". */
  String dates(org.plenary.meeting.Meeting meeting) {
    return meeting.dates(locale);
  }
}
