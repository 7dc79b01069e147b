package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slow readers, straight to Plenary (no proxy): one client opens more connections than Tomcat has threads, each
 * asking for a published folder's ZIP of 6 MB and reading it a byte a second through a 4 KiB receive buffer (as
 * {@code bench/slowread.py}). Real sockets; the attacker reads from 127.0.0.2, the honest reader from 127.0.0.1. A
 * pool of 8 threads stands for the 200 of a production server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-slow-reader;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-slow-reader-${random.uuid}",
    "plenary.ftp.enabled=false",
    "server.tomcat.threads.max=8",
    "server.tomcat.threads.min-spare=2",
    "plenary.http.min-response-rate-window=2s",
    "plenary.http.max-slow-responses-per-client=3",
    "plenary.http.max-slow-responses=5"})
class SlowReaderAttackTests {

  @LocalServerPort int port;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void slowReadersOfALargeZipAreCutAndHoldNoThreadFromOthers() throws Exception {
    ArchiveFixture f = ArchiveFixture.create("sread", "FG Sread", groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, "sread", "slow", true);
    var random = new Random(7);
    for (int i = 0; i < 2; i++) {
      byte[] content = new byte[3 << 20];
      random.nextBytes(content);
      f.publish("slow", "Large part " + i, content);
    }
    String zip = "/t/fg/sread/docs/slow/in.zip";
    var attacker = new ArrayList<Socket>();
    var received = new long[20];
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < received.length; i++) {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(1);
        socket.getOutputStream().write(("GET " + zip + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        attacker.add(socket);
      }
      var statuses = new String[received.length];
      var head = new byte[12];
      trickle.scheduleAtFixedRate(() -> {
        for (int i = 0; i < attacker.size(); i++) {
          try {
            InputStream in = attacker.get(i).getInputStream();
            if (statuses[i] == null) {
              int n = in.readNBytes(head, 0, 12);
              statuses[i] = n == 12 ? new String(head, 9, 3, StandardCharsets.US_ASCII) : "cut";
            } else if (in.read() >= 0) {
              received[i]++;
            }
          } catch (java.net.SocketTimeoutException nothingYet) {
            // a byte a second, when there is one
          } catch (IOException cut) {
            // closed by the server
          }
        }
      }, 0, 1, TimeUnit.SECONDS);
      Thread.sleep(5_000);

      // The honest reader is answered at once.
      long started = System.nanoTime();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

      // A fast reader of the same ZIP gets all of it, a whole archive.
      HttpResponse<InputStream> fast = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + zip))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(fast.statusCode()).isEqualTo(200);
      long members = 0;
      long bytes = 0;
      try (var entries = new ZipInputStream(fast.body())) {
        for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
          if (!entry.isDirectory() && entry.getName().endsWith(".pdf")) {
            members++;
            bytes += entries.transferTo(java.io.OutputStream.nullOutputStream());
          }
        }
      }
      assertThat(members).isEqualTo(2);
      assertThat(bytes).isEqualTo(2L * (3 << 20));

      // Every slow reader was refused (503 with a time to come back) or its connection closed: none holds a thread.
      trickle.shutdownNow();
      trickle.awaitTermination(5, TimeUnit.SECONDS);
      int refused = 0;
      for (int i = 0; i < attacker.size(); i++) {
        Socket socket = attacker.get(i);
        socket.setSoTimeout(3_000);
        if ("503".equals(statuses[i])) {
          refused++;
          continue;
        }
        assertThat(closedByServer(socket)).as("slow reader %d (%s) closed by the server", i, statuses[i]).isTrue();
      }
      assertThat(refused).isPositive();
    } finally {
      trickle.shutdownNow();
      for (Socket socket : attacker) {
        socket.close();
      }
    }
  }

  /** Whether the connection ends (closed or reset) within the socket's timeout when its buffered bytes are read. */
  private static boolean closedByServer(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < deadline) {
        if (in.read(buffer) < 0) {
          return true;
        }
      }
      return false;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
