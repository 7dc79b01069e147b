package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.ftp.FtpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A meeting's venue behind one address, declared as such ({@code plenary.venue-addresses=127.0.0.1}), with every
 * per-address limit at its default (20 connections, 20 failed sign-ins, half of a ten-port passive range): sixty
 * delegates at once each mistype their password once, then sign in over FTP (all connected together) and list the
 * folder, and sign in on the API. Without the declaration the 21st delegate was refused at connect (421) and the
 * twentieth typo locked the whole venue out (FTP 421, API 429). An ordinary address (127.0.0.2) is still capped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-venue-addresses;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/venue-addresses-${random.uuid}",
    "plenary.ftp.passive-ports=19600-19609",
    "plenary.venue-addresses=127.0.0.1"})
class VenueAddressesTests {

  static final int DELEGATES = 60;

  @Autowired FtpServer server;
  @Autowired AccountDirectory accounts;
  @LocalServerPort int port;

  @Test
  void sixtyDelegatesWithATypoEachSignInListAndGetTokensFromTheDeclaredVenue() throws Exception {
    for (int d = 0; d < DELEGATES; d++) {
      accounts.create(new NewAccount("venue-" + d, "venue-" + d + "@venue.example", "Delegate " + d, null, null,
          Set.of()), "right-pass-" + d, false);
    }
    Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    AtomicInteger listed = new AtomicInteger();
    CountDownLatch connected = new CountDownLatch(DELEGATES);
    CountDownLatch go = new CountDownLatch(1);
    try (var delegates = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int d = 0; d < DELEGATES; d++) {
        int delegate = d;
        delegates.submit(() -> {
          FTPClient ftp = new FTPClient();
          ftp.setDefaultTimeout(60_000);
          try {
            ftp.connect("127.0.0.1", server.port());
            connected.countDown();
            go.await();
            if (ftp.login("venue-" + delegate, "wrong-pass")) {
              refused.computeIfAbsent("typo accepted", k -> new AtomicInteger()).incrementAndGet();
            }
            if (!ftp.login("venue-" + delegate, "right-pass-" + delegate)) {
              refused.computeIfAbsent("sign-in " + ftp.getReplyCode(), k -> new AtomicInteger()).incrementAndGet();
              return null;
            }
            ftp.enterLocalPassiveMode();
            if (ftp.listNames("/") == null) {
              refused.computeIfAbsent("list " + ftp.getReplyCode(), k -> new AtomicInteger()).incrementAndGet();
            } else {
              listed.incrementAndGet();
            }
            ftp.logout();
          } catch (Exception e) {
            connected.countDown();
            refused.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
          } finally {
            disconnect(ftp);
          }
          return null;
        });
      }
      assertThat(connected.await(60, TimeUnit.SECONDS)).isTrue();
      go.countDown();
    }
    assertThat(refused).as("FTP refusals by code").isEmpty();
    assertThat(listed.get()).isEqualTo(DELEGATES);

    HttpClient http = HttpClient.newHttpClient();
    List<String> api = new ArrayList<>();
    for (int d = 0; d < DELEGATES; d++) {
      int typo = token(http, "venue-" + d, "wrong-again");
      int right = token(http, "venue-" + d, "right-pass-" + d);
      if (typo != 401 || right / 100 != 2) {
        api.add("venue-" + d + ": " + typo + " then " + right);
      }
    }
    assertThat(api).as("API sign-ins after one typo each").isEmpty();
  }

  @Test
  void anOrdinaryAddressBesideTheVenueIsStillCappedAtTwentyConnections() throws Exception {
    List<FTPClient> held = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        FTPClient ftp = new FTPClient();
        ftp.connect(InetAddress.getByName("127.0.0.1"), server.port(), InetAddress.getByName("127.0.0.2"), 0);
        held.add(ftp);
        assertThat(ftp.getReplyCode()).isEqualTo(220);
      }
      FTPClient one = new FTPClient();
      held.add(one);
      // Commons Net turns a 421 greeting into an exception carrying the reply.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> one.connect(InetAddress.getByName("127.0.0.1"),
          server.port(), InetAddress.getByName("127.0.0.2"), 0)).hasMessageContaining("421");
    } finally {
      held.forEach(VenueAddressesTests::disconnect);
    }
  }

  private int token(HttpClient http, String username, String password) throws Exception {
    String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void disconnect(FTPClient ftp) {
    try {
      ftp.disconnect();
    } catch (java.io.IOException ignored) {
      // closing
    }
  }
}
