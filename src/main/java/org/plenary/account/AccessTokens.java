package org.plenary.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.plenary.shared.TtlCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal access tokens for API and FTP clients: a random secret shown once, stored as its
 * SHA-256 (a lookup key, so no slow hash is needed for 256 random bits).
 */
@Component
public class AccessTokens {

  private static final String PREFIX = "plenary_";
  /** Never digested itself: each hash clones it. */
  private static final MessageDigest SHA_256 = sha256();
  private final SecureRandom random = new SecureRandom();
  private final JdbcClient jdbc;
  private final CurrentAccounts accounts;
  private final Duration validity;
  private final Clock clock;
  /** Token hash to its account and expiry, for tokens found; the expiry is checked on every use. */
  private final TtlCache<String, Optional<Owner>> recent;
  private final java.util.Map<String, Instant> lastUse = new java.util.concurrent.ConcurrentHashMap<>();
  private final TransactionTemplate readOnly;
  private final TransactionTemplate readWrite;

  AccessTokens(PlatformTransactionManager transactions, JdbcClient jdbc, CurrentAccounts accounts,
      @Value("${plenary.tokens.validity:90d}") Duration validity, Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.validity = validity;
    this.clock = clock;
    this.recent = new TtlCache<>(RECHECK, 10_000, clock);
    this.readWrite = new TransactionTemplate(transactions);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  @Transactional
  public IssuedToken issue(AccountId account, String name) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expires = now.plus(validity);
    jdbc.sql("""
            INSERT INTO access_tokens (account_id, name, token_hash, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?)""")
        .params(account.value(), name, hash(token), utc(now), utc(expires)).update();
    return new IssuedToken(token, expires);
  }

  /**
   * The enabled account a valid, unexpired token belongs to, with its roles as they are now. Which
   * account a token belongs to is kept for a few seconds, so a busy API client does not cost a query
   * per request: a token revoked on this node stops working at once, one revoked on another node
   * within {@link #RECHECK}. An expiry is known in advance, so a token stops working at its expiry
   * instant even while its answer is kept. A disabled account's tokens stop working at once on this
   * node ({@link CurrentAccounts}).
   */
  public Optional<PlenaryUser> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = hash(token);
    return owner(hash).flatMap(id -> accounts.get(new AccountId(id))).map(state -> new PlenaryUser(state, hash));
  }

  /** Whether the token with this hash is still valid (not revoked, not expired). */
  boolean valid(String hash) {
    return owner(hash).isPresent();
  }

  private Optional<Long> owner(String hash) {
    Instant now = clock.instant();
    return recent.get(hash, () -> lookUp(hash)).filter(owner -> owner.expires().isAfter(now)).map(Owner::account);
  }

  /** A token's account and the instant it expires. */
  private record Owner(long account, Instant expires) {}

  private Optional<Owner> lookUp(String hash) {
    Instant now = clock.instant();
    return readOnly.execute(status -> {
      Optional<Owner> owner = jdbc.sql("SELECT account_id, expires_at FROM access_tokens WHERE token_hash = ? AND expires_at > ?")
          .params(hash, utc(now))
          .query((rs, row) -> new Owner(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant())).optional();
      owner.ifPresent(o -> lastUse.put(hash, now));
      return owner;
    });
  }

  /**
   * Writes when tokens were last used, at most once a minute and in one transaction: a write per
   * request would cost a commit each time, on the request's path.
   */
  @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
  public void recordUse() {
    if (lastUse.isEmpty()) {
      return;
    }
    var uses = new java.util.HashMap<>(lastUse);
    uses.keySet().forEach(lastUse::remove);
    readWrite.executeWithoutResult(status -> uses.forEach((hash, at) ->
        jdbc.sql("UPDATE access_tokens SET last_used_at = ? WHERE token_hash = ?").params(utc(at), hash).update()));
  }

  /** How long a token's answer is reused before the database is asked again. */
  public static final Duration RECHECK = Duration.ofSeconds(5);

  public List<AccessToken> list(AccountId account) {
    recordUse();
    return jdbc.sql("""
            SELECT id, name, created_at, expires_at, last_used_at FROM access_tokens
            WHERE account_id = ? ORDER BY created_at DESC""")
        .param(account.value()).query(this::token).list();
  }

  @Transactional
  public void revoke(AccountId account, long tokenId) {
    jdbc.sql("DELETE FROM access_tokens WHERE id = ? AND account_id = ?").params(tokenId, account.value()).update();
    recent.clear();
  }

  /**
   * Deletes every token of the account (it is disabled): enabling it again revives none. The kept answers are
   * forgotten now and again once the deletion commits, so none read meanwhile outlives it.
   */
  @Transactional
  public void revokeAll(AccountId account) {
    jdbc.sql("DELETE FROM access_tokens WHERE account_id = ?").param(account.value()).update();
    recent.clear();
    org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
        new org.springframework.transaction.support.TransactionSynchronization() {
          @Override
          public void afterCommit() {
            recent.clear();
          }
        });
  }

  private AccessToken token(ResultSet rs, int row) throws SQLException {
    OffsetDateTime used = rs.getObject("last_used_at", OffsetDateTime.class);
    return new AccessToken(rs.getLong("id"), rs.getString("name"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
        used == null ? null : used.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * The SHA-256 of the text's UTF-8 bytes, in hex: from a clone of one digest, not a look-up of the algorithm among
   * the security providers on each request.
   */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(((MessageDigest) SHA_256.clone()).digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (CloneNotSupportedException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
