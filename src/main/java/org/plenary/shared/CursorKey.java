package org.plenary.shared;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key of the HMAC that signs list cursors ({@link Paged}): one per installation, kept in the database
 * ({@code site_keys}) so that every node of several agrees on it, a cursor one node gave is taken by the others and
 * a cursor none gave is refused. The first node to start makes it (32 random bytes); a node starting at the same
 * moment loses the INSERT's race and reads the winner's.
 */
@Component
class CursorKey {

  static final String NAME = "list-cursor-hmac";

  private final byte[] key;

  CursorKey(JdbcClient jdbc) {
    this.key = Base64.getDecoder().decode(shared(jdbc));
    Paged.keyCursorsWith(key);
  }

  /** The key's bytes (for tests that check several nodes agree). */
  byte[] bytes() {
    return key.clone();
  }

  private static String shared(JdbcClient jdbc) {
    var stored = jdbc.sql("SELECT secret FROM site_keys WHERE name = ?").param(NAME).query(String.class).optional();
    if (stored.isPresent()) {
      return stored.get();
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    try {
      jdbc.sql("INSERT INTO site_keys (name, secret) VALUES (?, ?)")
          .params(NAME, Base64.getEncoder().encodeToString(fresh)).update();
    } catch (DuplicateKeyException raced) {
      // another node made it first: its key is the one every node uses
    }
    return jdbc.sql("SELECT secret FROM site_keys WHERE name = ?").param(NAME).query(String.class).single();
  }
}
