package org.plenary.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plenary.shared.InLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of accounts, their roles and focal-point appointments. */
@Repository
class Accounts {

  private static final String COLUMNS =
      "id, username, email, display_name, organization_id, country_code, must_change_password, enabled, language";

  /** {@link #COLUMNS} of the accounts table named {@code a}. */
  private static final String STATE_COLUMNS = java.util.Arrays.stream(COLUMNS.split(", "))
      .map(column -> "a." + column).collect(java.util.stream.Collectors.joining(", "));

  /** What a sign-in needs: the account's id, password hash and credentials version. */
  record SignInRow(AccountId id, String passwordHash, int credentialsVersion) {}

  private final JdbcClient jdbc;

  Accounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  AccountId insert(NewAccount account, String passwordHash, boolean mustChangePassword, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO accounts (username, email, email_key, display_name, password_hash, organization_id,
              country_code, must_change_password, enabled, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
        .params(account.username(), org.plenary.shared.Names.clean(account.email()), org.plenary.shared.Names.key(account.email()),
            org.plenary.shared.Names.clean(account.displayName()), passwordHash,
            account.organizationId() == null ? null : account.organizationId().value(),
            account.countryCode(), mustChangePassword, now.atOffset(ZoneOffset.UTC))
        .update(keys, "id");
    AccountId id = new AccountId(keys.getKey().longValue());
    replaceRoles(id, account.roles());
    return id;
  }

  Optional<Account> findByUsername(String username) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE LOWER(username) = LOWER(?) AND enabled")
        .param(username).query(this::account).optional().map(this::withRoles);
  }

