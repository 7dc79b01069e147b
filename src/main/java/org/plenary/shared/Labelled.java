package org.plenary.shared;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A label and its value joined as the reader's language joins them, by the bundles' {@code web.labelled}:
 * "Deadline: 7 June", "Date limite : 7 juin" (a narrow no-break space before the colon), "截止日期：6月7日". Every
 * text Java writes for a reader (mails, calendars, CSV cells, PDFs) joins a label this way, never with a literal
 * {@code ": "}, which is wrong in French and Chinese.
 */
public final class Labelled {

  /** The bundle key of the pattern, {@code {0}: {1}} in English. */
  public static final String KEY = "web.labelled";

  private Labelled() {}

  /** "label: value" in {@code locale}. */
  public static String join(MessageSource messages, Locale locale, String label, String value) {
    return messages.getMessage(KEY, new Object[] {label, value == null ? "" : value}, locale);
  }

  /** {@link #join(MessageSource, Locale, String, String)} from the application's bundles. */
  public static String join(Locale locale, String label, String value) {
    return join(Listed.Bundles.MESSAGES, locale, label, value);
  }

  /** The label and the sign that introduces its value, with the space after it: "label: ", "libellé : ", "标签：". */
  public static String label(MessageSource messages, Locale locale, String label) {
    return join(messages, locale, label, "");
  }
}
