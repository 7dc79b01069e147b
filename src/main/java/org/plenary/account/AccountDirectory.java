package org.plenary.account;

import org.plenary.shared.EditVersion;
import org.plenary.shared.Languages;
import org.plenary.shared.Words;
import java.time.Clock;
import java.util.List;
import org.plenary.shared.UnknownException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.Violation;
import org.plenary.shared.Violations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Opens accounts, checks and changes passwords, assigns roles. */
@Component
public class AccountDirectory {

  /** Shortest password accepted. */
  public static final int MIN_PASSWORD_LENGTH = 8;

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
  private static final Pattern BCRYPT_HASH = Pattern.compile("\\{bcrypt}\\$2[aby]\\$(1[0-9]|2[0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  private final Accounts accounts;
  private final Credentials credentials;
  private final CurrentAccounts currentAccounts;
  private final Countries countries;
  private final PasswordEncoder passwords;
  private final Clock clock;
  private final Words words;
  private final AccessTokens tokens;

  AccountDirectory(Accounts accounts, Credentials credentials, CurrentAccounts current, Countries countries,
      PasswordEncoder passwords, Clock clock, Words words, AccessTokens tokens) {
    this.words = words;
    this.tokens = tokens;
    this.accounts = accounts;
    this.credentials = credentials;
    this.currentAccounts = current;
    this.countries = countries;
    this.passwords = passwords;
    this.clock = clock;
  }

  @Transactional
  public AccountId create(NewAccount account, String password, boolean mustChangePassword) {
    newAccountChecks(account)
        .check(password != null && password.length() >= MIN_PASSWORD_LENGTH, "password",
            words.get("account.password.short", MIN_PASSWORD_LENGTH))
        .throwIfAny();
    checkFree(account);
    return inserted(account, passwords.encode(password), mustChangePassword);
  }

  /**
   * Opens an account whose password comes already hashed in this server's own format
   * ({@code {bcrypt}$2a$10$…}): seed accounts whose hashes ship with the code (the demo's), so that a
   * start does not spend a bcrypt computation on each. Anything else is refused.
   */
  @Transactional
  public AccountId createWithPasswordHash(NewAccount account, String passwordHash, boolean mustChangePassword) {
    if (passwordHash == null || !BCRYPT_HASH.matcher(passwordHash).matches()) {
      throw new IllegalArgumentException("Not a {bcrypt} password hash of strength 10 or more for " + account.username());
    }
    newAccountChecks(account).throwIfAny();
    checkFree(account);
    return inserted(account, passwordHash, mustChangePassword);
  }

  /** Inserts the account; one opened meanwhile with the same username or address key is a field error, as before it. */
  private AccountId inserted(NewAccount account, String passwordHash, boolean mustChangePassword) {
    try {
      return accounts.insert(account, passwordHash, mustChangePassword, clock.instant());
    } catch (org.springframework.dao.DuplicateKeyException sameKey) {
      throw org.plenary.shared.InvalidInputException.of("username", "account", "account.new.taken");
    }
  }

  /** The checks of a new account's fields, to which {@link #create} adds the password's. */
  private Violations newAccountChecks(NewAccount account) {
    return new Violations()
        .check(account.username() != null && USERNAME.matcher(account.username()).matches(), "username",
            words.get("account.new.username.invalid"))
        .check(account.email() != null && account.email().matches("[^@\\s]+@[^@\\s]+"), "email",
            words.get("account.new.email.invalid"))
        .check(account.countryCode() == null || countries.exists(account.countryCode()), "countryCode",
            words.get("account.new.country.invalid"));
  }

  private void checkFree(NewAccount account) {
    new Violations()
        .check(!accounts.usernameOrEmailTaken(account.username(), account.email()), "username",
            words.get("account.new.taken"))
        .throwIfAny();
  }

  public Optional<Account> find(String username) {
    return accounts.findByUsername(username);
  }

  /** The account with this username, even a disabled one: for administrators. */
  public Optional<Account> findEvenDisabled(String username) {
    return accounts.findAnyByUsername(username);
  }

  public Account get(AccountId id) {
    return accounts.findById(id).orElseThrow(() -> new UnknownException("account", "account.unknown.account", id.value()));
  }

  /** An account's address, and the language its mail is written in ({@link #languagesByEmail}; null: none said). */
  public record MailAddress(String email, String language) {}

  /**
   * The address of each enabled account among these usernames, by username in lower case, in one
   * query (a batch's mails read them at once, not an account and its roles each, then the languages);
   * unknown or disabled accounts are left out.
   */
  public java.util.Map<String, MailAddress> mailAddresses(java.util.Collection<String> usernames) {
    return accounts.addressesByUsername(usernames.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT)).distinct().toList());
  }

  /**
   * The preferred language (a BCP 47 tag) of each account among these addresses, by address in lower
   * case; addresses of no account, or of an account without a language, are left out.
   */
  public java.util.Map<String, String> languagesByEmail(java.util.Collection<String> emails) {
    // Looked up by the addresses' keys (V091), answered by the address in lower case, as callers ask.
    var byKey = accounts.languagesByEmail(emails.stream().map(org.plenary.shared.Names::key).distinct().toList());
    var languages = new java.util.LinkedHashMap<String, String>();
    for (String email : emails) {
      String language = byKey.get(org.plenary.shared.Names.key(email));
      if (language != null) {
        languages.putIfAbsent(email.toLowerCase(java.util.Locale.ROOT), language);
      }
    }
    return languages;
  }

  public List<Account> all() {
    return accounts.all();
  }

  /** One page of the accounts in username order, read by key, each with its version. */
  org.plenary.shared.Paged<Accounts.Versioned> page(org.plenary.shared.Paged.Asked asked) {
    return accounts.page(asked);
  }

  public boolean any() {
    return accounts.any();
  }

  /**
   * Changes the password of a signed-in account asked from {@code address}. The current password
   * is checked by {@link Credentials#confirmPassword}, so wrong guesses count towards the same
   * lock-out as sign-ins (whatever else is wrong in the form), and a locked-out account or address
   * is told when to retry instead.
   */
  @Transactional
  public void changePassword(AccountId id, String address, String current, String next) {
    SignInResult confirmed = credentials.confirmPassword(address, id, current);
    if (confirmed instanceof SignInResult.LockedOut locked) {
      throw new InvalidInputException(List.of(new Violation("currentPassword", locked.message(words))));
    }
    new Violations()
        .check(confirmed instanceof SignInResult.SignedIn, "currentPassword", words.get("account.password.wrong"))
        .check(next != null && next.length() >= MIN_PASSWORD_LENGTH, "newPassword",
            words.get("account.password.short", MIN_PASSWORD_LENGTH))
        .check(next == null || !next.equals(current), "newPassword", words.get("account.password.same"))
        .throwIfAny();
    accounts.setPassword(id, passwords.encode(next), false);
    currentAccounts.changed(id);
  }

  /**
   * Disables or enables an account. A disabled account cannot sign in, and its open sessions and
   * access tokens stop working at the next request or FTP command; they are ended, not suspended: enabling it again
   * revives none of them (its tokens are deleted, its credentials version raised).
   */
  @Transactional
  public void setEnabled(AccountId id, boolean enabled) {
    setEnabled(id, enabled, EditVersion.ANY);
  }

  /**
   * As {@link #setEnabled(AccountId, boolean)}, made on the version {@code read} names: refused with
   * {@link org.plenary.shared.ChangedMeanwhileException} when someone changed the account since; the version saved.
   */
  @Transactional
  public long setEnabled(AccountId id, boolean enabled, EditVersion read) {
    checkRead(id, read);
    accounts.setEnabled(id, enabled);
    if (!enabled) {
      tokens.revokeAll(id);
    }
    currentAccounts.changed(id);
    return version(id);
  }

  /**
   * Locks the account's row until the transaction ends and refuses an edit made on a version that is no
   * longer current: two administrators editing one account are served one after the other, and the second,
   * who read it before the first saved, is told instead of replacing the first's change.
   */
  private void checkRead(AccountId id, EditVersion read) {
    long current = accounts.lockVersion(id).orElseThrow(() -> new UnknownException("account", "account.unknown.account", id.value()));
    if (!read.accepts(current)) {
      read.check(current, get(id).username());
    }
  }

  /**
   * Moves the account to another organization (null: none), made on the version {@code read} names: refused
   * with {@link org.plenary.shared.ChangedMeanwhileException} when someone changed the account since; the
   * version saved. The change is kept with who made it ({@link #changes}). Registrations made before keep the
   * organization they were made with; new ones start from this one. A focal point's right comes with the
   * organization it works for: the account's appointment as focal point of the organization it leaves ends with
   * the move (kept in {@link #changes} as {@code focalPoint}, from that organization to none), so that it no longer
   * approves, is mailed or lists that organization's registrations from its next request on, on pages, the API and
   * the links of its mails. Appointments for other organizations, made as such, stay.
   */
  @Transactional
  public long setOrganization(AccountId id, OrganizationId organization, EditVersion read, String by) {
    checkRead(id, read);
    Account before = get(id);
    String to = organization == null ? null : accounts.organizationName(organization.value()).orElseThrow(() ->
        org.plenary.shared.InvalidInputException.of("organizationId", "account", "account.organization.unknown",
            organization.value()));
    if (java.util.Objects.equals(before.organizationId(), organization)) {
      return version(id);
    }
    String from = before.organizationId() == null ? null
        : accounts.organizationName(before.organizationId().value()).orElse(null);
    accounts.setOrganization(id, organization == null ? null : organization.value());
    accounts.recordChange(id, new AccountChange("organization", from, to, by, clock.instant()));
    if (before.organizationId() != null && accounts.removeFocalPoint(before.organizationId(), id)) {
      accounts.recordChange(id, new AccountChange("focalPoint", from, null, by, clock.instant()));
    }
    currentAccounts.changed(id);
    return version(id);
  }

  /** What administrators changed on the account, oldest first. */
  public java.util.List<AccountChange> changes(AccountId id) {
    return accounts.changes(id);
  }

  /** One page of what administrators changed on the account, oldest first, read by key. */
  public org.plenary.shared.Paged<AccountChange> changes(AccountId id, org.plenary.shared.Paged.Asked asked) {
    return accounts.changes(id, asked);
  }

  /** The account's version: one more at every change of its roles, enabled, language or password (the API's ETag). */
  public long version(AccountId id) {
    return accounts.version(id).orElseThrow(() -> new UnknownException("account", "account.unknown.account", id.value()));
  }

  /** Every account's version by id; read before the accounts it is shown with, so never newer than they are. */
  public java.util.Map<AccountId, Long> versions() {
    return accounts.versions();
  }

  /**
   * The person's preferred language for pages and mails: a tag of one of the six languages, or null
   * (blank) to follow the browser again.
   */
  @Transactional
  public void changeLanguage(AccountId id, String tag) {
    accounts.lockVersion(id);
    String language = tag == null || tag.isBlank() ? null
        : Languages.supported(tag).map(java.util.Locale::toLanguageTag).orElseThrow(() -> new InvalidInputException(
            List.of(new Violation("language", words.get("account.language.unknown", tag)))));
    get(id);
    accounts.setLanguage(id, language);
    currentAccounts.changed(id);
  }

  @Transactional
  public void setRoles(AccountId id, Set<Role> roles) {
    setRoles(id, roles, EditVersion.ANY);
  }

  /**
   * Replaces the account's roles, made on the version {@code read} names: refused with
   * {@link org.plenary.shared.ChangedMeanwhileException} when someone changed the account since; the version saved.
   */
  @Transactional
  public long setRoles(AccountId id, Set<Role> roles, EditVersion read) {
    checkRead(id, read);
    accounts.replaceRoles(id, roles);
    accounts.changed(id);
    currentAccounts.changed(id);
    return version(id);
  }
}
