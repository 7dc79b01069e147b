package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.ftp.FtpServer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A venue that was never declared in {@code plenary.venue-addresses}, behind one NAT, at the defaults: its delegates'
 * typos count on the address once per username, so twenty delegates mistyping (some twice) do not lock out the
 * twenty-first, while one username hammered is locked and a sprayer rotating through its IPv6 /64 is locked as one
 * address. The counters are the database's: a second throttle on the same database (another node) sees them.
 * Each test takes addresses no other test of the shared context uses.
 */
@DemoTest
class VenueSignInTests {

  @Autowired FtpServer ftp;
  @Autowired SignInThrottle throttle;
  @Autowired SignInFailures failures;
  @Autowired Clock clock;

  @Test
  void twentyDelegatesTyposFromOneUndeclaredAddressDoNotLockTheTwentyFirstDelegatesGoodSignIn() throws Exception {
    String venue = "127.0.9.1";
    var typos = new ArrayList<Callable<Boolean>>();
    for (int d = 0; d < 20; d++) {
      String delegate = "venue-delegate-" + d;
      typos.add(() -> signIn(venue, delegate, "typo"));
      if (d % 2 == 0) {
        typos.add(() -> signIn(venue, delegate, "typo-again"));
      }
    }
    // Ten at once: the connections from one address stay under their own cap (20).
    try (var delegates = Executors.newFixedThreadPool(10)) {
      for (var typo : delegates.invokeAll(typos)) {
        assertThat(typo.get()).isFalse();
      }
    }
    assertThat(throttle.lockedUntil(venue)).as("thirty typos of twenty delegates").isEmpty();
    assertThat(signIn(venue, "alice", "alice-demo")).as("the twenty-first delegate").isTrue();
  }

  @Test
  void oneUsernameHammeredFromOneAddressIsLockedAndCountsOnceOnTheAddress() throws Exception {
    String address = "127.0.9.2";
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(address, "venue-hammered", "guess-" + i)).isFalse();
    }
    assertThat(throttle.lockedUntil(address, "venue-hammered")).isPresent();
    assertThat(throttle.attempt("198.51.100.200", "venue-hammered")).as("from any address").isPresent();
    assertThat(throttle.lockedUntil(address)).isEmpty();
    assertThat(signIn(address, "bob", "bob-demo")).as("a colleague behind the same address").isTrue();
  }

  @Test
  void aSprayerRotatingThroughItsSlash64IsLockedAsOneAddressOnEveryNode() {
    var otherNode = new SignInThrottle(5, 50, Duration.ofMinutes(15), 1_000, clock, failures, "");
    for (int i = 0; i < 49; i++) {
      String rotated = "2001:db8:77:1:" + Integer.toHexString(i + 1) + "::" + Integer.toHexString(i + 7);
      SignInThrottle node = i % 2 == 0 ? throttle : otherNode;
      assertThat(node.attempt(rotated, "sprayed-" + i)).as("guess %d", i).isEmpty();
      node.failed(rotated, "sprayed-" + i);
    }
    assertThat(throttle.lockedUntil("2001:db8:77:1::1")).as("49 names are below the limit").isEmpty();
    assertThat(otherNode.attempt("2001:db8:77:1:ffff:ffff:ffff:ffff", "sprayed-49")).isEmpty();
    otherNode.failed("2001:db8:77:1:ffff:ffff:ffff:ffff", "sprayed-49");
    assertThat(throttle.lockedUntil("2001:db8:77:1:abcd::1")).as("the fiftieth name, on the other node").isPresent();
    assertThat(throttle.attempt("2001:db8:77:1::2", "own")).isPresent();
    assertThat(throttle.lockedUntil("2001:db8:77:2::1")).as("the next /64").isEmpty();
  }

  /** Signs in over FTP from {@code from} (Commons Net), true when it was accepted. */
  private boolean signIn(String from, String username, String password) throws Exception {
    FTPClient client = new FTPClient();
    client.setDefaultTimeout(20_000);
    client.connect(InetAddress.getByName("127.0.0.1"), ftp.port(), InetAddress.getByName(from), 0);
    try {
      return client.login(username, password);
    } finally {
      client.disconnect();
    }
  }
}
