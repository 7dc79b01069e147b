package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.ftp.FtpServer;
import org.plenary.ftp.RawFtp;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

/**
 * A published document withdrawn (its file moved to the history) while readers are in the middle of it,
 * reading slowly: each reader who had started gets the whole old file, over HTTP (whole, and several
 * ranges, whose parts each opened the path again) and FTP (RETR), and the next request is told it is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-replace;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.port=0"})
@ActiveProfiles("demo")
class WithdrawWhileDownloadingTests {

  static final int SIZE = 12_000_000;

  @LocalServerPort int port;
  @Autowired FtpServer ftpServer;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  final HttpClient http = HttpClient.newHttpClient();
  byte[] content;
  String number;
  String path;

  @BeforeEach
  void publishAFile() throws Exception {
    var api = new DemoApi(http, port);
    String alice = api.token("alice");
    number = api.allocate(alice, "Withdrawn while read");
    content = new byte[SIZE];
    new Random(number.hashCode()).nextBytes(content);
    assertThat(api.upload(alice, number, number + ".pdf", content).statusCode()).isEqualTo(201);
    assertThat(post("/api/v1/contributions/" + number + "/publish").statusCode()).isEqualTo(200);
    String code = DemoMeetings.upcoming(groups, meetings);
    path = "/t/fg/cloud/docs/" + code + "/in/" + number + ".pdf";
  }

  @Test
  void severalRangesBeingReadAreSentWholeWhenTheFileIsWithdrawn() throws Exception {
    try (Socket socket = slowReader()) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9999999,"
          + "11000000-11000099\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes(64 * 1024);
      withdraw();
      var answer = new ByteArrayOutputStream();
      answer.write(start);
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 206 ");
      int body = text.indexOf("\r\n\r\n") + 4;
      long length = Long.parseLong(text.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
      assertThat(answer.size() - body).as("the body, to its end").isEqualTo(length);
      byte[] bytes = answer.toByteArray();
      assertThat(indexOf(bytes, Arrays.copyOfRange(content, 0, 10_000_000))).isPositive();
      assertThat(indexOf(bytes, Arrays.copyOfRange(content, 11_000_000, 11_000_100))).isPositive();
    }
    assertThat(get().statusCode()).as("asked again, after the withdrawal").isEqualTo(410);
  }

  @Test
  void aWholeFileBeingReadIsSentWholeWhenItIsWithdrawn() throws Exception {
    try (Socket socket = slowReader()) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes(64 * 1024);
      withdraw();
      var answer = new ByteArrayOutputStream();
      answer.write(start);
      in.transferTo(answer);
      byte[] bytes = answer.toByteArray();
      String head = new String(bytes, 0, 1000, StandardCharsets.ISO_8859_1);
      assertThat(head).startsWith("HTTP/1.1 200 ");
      int body = head.indexOf("\r\n\r\n") + 4;
      assertThat(Arrays.copyOfRange(bytes, body, bytes.length)).isEqualTo(content);
    }
    assertThat(get().statusCode()).isEqualTo(410);
  }

  @Test
  void anFtpDownloadBeingReadIsSentWholeWhenTheFileIsWithdrawn() throws Exception {
    try (RawFtp ftp = new RawFtp(ftpServer.port()); Socket data = new Socket()) {
      assertThat(ftp.reply()).startsWith("220 ");
      assertThat(ftp.command("USER anonymous")).startsWith("331 ");
      assertThat(ftp.command("PASS reader@example.org")).startsWith("230 ");
      String epsv = ftp.command("EPSV");
      int dataPort = Integer.parseInt(epsv.replaceAll("(?s).*\\(\\|\\|\\|(\\d+)\\|\\).*", "$1"));
      data.setReceiveBufferSize(4096);
      data.connect(new InetSocketAddress("127.0.0.1", dataPort), 2000);
      data.setSoTimeout(10_000);
      assertThat(ftp.command("RETR " + path)).startsWith("150 ");
      InputStream in = data.getInputStream();
      byte[] start = in.readNBytes(64 * 1024);
      withdraw();
      var all = new ByteArrayOutputStream();
      all.write(start);
      in.transferTo(all);
      assertThat(all.toByteArray()).isEqualTo(content);
      assertThat(ftp.reply()).startsWith("226 ");
      assertThat(ftp.command("SIZE " + path)).as("asked again, after the withdrawal").startsWith("550 ")
          .contains("withdrawn");
    }
  }

  /**
   * A whole file withdrawn in the instant after the servlet has answered and before the body goes: Tomcat's
   * sendfile opened the path only then, found nothing there and cut the answer after its headers. The
   * withdrawal here runs in a filter, after the servlet returns ({@link WithdrawAfterAnswer}).
   */
  @Test
  void aWholeFileIsSentWholeWhenWithdrawnAsTheServletReturns() throws Exception {
    WithdrawAfterAnswer.done = new java.util.concurrent.CountDownLatch(1);
    var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(WithdrawAfterAnswer.HEADER, number).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(content);
    assertThat(WithdrawAfterAnswer.done.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(get().statusCode()).as("asked again, after the withdrawal").isEqualTo(410);
  }

  /**
   * The folder's ZIP being read while a document it holds, not reached yet, is withdrawn: the reader gets
   * the whole archive as it was laid out, the withdrawn member's bytes read from the history, each member
   * matching its CRC-32 (before, the body stopped short of its Content-Length); asked again, the ZIP is the
   * folder as it is now, without it.
   */
  @Test
  void aFolderZipBeingReadIsCompletedFromTheHistoryWhenAMemberIsWithdrawn() throws Exception {
    var api = new DemoApi(http, port);
    String alice = api.token("alice");
    String later = api.allocate(alice, "Withdrawn while the ZIP is read");
    byte[] laterContent = new byte[200_000];
    new Random(later.hashCode()).nextBytes(laterContent);
    assertThat(api.upload(alice, later, later + ".pdf", laterContent).statusCode()).isEqualTo(201);
    assertThat(post("/api/v1/contributions/" + later + "/publish").statusCode()).isEqualTo(200);
    String zip = path.substring(0, path.lastIndexOf("/in/")) + "/in.zip";
    byte[] bytes;
    try (Socket socket = slowReader()) {
      socket.getOutputStream().write(("GET " + zip + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes(64 * 1024);
      HttpResponse<String> withdrawn = post("/api/v1/contributions/" + later + "/withdraw");
      assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
      var answer = new ByteArrayOutputStream();
      answer.write(start);
      in.transferTo(answer);
      bytes = answer.toByteArray();
    }
    String head = new String(bytes, 0, 2000, StandardCharsets.ISO_8859_1);
    assertThat(head).startsWith("HTTP/1.1 200 ");
    int body = head.indexOf("\r\n\r\n") + 4;
    long length = Long.parseLong(head.replaceAll("(?s).*\r\n(?i:Content-Length): (\\d+)\r\n.*", "$1"));
    byte[] archive = Arrays.copyOfRange(bytes, body, bytes.length);
    assertThat((long) archive.length).as("the body, to its Content-Length").isEqualTo(length);
    var names = new java.util.ArrayList<String>();
    try (var entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
      for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        byte[] member = entries.readAllBytes();
        var crc = new java.util.zip.CRC32();
        crc.update(member);
        assertThat(crc.getValue()).as(entry.getName()).isEqualTo(entry.getCrc());
        names.add(entry.getName().substring(entry.getName().indexOf('/') + 1));
        if (entry.getName().endsWith("/" + later + ".pdf")) {
          assertThat(member).isEqualTo(laterContent);
        }
      }
    }
    assertThat(names).contains(number + ".pdf", later + ".pdf");
    var again = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + zip)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    var namesNow = new java.util.ArrayList<String>();
    try (var entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(again.body()))) {
      for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        namesNow.add(entry.getName().substring(entry.getName().indexOf('/') + 1));
      }
    }
    assertThat(namesNow).as("asked again").contains(number + ".pdf").doesNotContain(later + ".pdf");
  }

  /**
   * Withdraws the contribution named by the request's {@link #HEADER} once the servlet and every filter have
   * answered, before the container sends what they left it to send (Tomcat's sendfile runs after the valves
   * return): a valve of the context, around the whole filter chain, the download fast path included.
   */
  @TestConfiguration
  static class WithdrawAfterAnswer {

    static final String HEADER = "X-Test-Withdraw-After";
    /** Counted down once the withdrawal is made. */
    static volatile java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> withdrawAfterAnswer(Environment environment) {
      return factory -> factory.addContextValves(new ValveBase() {
        @Override
        public void invoke(Request request, Response response) throws java.io.IOException, ServletException {
          getNext().invoke(request, response);
          String number = request.getHeader(HEADER);
          if (number != null) {
            withdraw(environment.getRequiredProperty("local.server.port", Integer.class), number);
            done.countDown();
          }
        }
      });
    }

    private static void withdraw(int port, String number) throws ServletException {
      try {
        var client = HttpClient.newHttpClient();
        String tsb = new DemoApi(client, port).token("tsb");
        var withdrawn = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/contributions/" + number + "/withdraw"))
            .header("Authorization", "Bearer " + tsb).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
      } catch (Exception e) {
        throw new ServletException(e);
      }
    }
  }

  private Socket slowReader() throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private void withdraw() throws Exception {
    HttpResponse<String> withdrawn = post("/api/v1/contributions/" + number + "/withdraw");
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
  }

  private HttpResponse<String> post(String target) throws Exception {
    String tsb = new DemoApi(http, port).token("tsb");
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
        .header("Authorization", "Bearer " + tsb).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<Void> get() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static int indexOf(byte[] in, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= in.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (in[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
