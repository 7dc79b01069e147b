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

  /** The message {@code key} in the reader's language, escaped, each {@link Marked} argument in a span with its lang. */
  public String sentence(String key, Object... arguments) {
    Locale reader = LocaleContextHolder.getLocale();
    boolean rightToLeft = Languages.rightToLeft(reader);
    Object[] placed = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      placed[i] = argument instanceof Marked ? OPEN + Integer.toString(i) + CLOSE
          : rightToLeft && argument instanceof CharSequence text && leftToRight(text) ? isolated(text.toString()) : argument;
    }
    String escaped = HtmlUtils.htmlEscape(messages.getMessage(key, placed, reader), "UTF-8");
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] instanceof Marked marked) {
        escaped = escaped.replace(OPEN + Integer.toString(i) + CLOSE, html(marked, reader, rightToLeft));
      }
    }
    return escaped;
  }

  private static String html(Marked marked, Locale reader, boolean rightToLeft) {
    String text = HtmlUtils.htmlEscape(marked.text(), "UTF-8");
    if (marked.text().isEmpty() || marked.language().equals(reader.getLanguage())) {
      return text;
    }
    String span = "<span lang=\"" + HtmlUtils.htmlEscape(marked.language(), "UTF-8") + "\">" + text + "</span>";
    return rightToLeft && leftToRight(marked.text()) ? isolated(span) : span;
  }

  private static String isolated(String text) {
    return BidiIsolation.FSI + text + BidiIsolation.PDI;
  }

  private static boolean leftToRight(CharSequence text) {
    return text.codePoints().anyMatch(c -> Character.getDirectionality(c) == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
  }

  /** A text and the language it is written in. */
  public record Marked(String text, String language) {

    @Override
    public String toString() {
      return text;
    }
  }

}
