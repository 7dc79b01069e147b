package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Set;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.ftp.FtpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Attacks on FTP sign-in and on open FTP sessions with real sockets (Commons Net), from several
 * loopback addresses: the same throttle, the same cost for unknown users and the same re-check of
 * rights as the web and the API (issue 10, items 3, 4 and 5).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = IdentityAttackTests.SETTINGS)
class FtpSignInAttackTests {

  private static final String RETRY = "Try again after \\d\\d:\\d\\d UTC \\(in \\d+ minutes?\\)\\.";

  @Autowired FtpServer server;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  @BeforeEach
  void accounts() {
    for (String name : new String[] {"ftp-victim", "ftp-mallory", "ftp-spread", "ftp-open", "ftp-pass", "ftp-token"}) {
      account(name);
    }
    for (int i = 0; i < 10; i++) {
      account("ftp-timing-" + i);
    }
  }

  @Test
  void signingInAsOneAccountGivesNoMoreGuessesAtAnotherAndLockOutsSayWhenToRetry() throws Exception {
    String attacker = IdentityAttackTests.address();
    FTPClient ftp = connect(attacker);
    assertThat(ftp.login("ftp-victim", "guess-1")).isFalse();
    assertThat(ftp.login("FTP-VICTIM", "guess-2")).isFalse();
    assertThat(ftp.login("ftp-mallory", "ftp-mallory-pass")).as("own account").isTrue();
    ftp.disconnect();
    ftp = connect(attacker);
    assertThat(ftp.login("Ftp-Victim", "guess-3")).isFalse();
    assertThat(ftp.login("ftp-victim", "ftp-victim-pass")).as("locked: the right password is refused").isFalse();
    assertThat(ftp.getReplyString()).startsWith("530 ").containsPattern(RETRY);
    ftp.disconnect();
    FTPClient elsewhere = connect(IdentityAttackTests.address());
    assertThat(elsewhere.login("ftp-victim", "ftp-victim-pass")).as("from another address too").isFalse();
    assertThat(elsewhere.getReplyString()).containsPattern(RETRY);
    elsewhere.disconnect();

    // Spraying over many usernames from one address: successes in between do not reset the address's counter.
    String sprayer = IdentityAttackTests.address();
    for (int i = 0; i < 5; i++) {
      FTPClient spray = connect(sprayer);
      assertThat(spray.login("ftp-spray-" + i, "guess")).isFalse();
      assertThat(spray.login("ftp-spread", "ftp-spread-pass")).isTrue();
      spray.disconnect();
    }
    FTPClient last = connect(sprayer);
    assertThat(command(last, "USER ftp-spray-5")).startsWith("331 ");
    assertThat(command(last, "PASS guess")).startsWith("421 ").containsPattern(RETRY);
    last.disconnect();
    FTPClient again = new FTPClient();
    try {
      again.connect(InetAddress.getLoopbackAddress(), server.port(), InetAddress.getByName(sprayer), 0);
    } catch (FTPConnectionClosedException expected) {
      // Commons Net closes on 421; the reply is kept.
    }
    assertThat(again.getReplyString()).startsWith("421 ").containsPattern(RETRY);
    again.disconnect();
  }

  @Test
  void anUnknownUsernameCostsTheSameWorkAndGetsTheSameReplyAsAWrongPasswordOverFtp() throws Exception {
    var unknown = new ArrayList<Long>();
    var wrong = new ArrayList<Long>();
    for (int i = 0; i < 10; i++) {
      FTPClient ftp = connect(IdentityAttackTests.address());
      ftp.user("ftp-nobody-" + i);
      long start = System.nanoTime();
      ftp.pass("guess");
      unknown.add(System.nanoTime() - start);
      String unknownReply = ftp.getReplyString();
      ftp.user("ftp-timing-" + i);
      start = System.nanoTime();
      ftp.pass("guess");
      wrong.add(System.nanoTime() - start);
      assertThat(ftp.getReplyString()).isEqualTo(unknownReply).startsWith("530 ");
      ftp.disconnect();
    }
    assertThat(IdentityAttackTests.median(unknown) / IdentityAttackTests.median(wrong))
        .as("FTP PASS: unknown user / wrong password").isBetween(0.5, 2.0);
  }

  @Test
  void anOpenFtpSessionEndsWithTheReasonWhenItsAccountIsDisabled() throws Exception {
    FTPClient ftp = connect(IdentityAttackTests.address());
    assertThat(ftp.login("ftp-open", "ftp-open-pass")).isTrue();
    assertThat(ftp.printWorkingDirectory()).isEqualTo("/");
    accounts.setEnabled(accounts.find("ftp-open").orElseThrow().id(), false);
    assertThat(command(ftp, "CWD /t")).startsWith("421 ").contains("Your account was disabled");
    assertThat(ftp.getReplyString()).startsWith("421 ");
    assertThatThrownBy(ftp::sendNoOp).as("the connection is closed").isInstanceOf(IOException.class);
    accounts.setEnabled(accounts.findEvenDisabled("ftp-open").orElseThrow().id(), true);
    ftp.disconnect();
  }

