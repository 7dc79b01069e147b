package org.plenary.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The one sign-in rule of every channel (the web form, {@code POST /api/v1/tokens}, FTP), and the
 * check that a session opened earlier still stands.
 *
 * <p>Every attempt is counted by {@link SignInThrottle} before the password is checked, and refused
 * without any check while the username or the address is locked out; confirming the current
 * password before changing it counts the same way. An unknown or disabled username costs the same
 * password-hash work as a wrong password (it is compared with a dummy hash of the same encoder),
 * so neither the reply nor its time tells whether an account exists.
 */
@Component
public class Credentials {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

  private final Accounts accounts;
  private final CurrentAccounts current;
  private final AccessTokens tokens;
  private final SignInThrottle throttle;
  private final PasswordEncoder passwords;
  private final Clock clock;
  /** Hashed at the first sign-in of an unknown name, not at start-up (a bcrypt hash is slow on purpose). */
  private final SingletonSupplier<String> dummyHash;

  Credentials(Accounts accounts, CurrentAccounts current, AccessTokens tokens, SignInThrottle throttle,
      PasswordEncoder passwords, Clock clock) {
    this.accounts = accounts;
    this.current = current;
    this.tokens = tokens;
    this.throttle = throttle;
    this.passwords = passwords;
    this.clock = clock;
    this.dummyHash = SingletonSupplier.of(() -> {
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      return passwords.encode(HexFormat.of().formatHex(random));
    });
  }

  /** A username and password from {@code address} (web form, token API). */
  public SignInResult signIn(String address, String username, String password) {
    return attempt(address, username, () -> checkPassword(username, password));
  }

  /** A username with its password or with one of its personal access tokens (FTP clients keep either). */
  public SignInResult signInWithPasswordOrToken(String address, String username, String secret) {
    return attempt(address, username, () -> tokens.authenticate(secret)
        .filter(user -> user.getUsername().equalsIgnoreCase(username))
        .or(() -> checkPassword(username, secret)));
  }

  /**
   * Whether {@code password} is the current password of a signed-in account, asked from
   * {@code address} before changing it: counted and locked out like a sign-in, so a stolen session
   * cannot be used to guess the password that works on every channel.
   */
  public SignInResult confirmPassword(String address, AccountId id, String password) {
    String username = accounts.findById(id).map(Account::username).orElse("");
    return attempt(address, username, () -> checkPassword(username, password));
  }

  /**
   * Whether a session opened earlier still stands, with the account's rights as they are now: it
   * ends when the account is disabled, when a session opened with a password sees the password
   * changed, and when a session opened with a token sees the token revoked or expired.
   */
  public Standing recheck(PlenaryUser user) {
    // The account first: disabling it also deletes its tokens, and the reason a token session ends is the account's.
    Optional<AccountState> state = current.get(user.id());
    if (state.isEmpty()) {
      return Standing.ended(Standing.Ended.ACCOUNT_DISABLED);
    }
    if (user.tokenHash() != null && !tokens.valid(user.tokenHash())) {
      return Standing.ended(Standing.Ended.TOKEN_REVOKED);
    }
    if (user.tokenHash() == null && state.get().credentialsVersion() != user.credentialsVersion()) {
      return Standing.ended(Standing.Ended.PASSWORD_CHANGED);
    }
    return Standing.stands(new PlenaryUser(state.get(), user.tokenHash()));
  }

  private SignInResult attempt(String address, String username, Supplier<Optional<PlenaryUser>> check) {
    String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
    // Admitted before the check, so guesses sent in parallel cannot all pass while the first are hashed.
    var locked = throttle.attempt(address, name);
    if (locked.isPresent()) {
      return locked.get();
    }
    Optional<PlenaryUser> user;
    try {
      user = check.get();
    } catch (RuntimeException broken) {
      throttle.released(address, name);
      throw broken;
    }
    if (user.isEmpty()) {
      throttle.failed(address, name);
      return new SignInResult.Refused();
    }
    throttle.succeeded(address, name);
    return new SignInResult.SignedIn(user.get());
  }

  private Optional<PlenaryUser> checkPassword(String username, String password) {
    String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
    var row = USERNAME.matcher(name).matches() ? accounts.signInRow(name) : Optional.<Accounts.SignInRow>empty();
    // No password longer than bcrypt reads is ever set (shared.PasswordBytes), and bcrypt throws on one: such a
    // password is a wrong one on every channel (the form, the token API, FTP's PASS), at the same cost.
    boolean readable = password == null
        || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= org.plenary.shared.PasswordBytes.MAX;
    boolean matches = passwords.matches(readable && password != null ? password : "",
        readable ? row.map(Accounts.SignInRow::passwordHash).orElseGet(dummyHash::obtain) : dummyHash.obtain());
    if (row.isEmpty() || !matches || !readable) {
      return Optional.empty();
    }
    // Read the account afresh: a password changed on another node a second ago must not be judged on an old read.
    current.changed(row.get().id());
    return current.get(row.get().id())
        .filter(state -> state.credentialsVersion() == row.get().credentialsVersion())
        .map(state -> new PlenaryUser(state, null));
  }
}
