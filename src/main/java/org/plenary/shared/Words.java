package org.plenary.shared;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Sentences from the message bundles for Java code: {@link #get} in the reader's language (the
 * request's locale, English outside a request), {@link #in} in a recipient's (mails, PDFs).
 */
@Component
public class Words {

  private final MessageSource messages;

  public Words(MessageSource messages) {
    this.messages = messages;
  }

  /** The message in the language of the current request (English outside a request). */
  public String get(String key, Object... args) {
    return messages.getMessage(key, args, reader());
  }

  /** The message in {@code locale}. */
  public String in(Locale locale, String key, Object... args) {
    return messages.getMessage(key, args, locale == null ? Languages.DEFAULT : locale);
  }

  /** The words of a CSV export asked for with {@code lang} (see {@link CsvWords}). */
  public CsvWords csv(String lang) {
    return CsvWords.of(messages, lang);
  }

  /**
   * A sentence carried by a refusal or another exception ({@link RefusedException}, {@link UnknownException})
   * in the language of the current request, through the request's application context; its English
   * sentence outside a request. For code that holds no message source (a static helper of a controller).
   */
  public static String said(MessageSourceResolvable sentence) {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      var context = RequestContextUtils.findWebApplicationContext(request.getRequest());
      if (context != null) {
        return context.getMessage(sentence, reader());
      }
    }
    return sentence.getDefaultMessage();
  }

  /** The current request's locale (one of the six, or the pseudo-locale), else English. */
  public static Locale reader() {
    return LocaleContextHolder.getLocaleContext() == null || LocaleContextHolder.getLocaleContext().getLocale() == null
        ? Languages.DEFAULT : LocaleContextHolder.getLocaleContext().getLocale();
  }
}
