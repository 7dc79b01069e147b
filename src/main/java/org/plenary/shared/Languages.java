package org.plenary.shared;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Plenary speaks: the six official languages of the United Nations, English first
 * (the fallback). Each is named in itself for a language switcher; Arabic is written right to left.
 */
public final class Languages {

  /** English, French, Spanish, Russian, Chinese, Arabic — in the UN's order, English the default. */
  public static final List<Locale> SUPPORTED = List.of(
      Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("es"), Locale.forLanguageTag("ru"),
      Locale.CHINESE, Locale.forLanguageTag("ar"));

  public static final Locale DEFAULT = Locale.ENGLISH;

  private Languages() {}

  /** The supported language a tag asks for ({@code fr-CH} → French), or empty when none matches. */
  public static Optional<Locale> supported(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
  }

  /** The supported language nearest to {@code locale}, else English. */
  public static Locale nearest(Locale locale) {
    return locale == null ? DEFAULT : supported(locale.toLanguageTag()).orElse(DEFAULT);
  }

  public static boolean rightToLeft(Locale locale) {
    return locale != null && "ar".equals(locale.getLanguage());
  }

  /** The language's name in itself: "Français", "Русский", "中文", "العربية". */
  public static String nativeName(Locale locale) {
    String name = locale.getDisplayLanguage(locale);
    return name.isEmpty() ? locale.toLanguageTag() : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
  }
}
