package org.plenary.group;

import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Names a content language in the page's language ("fr" → "French", "français"), as {@code @contentLanguages}. */
@Component("contentLanguages")
public class ContentLanguageNames {

  public String name(String tag) {
    return Locale.forLanguageTag(tag).getDisplayLanguage(LocaleContextHolder.getLocale());
  }

  /** {@link #typed(String, Locale)} for the reader, in templates. */
  public String typed(String text) {
    return typed(text, LocaleContextHolder.getLocale());
  }

  /**
   * A working language typed by its English name ("English", as meetings and groups hold it) named in
   * {@code locale} ("anglais", "英语", "الإنجليزية"); anything else (several languages, another wording) as typed.
   */
  public static String typed(String text, Locale locale) {
    String name = text == null ? "" : text.strip();
    return java.util.Arrays.stream(Locale.getISOLanguages()).map(Locale::of)
        .filter(l -> l.getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(name)).findFirst()
        .map(l -> l.getDisplayLanguage(locale)).orElse(text);
  }

  /** The language's name in itself, for a link to that version of a text: "Français", "中文". */
  public String nameInItself(String tag) {
    return org.plenary.shared.Languages.nativeName(Locale.forLanguageTag(tag));
  }
}
