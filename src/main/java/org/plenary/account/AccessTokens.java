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
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens for API and FTP clients: a random secret shown once, stored as its
 * SHA-256 (a lookup key, so no slow hash is needed for 256 random bits).
 */
@Component
public class AccessTokens {

  private static final String PREFIX = "plenary_";
  private final SecureRandom random = new SecureRandom();
  private final JdbcClient jdbc;
  private final Accounts accounts;
  private final AccountDirectory directory;
  private final Duration validity;
  private final Clock clock;
  private final TtlCache<String, Optional<PlenaryUser>> recent;

  AccessTokens(JdbcClient jdbc, Accounts accounts, AccountDirectory directory,
      @Value("${plenary.tokens.validity:90d}") Duration validity, Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.directory = directory;
    this.validity = validity;
    this.clock = clock;
    this.recent = new TtlCache<>(RECHECK, 10_000, clock);
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
   * The account a valid, unexpired token belongs to. Answers are kept for a few seconds, so a busy
   * API client does not cost four queries per request; a revoked token stops working within
   * {@link #RECHECK}.
   */
  public Optional<PlenaryUser> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = hash(token);
    return recent.get(hash, () -> lookUp(hash));
  }

  private Optional<PlenaryUser> lookUp(String hash) {
    Instant now = clock.instant();
    record Use(long account, OffsetDateTime lastUsed) {}
    Optional<Use> use = jdbc.sql("SELECT account_id, last_used_at FROM access_tokens WHERE token_hash = ? AND expires_at > ?")
        .params(hash, utc(now)).query((rs, n) -> new Use(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).optional();
    // "Last used" is kept to the minute: writing it on every request would cost a commit each time.
    use.filter(u -> u.lastUsed() == null || u.lastUsed().toInstant().isBefore(now.minusSeconds(60)))
        .ifPresent(u -> jdbc.sql("UPDATE access_tokens SET last_used_at = ? WHERE token_hash = ?")
            .params(utc(now), hash).update());
    return use.flatMap(u -> accounts.findById(new AccountId(u.account()))).map(directory::principal);
  }

  /** How long a token's answer is reused before the database is asked again. */
  public static final Duration RECHECK = Duration.ofSeconds(5);

  public List<AccessToken> list(AccountId account) {
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

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
