package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.ftp.FtpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The passive range is shared by every delegate: a listener waits for its data connection up to the data timeout,
 * and ten anonymous sessions from one address, each renewing its listener with another PASV, left the eleventh
 * delegate with "425 Every passive port is in use". One address now holds at most half the range waiting (one more
 * waits up to {@code plenary.ftp.passive-wait}, here 1.5 s, for its turn, then gets 425); a session
 * holds one listener (a new PASV/EPSV gives back the old); a session not signed in gets none (530). Commons Net over
 * real sockets, with a range of four ports, clients on 127.0.0.1 and 127.0.0.2.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-passive;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-passive-${random.uuid}",
    "plenary.ftp.data-timeout=60s",
    "plenary.ftp.passive-wait=1500ms"})
class FtpPassivePoolAttackTests {

  static final int PORTS = 4;

  @Autowired FtpServer server;

  @DynamicPropertySource
  static void passiveRange(DynamicPropertyRegistry registry) throws IOException {
    registry.add("plenary.ftp.passive-ports", () -> {
      int first = freeRange();
      return first + "-" + (first + PORTS - 1);
    });
  }

  @Test
  void oneAddressCannotTakeTheWholePassiveRange() throws Exception {
    List<FTPClient> opened = new ArrayList<>();
    try {
      FTPClient before = client("127.0.0.1", opened);
      assertThat(before.sendCommand("PASV")).as("PASV before sign-in").isEqualTo(530);
      assertThat(before.sendCommand("EPSV")).as("EPSV before sign-in").isEqualTo(530);
      before.login("anonymous", "a@b");
      assertThat(before.sendCommand("PASV")).as("first listener of 127.0.0.1").isEqualTo(227);
      FTPClient second = signedIn("127.0.0.1", opened);
      assertThat(second.sendCommand("EPSV")).as("second listener of 127.0.0.1").isEqualTo(229);
      for (int renewal = 0; renewal < 5; renewal++) { // renewing gives the old one back: still two
        assertThat(second.sendCommand(renewal % 2 == 0 ? "PASV" : "EPSV")).as("renewal " + renewal).isBetween(227, 229);
      }
      for (int more = 0; more < 6; more++) {
        FTPClient greedy = signedIn("127.0.0.1", opened);
        assertThat(greedy.sendCommand("PASV")).as("listener " + (3 + more) + " of 127.0.0.1").isEqualTo(425);
        assertThat(greedy.getReplyString()).contains("Your address already has 2 data connections waiting");
      }
      FTPClient other = signedIn("127.0.0.2", opened);
      assertThat(other.sendCommand("PASV")).as("another address still gets a port").isEqualTo(227);
      other.enterLocalPassiveMode();
      assertThat(other.listNames("/")).as("and its transfer runs").isNotNull();
      FTPClient another = signedIn("127.0.0.2", opened);
      another.enterLocalPassiveMode();
      assertThat(another.listNames("/")).isNotNull();
      // A listener that got its connection is no longer waiting: the first address transfers as it likes.
      before.enterLocalPassiveMode();
      before.abort();
      for (int i = 0; i < 5; i++) {
        assertThat(before.listNames("/")).as("listing " + i + " of 127.0.0.1").isNotNull();
      }
    } finally {
      for (FTPClient client : opened) {
        try {
          client.disconnect();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }

  /**
   * One listener more than the address's share waits for its turn rather than being refused: 200 delegates behind one
   * NAT ask for hundreds of listeners within a second, each held for a round trip (FtpVenueBehindOneAddressTests).
   * Here the third PASV of 127.0.0.3 (a share of two) is answered 227 as soon as the first listener gets its connection.
   */
  @Test
  void aListenerOverTheShareWaitsItsTurnAndGetsThePortThatFrees() throws Exception {
    List<FTPClient> opened = new ArrayList<>();
    try {
      FTPClient first = signedIn("127.0.0.3", opened);
      assertThat(first.sendCommand("PASV")).isEqualTo(227);
      var numbers = java.util.regex.Pattern.compile("(\\d+),(\\d+)\\)").matcher(first.getReplyString());
      assertThat(numbers.find()).isTrue();
      int port = Integer.parseInt(numbers.group(1)) * 256 + Integer.parseInt(numbers.group(2));
      assertThat(signedIn("127.0.0.3", opened).sendCommand("EPSV")).isEqualTo(229);
      FTPClient third = signedIn("127.0.0.3", opened);
      var answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return third.sendCommand("PASV");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Thread.sleep(700);
      assertThat(answer).as("waits for its turn").isNotDone();
      long start = System.nanoTime();
      try (var data = new java.net.Socket()) {
        data.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
        data.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        assertThat(answer.get(4, java.util.concurrent.TimeUnit.SECONDS)).as(third.getReplyString()).isEqualTo(227);
      }
      assertThat((System.nanoTime() - start) / 1_000_000).as("answered when the port freed").isLessThan(2_000);
    } finally {
      for (FTPClient client : opened) {
        try {
          client.disconnect();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }

  /** The wait for a turn is the configured one (5 s by default), not a constant. */
  @Test
  void aListenerOverTheShareWaitsThePassiveWaitThenGets425() throws Exception {
    List<FTPClient> opened = new ArrayList<>();
    try {
      assertThat(signedIn("127.0.0.4", opened).sendCommand("PASV")).isEqualTo(227);
      assertThat(signedIn("127.0.0.4", opened).sendCommand("EPSV")).isEqualTo(229);
      FTPClient third = signedIn("127.0.0.4", opened);
      long start = System.nanoTime();
      assertThat(third.sendCommand("PASV")).isEqualTo(425);
      assertThat((System.nanoTime() - start) / 1_000_000).as("waited plenary.ftp.passive-wait").isBetween(1_400L, 3_000L);
      assertThat(third.sendCommand("NOOP")).isEqualTo(200);
    } finally {
      for (FTPClient client : opened) {
        try {
          client.disconnect();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }

  private FTPClient signedIn(String from, List<FTPClient> opened) throws IOException {
    FTPClient ftp = client(from, opened);
    assertThat(ftp.login("anonymous", "a@b")).isTrue();
    return ftp;
  }

  private FTPClient client(String from, List<FTPClient> opened) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(10_000);
    ftp.setPassiveLocalIPAddress(InetAddress.getByName(from)); // the data connection from the control's address
    ftp.connect(InetAddress.getByName("127.0.0.1"), server.port(), InetAddress.getByName(from), 0);
    opened.add(ftp);
    return ftp;
  }

  /** The first of {@link #PORTS} consecutive ports free now. */
  private static int freeRange() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first;
      try (ServerSocket probe = new ServerSocket(0)) {
        first = probe.getLocalPort();
      } catch (IOException e) {
        continue;
      }
      if (first + PORTS > 65535) {
        continue;
      }
      boolean free = true;
      for (int port = first; port < first + PORTS && free; port++) {
        try (ServerSocket probe = new ServerSocket(port)) {
          probe.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return first;
      }
    }
    throw new IllegalStateException("no four free ports in a row");
  }
}
