package org.plenary.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.plenary.shared.Times;
import org.plenary.shared.Words;

/** What a sign-in attempt came to, on any channel. */
public sealed interface SignInResult {

  /** The name and secret match an enabled account. */
  record SignedIn(PlenaryUser user) implements SignInResult {}

  /** Wrong username or password: the same answer whether or not the account exists. */
  record Refused() implements SignInResult {}

  /**
   * Nothing is checked until {@code until}: too many failed sign-ins for this username or from this
   * address, or ({@code busy}) so many sign-ins with this username being checked at the same time that
   * this one waited its turn in vain (none of them failed: the sentence says so).
   */
  record LockedOut(Instant until, Instant now, boolean busy) implements SignInResult {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    /** {@link #message()} when busy. */
    static final String BUSY = "Too many sign-ins with this username are being checked at the same time."
        + " Try again in a few seconds.";

    /** Locked out after failures. */
    public LockedOut(Instant until, Instant now) {
      this(until, now, false);
    }

    /** Whole seconds to wait, at least one: the value of {@code Retry-After}. */
    public long retryAfterSeconds() {
      return Math.max(1, Duration.between(now, until).toSeconds() + 1);
    }

    /** The sentence every channel shows, with the time to retry. */
    public String message() {
      return busy ? BUSY : message(until, now);
    }

    /** {@link #message()} in the reader's language. */
    public String message(Words words) {
      return busy ? busyMessage(words) : message(words, until, now);
    }

    /** The sentence for a sign-in that waited in vain behind others being checked, in the reader's language. */
    public static String busyMessage(Words words) {
      return words.get("account.sign-in.busy");
    }

    /** {@link #message(Instant, Instant)} in the reader's language. */
    public static String message(Words words, Instant until, Instant now) {
      return words.get("account.sign-in.locked", TIME.format(until.plusSeconds(59)), wait(until, now, Words.reader()));
    }

    /** {@link #message()} in {@code locale} (an FTP session's language after {@code LANG}). */
    public String message(MessageSource messages, Locale locale) {
      if (busy) {
        return messages.getMessage("account.sign-in.busy", null, locale);
      }
      return messages.getMessage("account.sign-in.locked",
          new Object[] {TIME.format(until.plusSeconds(59)), wait(until, now, locale)}, locale);
    }

    private static String wait(Instant until, Instant now, Locale locale) {
      long minutes = Math.max(1, (Duration.between(now, until).toSeconds() + 59) / 60);
      return Times.amount(Duration.ofMinutes(minutes), locale);
    }

    /** "Too many failed sign-ins ... Try again after 14:32 UTC (in 12 minutes)." */
    public static String message(Instant until, Instant now) {
      long minutes = Math.max(1, (Duration.between(now, until).toSeconds() + 59) / 60);
      return "Too many failed sign-ins for this username or from your address. Try again after "
          + TIME.format(until.plusSeconds(59)) + " UTC (in " + minutes + (minutes == 1 ? " minute" : " minutes") + ").";
    }
  }
}
