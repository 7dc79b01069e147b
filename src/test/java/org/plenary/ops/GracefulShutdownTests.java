package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

/**
 * Stopping Plenary (grace 6 s here) while two FTP STORs and two HTTP uploads run: one of each
 * finishes within the grace and is kept with its bytes, the other stalls and is abandoned, leaving
 * nothing; meanwhile new FTP connections get 421 and readiness refuses traffic. Every FTP session is
 * told: one between commands gets 421 at once, one whose transfer finished gets its 226 and then 421, and
 * one whose upload stalled past the grace gets 426 and 421 (before, all three saw their connection drop
 * with no reply, and the stalled upload's client never learned that nothing of its file was kept).
 */
class GracefulShutdownTests {

  private static final String INCOMING = "documents/t/fg/ops/docs/incoming/";
  @TempDir Path dataDir;

  @Test
  void stoppingLetsTransfersInProgressFinishWithinTheGraceAndAbandonsTheRestLeavingNothingPartial() throws Exception {
    var plenary = new RunningPlenary("--plenary.data-dir=" + dataDir).prepare();
    String ftpDone = plenary.allocate();
    String ftpStalled = plenary.allocate();
    String httpDone = plenary.allocate();
    String httpStalled = plenary.allocate();
    byte[] bytes = RunningPlenary.randomBytes(400_000);

    FTPClient idle = ftp(plenary);
    FTPClient finishing = ftp(plenary);
    OutputStream finishingData = finishing.storeFileStream("/t/fg/ops/docs/incoming/" + ftpDone + ".pdf");
    finishingData.write(bytes, 0, 100_000);
    FTPClient stalling = ftp(plenary);
    OutputStream stallingData = stalling.storeFileStream("/t/fg/ops/docs/incoming/" + ftpStalled + ".pdf");
    stallingData.write(bytes, 0, 100_000);
    byte[] finishingBody = RunningPlenary.multipart(httpDone, bytes);
    Socket httpFinishing = httpUploadStarted(plenary, httpDone, finishingBody);
    Socket httpStalling = httpUploadStarted(plenary, httpStalled, RunningPlenary.multipart(httpStalled, bytes));
    Thread.sleep(300);

    var availability = plenary.context.getBean(ApplicationAvailability.class);
    CompletableFuture<Void> stopped = CompletableFuture.runAsync(plenary::close);
    String refusal = refusalOfANewConnection(plenary.ftpPort());
    assertThat(refusal).startsWith("421").contains("shutting down");
    assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
    assertThatThrownBy(idle::getReply).as("a session between commands is told at once")
        .isInstanceOf(FTPConnectionClosedException.class).hasMessageContaining("421");
    assertThat(idle.getReplyString()).contains("shutting down");

    Thread.sleep(1000);
    finishingData.write(bytes, 100_000, bytes.length - 100_000);
    finishingData.close();
    assertThat(finishing.completePendingCommand()).as(finishing.getReplyString()).isTrue();
    assertThatThrownBy(finishing::getReply).as("after its 226").isInstanceOf(FTPConnectionClosedException.class)
        .hasMessageContaining("421");
    OutputStream out = httpFinishing.getOutputStream();
    out.write(finishingBody, 1000, finishingBody.length - 1000);
    out.flush();
    String response = new String(httpFinishing.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
    assertThat(response).isEqualTo("HTTP/1.1 201");
    stopped.get();
    assertThat(stalling.completePendingCommand()).as("the stalled upload is answered").isFalse();
    assertThat(stalling.getReplyCode()).as(stalling.getReplyString()).isEqualTo(426);
    assertThatThrownBy(stalling::getReply).isInstanceOf(FTPConnectionClosedException.class).hasMessageContaining("421");

    // Each version lies at a store path of its own: its name, a mark of the version, the extension.
    try (Stream<Path> files = Files.walk(dataDir.resolve("documents"))) {
      var stored = files.filter(Files::isRegularFile).toList();
      assertThat(stored).hasSize(2);
      for (String done : List.of(ftpDone, httpDone)) {
        Path file = stored.stream().filter(f -> dataDir.relativize(f).toString().matches(INCOMING + done + "~[0-9a-f]{24}\\.pdf"))
            .findFirst().orElseThrow();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
      }
    }
    quietly(stallingData, stalling::disconnect, httpStalling);
  }

  private static FTPClient ftp(RunningPlenary plenary) throws Exception {
    var client = new FTPClient();
    client.setDefaultTimeout(20_000);
    client.connect("127.0.0.1", plenary.ftpPort());
    assertThat(client.login("admin", RunningPlenary.PASSWORD)).isTrue();
    client.enterLocalPassiveMode();
    client.setFileType(FTP.BINARY_FILE_TYPE);
    return client;
  }

  /** Sends the request's head and the body's first 1000 bytes, then waits. */
  private static Socket httpUploadStarted(RunningPlenary plenary, String number, byte[] body) throws Exception {
    var socket = new Socket("127.0.0.1", plenary.port);
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /api/v1/contributions/" + number + "/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + plenary.token + "\r\nContent-Type: multipart/form-data; boundary=ops\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body, 0, 1000);
    out.flush();
    return socket;
  }

  /** The greeting of a new FTP control connection, once the gateway has begun to stop. */
  private static String refusalOfANewConnection(int port) throws Exception {
    long until = System.nanoTime() + 5_000_000_000L;
    String greeting = "";
    while (System.nanoTime() < until) {
      try (var socket = new Socket("127.0.0.1", port); InputStream in = socket.getInputStream()) {
        socket.setSoTimeout(5000);
        greeting = String.valueOf(new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.US_ASCII))
            .readLine());
      } catch (java.io.IOException e) {
        greeting = e.toString();
      }
      if (greeting.startsWith("421")) {
        return greeting;
      }
      Thread.sleep(50);
    }
    return greeting;
  }

  private static void quietly(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // The server is gone; nothing to close cleanly.
      }
    }
  }
}
