package org.plenary.account;

/**
 * Whether a session opened earlier still stands, checked on every request and FTP command: either
 * the account as it is now (roles taken away are gone), or why the session ended.
 */
public record Standing(PlenaryUser user, Ended ended) {

  /** Why a session ended; {@link #code()} goes into the sign-in page's address, {@link #sentence()} to the person. */
  public enum Ended {
    ACCOUNT_DISABLED("disabled", "Your account was disabled or removed; ask the secretariat."),
    PASSWORD_CHANGED("password-changed", "Your password was changed since you signed in; sign in again with the new one."),
    TOKEN_REVOKED("token-revoked", "The access token you signed in with was revoked or has expired.");

    private final String code;
    private final String message;

    Ended(String code, String message) {
      this.code = code;
      this.message = message;
    }

    public String code() {
      return code;
    }

    /** The sentence in English (logs). */
    public String message() {
      return message;
    }

    /** The sentence in the reader's language: {@code account.ended.<code>}, English when a language lacks it. */
    public org.springframework.context.MessageSourceResolvable sentence() {
      return new org.springframework.context.support.DefaultMessageSourceResolvable(
          new String[] {"account.ended." + code}, message);
    }

    /** The reason with this code, for the sign-in page. */
    public static java.util.Optional<Ended> ofCode(String code) {
      return java.util.Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }
  }

  static Standing stands(PlenaryUser user) {
    return new Standing(user, null);
  }

  static Standing ended(Ended why) {
    return new Standing(null, why);
  }

  public boolean stands() {
    return ended == null;
  }
}
