package org.plenary.visa;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The unguessable part of a visa letter's reference: 80 random bits from {@link SecureRandom},
 * written as 16 characters of Crockford's base32 in four groups ({@code K7QF-3M2X-P4TR-8WZN}), so a
 * consulate can type it. Reading forgives case, spaces, and the letters O, I and L typed for 0 and 1.
 * With 2<sup>80</sup> codes per reference, counting references tells a stranger nothing.
 */
final class VerificationCode {

  /** Characters of the code, without I, L, O and U. */
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final int LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private VerificationCode() {}

  /** A new code, 16 characters without dashes (as stored). */
  static String generate() {
    var code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(32)));
    }
    return code.toString();
  }

  /** The code as printed: four groups of four. */
  static String grouped(String code) {
    return String.join("-", code.substring(0, 4), code.substring(4, 8), code.substring(8, 12), code.substring(12));
  }

  /**
   * A typed reference split into its public part and its code, both in canonical form (upper case,
   * letters and digits only, O read as 0, I and L as 1); empty when no code can be read from it.
   */
  record Typed(String reference, String code) {

    static Optional<Typed> parse(String typed) {
      String text = typed == null ? "" : canonical(typed);
      if (text.length() <= LENGTH || !text.substring(text.length() - LENGTH).chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
        return Optional.empty();
      }
      return Optional.of(new Typed(text.substring(0, text.length() - LENGTH), text.substring(text.length() - LENGTH)));
    }

    /** Whether a stored public reference is the one typed. */
    boolean names(String reference) {
      return reference != null && canonical(reference).equals(this.reference);
    }
  }

  static String canonical(String text) {
    var out = new StringBuilder();
    text.toUpperCase(Locale.ROOT).chars().filter(c -> c < 128 && Character.isLetterOrDigit(c)).forEach(c -> out.append(
        switch (c) {
          case 'O' -> '0';
          case 'I', 'L' -> '1';
          default -> (char) c;
        }));
    return out.toString();
  }
}
