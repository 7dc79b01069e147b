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
}
