package org.plenary.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.plenary.shared.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outside demo mode, the first start of an empty database opens an {@code admin} account whose
 * one-time password is printed once and must be changed at the first sign-in. An automated
 * install may give the password instead ({@code plenary.admin-password}); it is then not printed.
 */
@Component
@Profile("!demo")
class FirstAdministrator implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

  private final AccountDirectory directory;
  private final String email;
  private final String configuredPassword;
  private final Leases leases;

  FirstAdministrator(AccountDirectory directory, @Value("${plenary.admin-email:admin@localhost}") String email,
      @Value("${plenary.admin-password:}") String configuredPassword, Leases leases) {
    this.directory = directory;
    this.leases = leases;
    this.email = email;
    this.configuredPassword = configuredPassword;
  }

  /**
   * Under the lease {@code first-administrator}: of several nodes starting together on an empty
   * database, one opens the account and the others, waiting for the lease, then find it.
   */
  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    for (int waited = 0; !leases.tryAcquire("first-administrator", Duration.ofMinutes(1)); waited++) {
      if (waited > 600) {
        throw new IllegalStateException("Another node has held the lease 'first-administrator' for a minute; start again.");
      }
      Thread.sleep(100);
    }
    try {
      openIfNone();
    } finally {
      leases.release("first-administrator");
    }
  }

  private void openIfNone() {
    if (directory.any()) {
      return;
    }
    var roles = Set.of(Role.ADMIN, Role.SECRETARIAT);
    if (!configuredPassword.isBlank()) {
      directory.create(new NewAccount("admin", email, "Administrator", null, null, roles), configuredPassword, false);
      log.info("First start: created the account 'admin' with the password from plenary.admin-password.");
      return;
    }
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    directory.create(new NewAccount("admin", email, "Administrator", null, null, roles), password, true);
    log.warn("""

        ================================================================
          First start: created the account 'admin'.
          One-time password: {}
          Sign in at /sign-in and choose a new password. This is shown once.
        ================================================================""", password);
  }
}
