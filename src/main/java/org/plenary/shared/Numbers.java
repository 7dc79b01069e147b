package org.plenary.shared;

import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Whole numbers shown on pages (a file's size in bytes, a count) as the page's language groups the digits,
 * as {@code @numbers} in templates: "1,234,567" in English, "1 234 567" in French (narrow no-break spaces),
 * "1.234.567" in Spanish, "1 234 567" in Russian (no-break spaces). A bare {@code ${size}} printed
 * "1234567" in every language. Messages with a number argument are formatted by their own MessageFormat.
 */
@Component("numbers")
public class Numbers {

  /** The number in the reader's language ({@link Words#reader()}). */
  public String whole(Number value) {
    return value == null ? "" : whole(value, Words.reader());
  }

  /**
   * A size in bytes with the unit symbol every language of the site writes so: {@code 100 MB}, {@code 512 KB},
   * {@code 100 B} (binary multiples, the largest unit that divides it).
   */
  public static String size(long bytes) {
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB"
        : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KB" : bytes + " B";
  }

  /** {@link #whole(Number)} in {@code locale}. */
  public static String whole(Number value, Locale locale) {
    return NumberFormat.getIntegerInstance(Languages.nearest(locale)).format(value);
  }
}