  @Test
  void commandsThatNeedNoSignInStillReadNothingForADisabledAccount() throws Exception {
    FTPClient ftp = connect(IdentityAttackTests.address());
    assertThat(ftp.login("ftp-open", "ftp-open-pass")).isTrue();
    accounts.setEnabled(accounts.find("ftp-open").orElseThrow().id(), false);
    assertThat(command(ftp, "STAT /t/fg/")).as("STAT with a path reads as the account").startsWith("421 ")
        .contains("Your account was disabled");
    accounts.setEnabled(accounts.findEvenDisabled("ftp-open").orElseThrow().id(), true);
    ftp.disconnect();
  }

  @Test
  void anOpenFtpSessionEndsWhenThePasswordChangesOrItsTokenIsRevoked() throws Exception {
    FTPClient byPassword = connect(IdentityAttackTests.address());
    assertThat(byPassword.login("ftp-pass", "ftp-pass-pass")).isTrue();
    var id = accounts.find("ftp-pass").orElseThrow().id();
    accounts.changePassword(id, IdentityAttackTests.address(), "ftp-pass-pass", "ftp-pass-new");
    assertThat(command(byPassword, "PWD")).startsWith("421 ").contains("Your password was changed");
    byPassword.disconnect();

    var tokenOwner = accounts.find("ftp-token").orElseThrow().id();
    String token = tokens.issue(tokenOwner, "ftp").token();
    FTPClient byToken = connect(IdentityAttackTests.address());
    assertThat(byToken.login("ftp-token", token)).isTrue();
    assertThat(byToken.printWorkingDirectory()).isEqualTo("/");
    tokens.revoke(tokenOwner, tokens.list(tokenOwner).stream().filter(t -> t.name().equals("ftp")).findFirst().orElseThrow().id());
    assertThat(command(byToken, "PWD")).startsWith("421 ").contains("access token you signed in with was revoked");
    byToken.disconnect();
  }

  /**
   * Typed text past what anything reads: a USER of 2,000 characters, a PASS past bcrypt's 72 bytes (bcrypt throws on
   * one), a PASS past the line limit. Each is a reply with a sentence and the session goes on: never a disconnect
   * without a reply, never a 5xx from deeper code.
   */
  @Test
  void overlongUserAndPassAreRepliesWithASentenceAndTheSessionGoesOn() throws Exception {
    FTPClient ftp = connect(IdentityAttackTests.address());
    assertThat(ftp.login("u".repeat(2000), "guess")).isFalse();
    assertThat(ftp.getReplyString()).as("a USER past any name's bound (ftp.ArgumentBounds)").matches("(?s)501 [A-Z].{10,}");
    assertThat(ftp.login("ftp-pass", "x".repeat(73))).isFalse();
    assertThat(ftp.getReplyString()).startsWith("530 ").matches("(?s)530 [A-Z].{10,}");
    // bcrypt compares the first 72 bytes only: a password of 72 followed by anything matched it.
    String seventyTwo = "p".repeat(72);
    if (accounts.findEvenDisabled("ftp-bytes72").isEmpty()) {
      accounts.create(new NewAccount("ftp-bytes72", "ftp-bytes72@attack.example", "B", null, null, Set.of()), seventyTwo,
          false);
    }
    assertThat(ftp.login("ftp-bytes72", seventyTwo + "anything")).as("past 72 bytes: not the same password").isFalse();
    assertThat(ftp.getReplyString()).startsWith("530 ");
    assertThat(ftp.login("ftp-bytes72", seventyTwo)).isTrue();
    ftp.logout();
    ftp.disconnect();
    ftp = connect(IdentityAttackTests.address());
    assertThat(ftp.login("ftp-pass", "密".repeat(100))).isFalse();
    assertThat(ftp.getReplyString()).startsWith("530 ");
    assertThat(command(ftp, "NOOP")).startsWith("200 ");
    assertThat(ftp.login("ftp-pass", "ftp-pass-pass")).as("the session goes on").isTrue();
    ftp.disconnect();
    // A line past the limit is answered with a sentence before the connection closes (a line that long is no client's).
    FTPClient flood = connect(IdentityAttackTests.address());
    assertThat(command(flood, "USER ftp-pass")).startsWith("331 ");
    assertThat(command(flood, "PASS " + "x".repeat(5000))).matches("(?s)5\\d\\d [A-Z].{10,}");
    flood.disconnect();
  }

  private void account(String username) {
    if (accounts.findEvenDisabled(username).isEmpty()) {
      accounts.create(new NewAccount(username, username + "@attack.example", username, null, null, Set.of()),
          username + "-pass", false);
    }
  }

  /** Sends a command and returns the reply, also a 421 on which Commons Net closes the connection. */
  private static String command(FTPClient ftp, String line) throws IOException {
    try {
      ftp.sendCommand(line);
    } catch (FTPConnectionClosedException closed) {
      // The reply that closed it is kept.
    }
    return ftp.getReplyString();
  }

  private FTPClient connect(String from) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(10_000);
    ftp.connect(InetAddress.getLoopbackAddress(), server.port(), InetAddress.getByName(from), 0);
    assertThat(ftp.getReplyString()).startsWith("220 ");
    return ftp;
  }
}
