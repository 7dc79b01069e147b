package org.plenary.demo;

import java.time.Duration;
import java.time.Instant;
import org.plenary.account.AccountDirectory;
import org.plenary.shared.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Loads the demo at start. On the embedded demo database (rebuilt empty at every start) it always
 * does; with {@code plenary.demo.circular-after-start} (which {@code --demo} on the command line sets,
 * and the tests leave off so that their context starts with it) it issues the demo's TSB Circular 114,
 * whose PDFs in six languages are a tenth of the main thread's work at start, on a thread of its own
 * once the rest is loaded, so that the server is ready without waiting for it. On an external database
 * ({@code spring.datasource.url} set, e.g. PostgreSQL shared by several
 * nodes) it loads the demo only when that database holds no account, under the lease
 * {@code demo-load}: of several nodes started together one loads it while the others wait for it to
 * finish, then join it; a node started later joins at once.
 */
@Component
@Profile("demo")
class DemoStart implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoStart.class);
  private static final Duration LOADING = Duration.ofMinutes(10);

  private final DemoData demo;
  private final AccountDirectory accounts;
  private final Leases leases;
  private final boolean external;
  private final boolean circularAfterStart;

  DemoStart(DemoData demo, AccountDirectory accounts, Leases leases, Environment environment) {
    this.demo = demo;
    this.accounts = accounts;
    this.leases = leases;
    this.external = DemoEnvironment.external(environment);
    this.circularAfterStart = environment.getProperty("plenary.demo.circular-after-start", Boolean.class, false);
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    if (!external && circularAfterStart) {
      demo.loadAllButCircular();
      Thread.ofPlatform().name("demo-circular").daemon().start(this::issueCircular);
      return;
    }
    if (!external) {
      demo.load();
      return;
    }
    Instant giveUp = Instant.now().plus(LOADING);
    while (!leases.tryAcquire("demo-load", LOADING)) {
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException("Another node has been loading the demo for " + LOADING + "; start again.");
      }
      Thread.sleep(500); // another node is loading the demo: wait for it to finish
    }
    try {
      if (accounts.any()) {
        log.info("The database already holds accounts: the demo is not loaded again; this node joins it.");
      } else {
        demo.load();
      }
    } finally {
      leases.release("demo-load");
    }
  }

  /** Issues Circular 114 in its own transaction: a stop before it commits leaves no circular (the next start rebuilds the demo). */
  private void issueCircular() {
    try {
      demo.issueCircular114();
      log.info("Demo data: TSB Circular 114 issued.");
    } catch (RuntimeException e) {
      log.warn("Demo data: TSB Circular 114 could not be issued: {}", e.toString());
    }
  }
}
