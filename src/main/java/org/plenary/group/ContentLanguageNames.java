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

  /** The language's name in itself, for a link to that version of a text: "Français", "中文". */
  public String nameInItself(String tag) {
    return org.plenary.shared.Languages.nativeName(Locale.forLanguageTag(tag));
  }
}
