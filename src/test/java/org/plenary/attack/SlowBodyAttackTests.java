package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slowloris on request bodies, straight to Plenary (no proxy): one client opens more connections than Tomcat has
 * threads, each a POST whose body comes a byte a second. Real sockets; the attacker speaks from 127.0.0.2, the
 * honest reader from 127.0.0.1 (two clients of one loopback). A pool of 8 threads stands for the 200 of a
 * production server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-slow-body;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-slow-body-${random.uuid}",
    "plenary.ftp.enabled=false",
    "server.tomcat.threads.max=8",
    "server.tomcat.threads.min-spare=2",
    "plenary.http.max-body-reads-per-client=3",
    "plenary.http.max-body-reads=5"})
class SlowBodyAttackTests {

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void slowBodiesOfOneClientHoldNoMoreThanItsShareOfThreads() throws Exception {
    var attacker = new ArrayList<Socket>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < 20; i++) {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(3_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        attacker.add(socket);
      }
      trickle.scheduleAtFixedRate(() -> attacker.forEach(socket -> {
        try {
          socket.getOutputStream().write(' ');
          socket.getOutputStream().flush();
        } catch (IOException closed) {
          // refused and closed by the server: nothing more to send
        }
      }), 1, 1, TimeUnit.SECONDS);
      Thread.sleep(1_500);

      // The honest reader is answered at once: a page, and a request with a body of its own.
      long started = System.nanoTime();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
          .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"nobody\", \"password\": \"wrong-password\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(signIn.statusCode()).isEqualTo(401);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

      // The attacker's connections past its share were refused at once, with a sentence and a time to come back.
      int refused = 0;
      for (Socket socket : attacker) {
        String answer = firstLines(socket);
        if (answer.startsWith("HTTP/1.1 503")) {
          refused++;
          assertThat(answer).contains("Retry-After: 10", "application/problem+json");
        }
      }
      assertThat(refused).isEqualTo(attacker.size() - 3);
    } finally {
      trickle.shutdownNow();
      for (Socket socket : attacker) {
        socket.close();
      }
    }
  }

  /** What the server answered on this connection so far (its status line and headers), or "" when nothing yet. */
  private static String firstLines(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int n = in.read(buffer);
      return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    } catch (IOException silent) {
      return "";
    }
  }
}
