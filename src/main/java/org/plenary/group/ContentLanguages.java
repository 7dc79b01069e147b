package org.plenary.group;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.plenary.shared.Languages;

/**
 * Picks which language of a piece of content a reader sees: theirs when the content was given in
 * it, else the group's working language. Translations are keyed by the language's tag ("fr").
 */
public final class ContentLanguages {

  private ContentLanguages() {}

  /** The supported language a working language written as text names ("English", "français", "fr"), else English. */
  public static Locale of(String workingLanguage) {
    if (workingLanguage == null || workingLanguage.isBlank()) {
      return Languages.DEFAULT;
    }
    String text = workingLanguage.strip();
    Optional<Locale> byTag = text.length() <= 3 ? Languages.supported(text) : Optional.empty();
    return byTag.orElseGet(() -> Languages.SUPPORTED.stream()
        .filter(l -> l.getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(text)
            || l.getDisplayLanguage(l).equalsIgnoreCase(text))
        .findFirst().orElse(Languages.DEFAULT));
  }

  /** The tag a translation is stored under, or empty when {@code tag} is not one of the six languages. */
  public static Optional<String> key(String tag) {
    return Languages.supported(tag).map(Locale::getLanguage);
  }

  /** {@code original} (in {@code working}) or its translation into {@code reader}'s language, when given. */
  public static <T, V> Shown<V> pick(V original, Locale working, Map<String, T> translations,
      Function<T, V> value, Locale reader) {
    String wanted = Languages.nearest(reader).getLanguage();
    if (!wanted.equals(working.getLanguage())) {
      T translation = translations.get(wanted);
      V translated = translation == null ? null : value.apply(translation);
      if (translated != null && !(translated instanceof String s && s.isBlank())) {
        return new Shown<>(translated, Languages.nearest(reader), false);
      }
    }
    return new Shown<>(original, working, !wanted.equals(working.getLanguage()));
  }
}