  /** The account with this username, enabled or not (for administrators). */
  Optional<Account> findAnyByUsername(String username) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE LOWER(username) = LOWER(?)")
        .param(username).query(this::account).optional().map(this::withRoles);
  }

  /** One query, whether or not the account exists, so that an unknown name costs what a known one does. */
  Optional<SignInRow> signInRow(String username) {
    return jdbc.sql("SELECT id, password_hash, credentials_version FROM accounts WHERE LOWER(username) = LOWER(?) AND enabled")
        .param(username)
        .query((rs, n) -> new SignInRow(new AccountId(rs.getLong(1)), rs.getString(2), rs.getInt(3))).optional();
  }

  /** An enabled account as it stands now, or nothing when it is disabled or gone. */
  Optional<AccountState> state(AccountId id) {
    // One query instead of three (the account, its roles, its appointments): every request whose account
    // was not read in the last seconds asks this. A row per role and appointment (few of each).
    var roles = EnumSet.noneOf(Role.class);
    var focalPointOf = new java.util.TreeSet<Long>();
    List<AccountState> rows = jdbc.sql("SELECT " + STATE_COLUMNS + """
            , a.credentials_version, r.role, f.organization_id AS focal_point_of
            FROM accounts a
            LEFT JOIN account_roles r ON r.account_id = a.id
            LEFT JOIN focal_points f ON f.account_id = a.id
            WHERE a.id = ? AND a.enabled""")
        .param(id.value())
        .query((rs, n) -> {
          String role = rs.getString("role");
          if (role != null) {
            roles.add(Role.valueOf(role));
          }
          long organization = rs.getLong("focal_point_of");
          if (!rs.wasNull()) {
            focalPointOf.add(organization);
          }
          return new AccountState(account(rs, n), List.of(), rs.getInt("credentials_version"));
        })
        .list();
    return rows.stream().findFirst().map(s -> {
      Account a = s.account();
      return new AccountState(new Account(a.id(), a.username(), a.email(), a.displayName(), a.organizationId(),
          a.countryCode(), roles, a.mustChangePassword(), a.enabled(), a.language()),
          focalPointOf.stream().map(OrganizationId::new).toList(), s.credentialsVersion());
    });
  }

  Optional<Account> findById(AccountId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")
        .param(id.value()).query(this::account).optional().map(this::withRoles);
  }

  void setLanguage(AccountId id, String language) {
    jdbc.sql("UPDATE accounts SET language = ?, edit_version = edit_version + 1 WHERE id = ?").params(language, id.value()).update();
  }

  /** The account's version, one more at every change of its roles, enabled, language or password. */
  Optional<Long> version(AccountId id) {
    return jdbc.sql("SELECT edit_version FROM accounts WHERE id = ?").param(id.value()).query(Long.class).optional();
  }

  /** The account's version, its row locked until the transaction ends: the edits of one account are made one at a time. */
  Optional<Long> lockVersion(AccountId id) {
    return jdbc.sql("SELECT edit_version FROM accounts WHERE id = ? FOR UPDATE").param(id.value()).query(Long.class).optional();
  }

  /** Every account's version by id. */
  Map<AccountId, Long> versions() {
    var versions = new java.util.HashMap<AccountId, Long>();
    jdbc.sql("SELECT id, edit_version FROM accounts")
        .query((rs, n) -> versions.put(new AccountId(rs.getLong(1)), rs.getLong(2))).list();
    return versions;
  }

  /** Moves the account to another organization (null: none), one more version. */
  void setOrganization(AccountId id, Long organizationId) {
    jdbc.sql("UPDATE accounts SET organization_id = ?, edit_version = edit_version + 1 WHERE id = ?")
        .params(organizationId, id.value()).update();
  }

  /** The organization's name, if it exists. */
  Optional<String> organizationName(long organizationId) {
    return jdbc.sql("SELECT name FROM organizations WHERE id = ?").param(organizationId).query(String.class).optional();
  }

  void recordChange(AccountId id, AccountChange change) {
    jdbc.sql("""
            INSERT INTO account_changes (account_id, field, old_value, new_value, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)""")
        .params(id.value(), change.field(), change.from(), change.to(), change.by(),
            change.at().atOffset(java.time.ZoneOffset.UTC))
        .update();
  }

  /** The account's changes, oldest first. */
  java.util.List<AccountChange> changes(AccountId id) {
    return jdbc.sql("SELECT field, old_value, new_value, changed_by, changed_at FROM account_changes"
            + " WHERE account_id = ? ORDER BY id")
        .param(id.value())
        .query((rs, n) -> new AccountChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, java.time.OffsetDateTime.class).toInstant()))
        .list();
  }

  /** One page of the account's changes, read by key, oldest first. */
  org.plenary.shared.Paged<AccountChange> changes(AccountId id, org.plenary.shared.Paged.Asked asked) {
    return asked.keyset(jdbc.sql("SELECT id, field, old_value, new_value, changed_by, changed_at FROM account_changes"
            + " WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?")
        .params(id.value(), asked.afterId(), asked.read())
        .query((rs, n) -> new org.plenary.shared.Paged.Keyed<>(org.plenary.shared.Paged.Key.of(rs.getLong(1)),
            new AccountChange(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, java.time.OffsetDateTime.class).toInstant())))
        .list());
  }

  /** One more version: the account changed (its roles, which live in their own table). */
  void changed(AccountId id) {
    jdbc.sql("UPDATE accounts SET edit_version = edit_version + 1 WHERE id = ?").param(id.value()).update();
  }

  /**
   * The address of each enabled account among these usernames, by username in lower case, with the
   * language {@link #languagesByEmail} gives that address (or null), in one query.
   */
  Map<String, AccountDirectory.MailAddress> addressesByUsername(Collection<String> lowerCaseUsernames) {
    var addresses = new LinkedHashMap<String, AccountDirectory.MailAddress>();
    if (!lowerCaseUsernames.isEmpty()) {
      jdbc.sql("""
              SELECT LOWER(a.username), a.email, (SELECT l.language FROM accounts l
                WHERE l.email_key = a.email_key AND l.language IS NOT NULL ORDER BY l.username FETCH FIRST 1 ROWS ONLY)
              FROM accounts a WHERE LOWER(a.username) IN (:names) AND a.enabled""")
          .param("names", InLists.padded(List.copyOf(lowerCaseUsernames)))
          .query((rs, n) -> addresses.put(rs.getString(1), new AccountDirectory.MailAddress(rs.getString(2), rs.getString(3)))).list();
    }
    return addresses;
  }

  /**
   * The preferred language of the accounts with these addresses (compared in lower case), by lower-case
   * address; the first account by username when two addresses differ only in case. One query, on the
   * index of the addresses in lower case.
   */
  Map<String, String> languagesByEmail(Collection<String> lowerCaseEmails) {
    var languages = new LinkedHashMap<String, String>();
    if (!lowerCaseEmails.isEmpty()) {
      jdbc.sql("SELECT email_key, language FROM accounts WHERE email_key IN (:emails) AND language IS NOT NULL"
              + " ORDER BY username")
          .param("emails", InLists.padded(List.copyOf(lowerCaseEmails)))
          .query((rs, n) -> languages.putIfAbsent(rs.getString(1), rs.getString(2))).list();
    }
    return languages;
  }

  List<Account> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts ORDER BY username").query(this::account).list().stream().map(this::withRoles).toList();
  }

  /** An account as the list gives it: with the version read in the same row. */
  record Versioned(Account account, long version) {}

  /**
   * One page of the accounts read by key in username order (unique, so the username alone places a row; its unique
   * index serves the order): the page and one more, each with its version from the same row, then its roles.
   */
  org.plenary.shared.Paged<Versioned> page(org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    String select = "SELECT " + COLUMNS + ", edit_version FROM accounts";
    var query = after == null
        ? jdbc.sql(select + " ORDER BY username LIMIT ?").param(asked.read())
        : jdbc.sql(select + " WHERE username > ? ORDER BY username LIMIT ?").params(after.sort(), asked.read());
    return asked.keyset(query.query((rs, n) -> {
      Account account = account(rs, n);
      return new org.plenary.shared.Paged.Keyed<>(new org.plenary.shared.Paged.Key(account.username(), account.id().value()),
          new Versioned(account, rs.getLong("edit_version")));
    }).list()).map(v -> new Versioned(withRoles(v.account()), v.version()));
  }

  boolean usernameOrEmailTaken(String username, String email) {
    return jdbc.sql("SELECT COUNT(*) FROM accounts WHERE LOWER(username) = LOWER(?) OR email_key = ?")
        .params(username, org.plenary.shared.Names.key(email)).query(Long.class).single() > 0;
  }

  boolean any() {
    return jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single() > 0;
  }

  /** Sets the password and raises the credentials version, which ends the sessions opened with the old one. */
  void setPassword(AccountId id, String passwordHash, boolean mustChangePassword) {
    jdbc.sql("""
            UPDATE accounts SET password_hash = ?, must_change_password = ?, credentials_version = credentials_version + 1,
              edit_version = edit_version + 1
            WHERE id = ?""")
        .params(passwordHash, mustChangePassword, id.value()).update();
  }

  /**
   * Enables or disables the account. Disabling also raises the credentials version: the web and FTP sessions signed
   * in before are ended for good, not brought back by enabling the account again.
   */
  boolean setEnabled(AccountId id, boolean enabled) {
    if (enabled) {
      return jdbc.sql("UPDATE accounts SET enabled = TRUE, edit_version = edit_version + 1 WHERE id = ?").param(id.value()).update() > 0;
    }
    return jdbc.sql("""
            UPDATE accounts SET enabled = FALSE, credentials_version = credentials_version + 1, edit_version = edit_version + 1
            WHERE id = ?""").param(id.value()).update() > 0;
  }

  void replaceRoles(AccountId id, Set<Role> roles) {
    jdbc.sql("DELETE FROM account_roles WHERE account_id = ?").param(id.value()).update();
    for (Role role : roles) {
      jdbc.sql("INSERT INTO account_roles (account_id, role) VALUES (?, ?)").params(id.value(), role.name()).update();
    }
  }

  /** False when the account was a focal point of the organization already (nothing changed). */
  boolean appointFocalPoint(OrganizationId organization, AccountId account) {
    if (jdbc.sql("SELECT COUNT(*) FROM focal_points WHERE organization_id = ? AND account_id = ?")
        .params(organization.value(), account.value()).query(Long.class).single() > 0) {
      return false;
    }
    jdbc.sql("INSERT INTO focal_points (organization_id, account_id) VALUES (?, ?)")
        .params(organization.value(), account.value()).update();
    focalPointsChanged(organization);
    return true;
  }

  /** False when the account was not a focal point of the organization. */
  boolean removeFocalPoint(OrganizationId organization, AccountId account) {
    boolean removed = jdbc.sql("DELETE FROM focal_points WHERE organization_id = ? AND account_id = ?")
        .params(organization.value(), account.value()).update() > 0;
    if (removed) {
      focalPointsChanged(organization);
    }
    return removed;
  }

  private void focalPointsChanged(OrganizationId organization) {
    jdbc.sql("UPDATE organizations SET focal_points_version = focal_points_version + 1 WHERE id = ?")
        .param(organization.value()).update();
  }

  /** The version of the organization's focal points: one more at every appointment and removal; empty without the organization. */
  Optional<Long> focalPointsVersion(OrganizationId organization) {
    return jdbc.sql("SELECT focal_points_version FROM organizations WHERE id = ?").param(organization.value())
        .query(Long.class).optional();
  }

  /** The same, the organization's row locked until the transaction ends: one appointment or removal at a time. */
  Optional<Long> lockFocalPointsVersion(OrganizationId organization) {
    return jdbc.sql("SELECT focal_points_version FROM organizations WHERE id = ? FOR UPDATE").param(organization.value())
        .query(Long.class).optional();
  }

  List<Account> focalPointsOf(OrganizationId organization) {
    return jdbc.sql("SELECT " + COLUMNS + """
             FROM accounts WHERE id IN (SELECT account_id FROM focal_points WHERE organization_id = ?)
            ORDER BY username""")
        .param(organization.value()).query(this::account).list().stream().map(this::withRoles).toList();
  }

  /** Roles are read after the account's row: a query inside a row mapper would need a second connection. */
  private Account withRoles(Account a) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    jdbc.sql("SELECT role FROM account_roles WHERE account_id = ?").param(a.id().value())
        .query(String.class).list().forEach(role -> roles.add(Role.valueOf(role)));
    return new Account(a.id(), a.username(), a.email(), a.displayName(), a.organizationId(), a.countryCode(), roles,
        a.mustChangePassword(), a.enabled(), a.language());
  }

  private Account account(ResultSet rs, int row) throws SQLException {
    long organization = rs.getLong("organization_id");
    OrganizationId organizationId = rs.wasNull() ? null : new OrganizationId(organization);
    return new Account(
        new AccountId(rs.getLong("id")),
        rs.getString("username"),
        rs.getString("email"),
        rs.getString("display_name"),
        organizationId,
        rs.getString("country_code"),
        Set.of(),
        rs.getBoolean("must_change_password"),
        rs.getBoolean("enabled"),
        rs.getString("language"));
  }
}
