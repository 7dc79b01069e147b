package org.plenary.group;

import java.util.Locale;

/**
 * A piece of content as a page shows it to a reader: in the reader's language when it was given in
 * it, else in the group's working language ({@code fallback}). The page puts {@link #lang()} on the
 * element that holds it and, when it fell back, says so in the reader's language.
 */
public record Shown<T>(T value, Locale language, boolean fallback) {

  /** The BCP 47 tag for the element's {@code lang} attribute. */
  public String lang() {
    return language.toLanguageTag();
  }
}
