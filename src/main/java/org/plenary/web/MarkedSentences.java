package org.plenary.web;

import java.util.Locale;
import org.plenary.shared.Languages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * A translated sentence whose arguments are content in another language (a venue, a hotel, a term, all in the
 * group's working language), as {@code @marked} in templates: {@code th:utext="${@marked
 * .sentence('meeting.show.heading', @marked.in(working, group.acronym()), …)}"}. The whole sentence is
 * escaped; each marked argument is put in a {@code <span lang="…">} of its own, so that a screen reader reads the
 * English venue with an English voice and the Chinese sentence around it with a Chinese one. Marking the element
 * that holds the sentence would mark the translation English too.
 */
@Component("marked")
public final class MarkedSentences {

  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';

  private final MessageSource messages;

  MarkedSentences(MessageSource messages) {
    this.messages = messages;
  }

  /** A text in {@code language} (a locale or a language tag), to be passed to {@link #sentence}. */
  public Marked in(Object language, Object text) {
    String tag = language instanceof Locale locale ? locale.getLanguage() : String.valueOf(language);
    return new Marked(text == null ? "" : String.valueOf(text), tag);
  }

  /**
   * A text whose language nobody knows (a person's name, a document's title as typed), to be passed to
   * {@link #sentence}: put in a {@code <bdi>} without {@code lang}, isolated from the sentence around it, as the
   * layout shows such a text alone.
   */
  public Marked unknown(Object text) {
    return new Marked(text == null ? "" : String.valueOf(text), "");
  }

  /**
   * A code (a meeting's {@code 2702-gva}, a document's number), data in no language, to be passed to
   * {@link #sentence}: put in a {@code <span translate="no">} (neither translated nor read as the sentence's
   * language), isolated from the sentence around it on a right-to-left page.
   */
  public Marked code(Object text) {
    return new Marked(text == null ? "" : String.valueOf(text), CODE);
  }

  /** The language of {@link #code}'s texts: ISO 639's "no linguistic content". */
  private static final String CODE = "zxx";

  /**
   * The tag of {@code language} (a locale or a tag) where the reader's page is in another, else null: for
   * {@code th:lang} on a value shown alone (a breadcrumb's "FG Cloud"), as the layout's {@code data} fragment does.
   */
  public String other(Object language) {
    if (language == null) {
      return null;
    }
    String tag = in(language, "").language();
    return tag.equals(LocaleContextHolder.getLocale().getLanguage()) ? null : tag;
  }

  /** The language of a {@link Marked} text, null for any other value (a sentence in the reader's language). */
  public String languageOf(Object value) {
    return value instanceof Marked marked ? marked.language() : null;
  }

  /** {@code rtl} for a language written right to left, else {@code ltr}: for {@code dir} beside {@link #other}. */
  public String direction(String tag) {
    return Languages.rightToLeft(Locale.forLanguageTag(tag)) ? "rtl" : "ltr";
  }

  /**
   * Texts in {@code language} (related terms), to be passed to {@link #sentence} as one argument: enumerated with the
   * reader's separators ("a、b", "a، b"), each item in its own span, the separators outside them, in the reader's
   * language as the sentence around them is.
   */
  public MarkedItems items(Object language, java.util.Collection<?> items) {
    return new MarkedItems(items == null ? java.util.List.of()
        : items.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList(), in(language, "").language());
  }

  /** The message {@code key} in the reader's language, escaped, each {@link Marked} argument in a span with its lang. */
  public String sentence(String key, Object... arguments) {
    Locale reader = LocaleContextHolder.getLocale();
    boolean rightToLeft = Languages.rightToLeft(reader);
    Object[] placed = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      placed[i] = argument instanceof Marked ? OPEN + Integer.toString(i) + CLOSE
          : argument instanceof MarkedItems list ? org.plenary.shared.Listed.items(reader, placeholders(i, list))
          : rightToLeft && argument instanceof CharSequence text && leftToRight(text) ? isolated(text.toString()) : argument;
    }
    String escaped = HtmlUtils.htmlEscape(messages.getMessage(key, placed, reader), "UTF-8");
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] instanceof Marked marked) {
        escaped = escaped.replace(OPEN + Integer.toString(i) + CLOSE, html(marked, reader, rightToLeft));
      } else if (arguments[i] instanceof MarkedItems list) {
        for (int j = 0; j < list.items().size(); j++) {
          escaped = escaped.replace(OPEN + Integer.toString(i) + "." + j + CLOSE,
              html(new Marked(list.items().get(j), list.language()), reader, rightToLeft));
        }
      }
    }
    return escaped;
  }

  private static String html(Marked marked, Locale reader, boolean rightToLeft) {
    String text = HtmlUtils.htmlEscape(marked.text(), "UTF-8");
    if (CODE.equals(marked.language())) {
      String span = marked.text().isEmpty() ? text : "<span translate=\"no\">" + text + "</span>";
      return rightToLeft && !marked.text().isEmpty() ? isolated(span) : span;
    }
    if (marked.language().isEmpty()) {
      return marked.text().isEmpty() ? text : "<bdi>" + text + "</bdi>";
    }
    if (marked.text().isEmpty() || marked.language().equals(reader.getLanguage())) {
      return text;
    }
    String span = "<span lang=\"" + HtmlUtils.htmlEscape(marked.language(), "UTF-8") + "\">" + text + "</span>";
    return rightToLeft && leftToRight(marked.text()) ? isolated(span) : span;
  }

  /** One placeholder per item of the {@code at}th argument, which the sentence's escaping leaves as it is. */
  private static java.util.List<String> placeholders(int at, MarkedItems list) {
    return java.util.stream.IntStream.range(0, list.items().size()).mapToObj(j -> OPEN + (at + "." + j) + CLOSE).toList();
  }

  private static String isolated(String text) {
    return BidiIsolation.FSI + text + BidiIsolation.PDI;
  }

  private static boolean leftToRight(CharSequence text) {
    return text.codePoints().anyMatch(c -> Character.getDirectionality(c) == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
  }

  /** Texts of one kind and the language they are written in. */
  public record MarkedItems(java.util.List<String> items, String language) {}

  /** A text and the language it is written in. */
  public record Marked(String text, String language) {

    @Override
    public String toString() {
      return text;
    }
  }

}
