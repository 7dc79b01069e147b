package org.plenary.shared;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Parts of a text joined as the reader's language punctuates a list, by the bundles' patterns: "Geneva, CICG" but
 * "جنيف، CICG" and "日内瓦，CICG"; clauses with "; ", "\u202f; " in French, "؛ " in Arabic, "；" in Chinese; names
 * enumerated with "、" in Chinese; an aside in the language's parentheses, "Geneva (CICG)" but "日内瓦（CICG）". Every
 * text Java writes for a reader joins its parts this way, never with a literal {@code ", "}, {@code "; "} or
 * {@code " ("} (see {@link Labelled} for a label and its value). Empty and null parts are left out.
 */
public final class Listed {

  /** Parts of one thing (a venue and its address, a zone's name and id): {@code {0}, {1}}. */
  public static final String PARTS = "web.listed";
  /** Clauses or entries of a different kind, one after the other: {@code {0}; {1}}. */
  public static final String CLAUSES = "web.clauses";
  /** Items of one kind enumerated (names, hotels): {@code {0}, {1}}, {@code {0}、{1}} in Chinese. */
  public static final String ITEMS = "web.enumerated";
  /** A text and an aside about it (an acronym, a zone, a status): {@code {0} ({1})}, {@code {0}（{1}）} in Chinese. */
  public static final String ASIDE = "web.aside";

  /** The bundles, for code that holds no message source (a static formatter). */
  static final class Bundles {
    static final MessageSource MESSAGES = new MessageBundles().messageSource();
  }

  private Listed() {}

  /** {@code parts} joined with {@code key}'s pattern in {@code locale}. */
  public static String join(MessageSource messages, Locale locale, String key, Collection<String> parts) {
    String joined = null;
    for (String part : parts) {
      if (part == null || part.isBlank()) {
        continue;
      }
      joined = joined == null ? part : messages.getMessage(key, new Object[] {joined, part},
          locale == null ? Languages.DEFAULT : locale);
    }
    return joined == null ? "" : joined;
  }

  /** Parts of one thing ({@link #PARTS}). */
  public static String parts(MessageSource messages, Locale locale, String... parts) {
    return join(messages, locale, PARTS, Arrays.asList(parts));
  }

  /** {@link #parts(MessageSource, Locale, String...)} from the application's bundles. */
  public static String parts(Locale locale, String... parts) {
    return parts(Bundles.MESSAGES, locale, parts);
  }

  /** Clauses ({@link #CLAUSES}). */
  public static String clauses(MessageSource messages, Locale locale, Collection<String> clauses) {
    return join(messages, locale, CLAUSES, clauses);
  }

  /** {@link #clauses(MessageSource, Locale, Collection)} from the application's bundles. */
  public static String clauses(Locale locale, Collection<String> clauses) {
    return clauses(Bundles.MESSAGES, locale, clauses);
  }

  /** Items of one kind ({@link #ITEMS}). */
  public static String items(MessageSource messages, Locale locale, Collection<String> items) {
    return join(messages, locale, ITEMS, items);
  }

  /** {@code text} with {@code aside} in the language's parentheses ({@link #ASIDE}); {@code text} alone without one. */
  public static String aside(MessageSource messages, Locale locale, String text, String aside) {
    return join(messages, locale, ASIDE, Arrays.asList(text, aside));
  }

  /** {@link #aside(MessageSource, Locale, String, String)} from the application's bundles. */
  public static String aside(Locale locale, String text, String aside) {
    return aside(Bundles.MESSAGES, locale, text, aside);
  }

  /** {@link #items(MessageSource, Locale, Collection)} from the application's bundles. */
  public static String items(Locale locale, Collection<String> items) {
    return items(Bundles.MESSAGES, locale, items);
  }
}
