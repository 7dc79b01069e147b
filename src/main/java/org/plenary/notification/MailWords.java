package org.plenary.notification;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.plenary.shared.DirectionControls;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The sentences of a mail in its recipient's language, from the {@code notification} bundle. Each text a sentence
 * quotes (a name, a title, a venue) is closed where it ends ({@link DirectionControls}), as pages close it: a name
 * stored with RIGHT-TO-LEFT OVERRIDE left open reversed the rest of its line in the mail.
 */
record MailWords(MessageSource messages, Locale locale) {

  /**
   * A subject and a body. The subject is one line: line breaks and other control characters a quoted text holds
   * (a name typed with a line break) become spaces, so that no text can start a header of its own. The body keeps
   * its lines and tabs (each line break a plain LF) and nothing else below U+0020.
   */
  record Letter(String subject, String body) {

    Letter {
      subject = subject == null ? "" : (holds(subject, MailWords::subjectControl)
          ? SUBJECT_CONTROLS.matcher(subject).replaceAll(" ") : subject).strip();
      body = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
      if (holds(body, MailWords::bodyControl)) {
        body = BODY_CONTROLS.matcher(body).replaceAll("");
      }
    }
  }

  /*
   * Each pattern's characters, tested one by one before the pattern is run: nearly every text holds none of them, and
   * a matcher's scan of a whole letter for a union of classes cost a tenth of the number allocator's CPU time.
   */
  private static boolean subjectControl(char c) {
    return c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  private static boolean bodyControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
  }

  private static boolean lineBreak(char c) {
    return c == '\r' || c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  private static boolean holds(String text, CharTest test) {
    for (int i = 0; i < text.length(); i++) {
      if (test.takes(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private interface CharTest {
    boolean takes(char c);
  }

  private static final Pattern SUBJECT_CONTROLS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");
  private static final Pattern BODY_CONTROLS = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F]");

  /** Parts of one thing as the recipient's language lists them ({@link org.plenary.shared.Listed}). */
  String listed(String... parts) {
    return org.plenary.shared.Listed.parts(messages, locale, parts);
  }

  /** "label: value" as the recipient's language joins them ({@link org.plenary.shared.Labelled}). */
  String labelled(String label, String value) {
    return org.plenary.shared.Labelled.join(messages, locale, label, value);
  }

  /** A sentence carried as codes and arguments (a circular's title), in the recipient's language. */
  String say(MessageSourceResolvable sentence) {
    return messages.getMessage(new DefaultMessageSourceResolvable(sentence.getCodes(), closed(sentence.getArguments()),
        sentence.getDefaultMessage()), locale);
  }

  String say(String key, Object... args) {
    return messages.getMessage(key, closed(args), locale);
  }

  /**
   * A text a letter quotes with its own lines (a rejection's reason, written in a box of several lines): kept as
   * typed. Every other quoted text (a name, a title, a venue) is one line of the sentence quoting it.
   */
  record Block(String text) {}

  /** A text quoted by a line of its own making (a list of letters), closed where it ends, on that one line. */
  static String quoted(String text) {
    return text == null ? null : oneLine(DirectionControls.closed(text));
  }

  /**
   * The texts a sentence quotes, each closed where it ends and, but a {@link Block}, on one line: a name typed with
   * line breaks ("Alice", a blank line, "The secretariat asks you to confirm your password at …") wrote whole
   * paragraphs of its own into the body Plenary mailed to a focal point.
   */
  private static Object[] closed(Object[] args) {
    return args == null ? null : Arrays.stream(args).map(a -> a instanceof Number ? a.toString()
        : a instanceof MessageSourceResolvable ? a
        : a instanceof Block block ? (block.text() == null ? "" : DirectionControls.closed(block.text()))
        : a instanceof CharSequence text ? quoted(text.toString()) : a)
        .toArray();
  }

  /** Line breaks of every kind (CR, LF, VT, FF, NEL, U+2028, U+2029) and the spaces around them become one space. */
  static String oneLine(String text) {
    return holds(text, MailWords::lineBreak) ? LINE_BREAKS.matcher(text).replaceAll(" ") : text;
  }

  private static final Pattern LINE_BREAKS = Pattern.compile("[ \\t]*[\\r\\n\\u000B\\u000C\\u0085\\u2028\\u2029]+[ \\t]*");

  Letter letter(String key, Object[] subjectArgs, Object... bodyArgs) {
    return new Letter(say(key + ".subject", subjectArgs), say(key + ".body", bodyArgs));
  }

  /** A day in the recipient's language: "7 June 2010", "7 juin 2010", "2010年6月7日". */
  String date(LocalDate date) {
    return "en".equals(locale.getLanguage()) ? DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(date)
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
  }

  /** The days of a meeting as pages write them in the recipient's language: "14–16 June 2040", "14–16 juin 2040". */
  String dates(org.plenary.meeting.Meeting meeting) {
    return meeting.dates(locale);
  }
}
