package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.PlenaryApplication;

/**
 * Plenary runs as its own process; it is killed (SIGKILL) in the middle of an upload and started
 * again on the same data folder. The acknowledged document is intact, nothing partial is listed or
 * left on disk, and the interrupted upload can simply be repeated.
 */
class UploadCrashIntegrationTests {

  @TempDir Path dataDir;
  Process server;
  int port;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void aKilledUploadLeavesNothingPartialAndCanBeRepeated() throws Exception {
    start();
    String token = json(post("/api/v1/tokens", null, "{\"username\":\"admin\",\"password\":\"crash-test-admin\"}"), "token");
    post("/api/v1/groups", token, "{\"slug\":\"crash\",\"acronym\":\"FG Crash\",\"name\":\"Focus Group on Crashes\","
        + "\"workingLanguage\":\"English\",\"lifetimeMonths\":12}");
    post("/api/v1/groups/crash/meetings", token, "{\"code\":\"next\",\"startDate\":\"" + java.time.LocalDate.now().plusDays(20)
        + "\",\"endDate\":\"" + java.time.LocalDate.now().plusDays(21) + "\",\"venueName\":\"Geneva\",\"venueCode\":\"gva\","
        + "\"timeZone\":\"Europe/Zurich\",\"languages\":\"English\",\"latePolicy\":\"FLAG\"}");
    String kept = json(post("/api/v1/groups/crash/meetings/next/contributions", token, "{\"title\":\"Kept\",\"source\":\"S\"}"), "number");
    String killed = json(post("/api/v1/groups/crash/meetings/next/contributions", token, "{\"title\":\"Killed\",\"source\":\"S\"}"), "number");
    byte[] keptBytes = randomBytes(3_000_000);
    assertThat(upload(token, kept, keptBytes).statusCode()).isEqualTo(201);

    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      byte[] head = multipartHead(killed);
      out.write(("POST /api/v1/contributions/" + killed + "/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: multipart/form-data; boundary=crash\r\nContent-Length: " + (head.length + 20_000_000 + 10)
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      out.write(randomBytes(8_000_000));
      out.flush();
      server.destroyForcibly().waitFor();
    }

    start();
    String listing = get("/t/fg/crash/docs/incoming/", "application/json").body();
    assertThat(listing).contains(kept + ".pdf").doesNotContain(killed);
    HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(url("/t/fg/crash/docs/incoming/" + kept + ".pdf")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(keptBytes);
    try (Stream<Path> files = Files.walk(dataDir.resolve("documents"))) {
      // The version's own store path: the name, a mark of the version (IncomingPaths), the extension.
      assertThat(files.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString()))
          .singleElement().asString().matches("documents/t/fg/crash/docs/incoming/" + kept + "~[0-9a-f]{24}\\.pdf");
    }
    assertThat(upload(token, killed, randomBytes(1000)).statusCode()).isEqualTo(201);
    assertThat(get("/t/fg/crash/docs/incoming/", "application/json").body()).contains(killed + ".pdf");
  }

  private void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PlenaryApplication.class.getName(),
        "--server.port=" + port, "--plenary.data-dir=" + dataDir, "--plenary.admin-password=crash-test-admin",
        "--logging.level.root=WARN"))
        .redirectErrorStream(true).redirectOutput(dataDir.resolve("server-" + port + ".log").toFile()).start();
    // As long as KillCycleTests waits: a start took over 60 s on a loaded host, beside the other test JVM.
    Instant until = Instant.now().plus(Duration.ofSeconds(240));
    while (Instant.now().isBefore(until) && server.isAlive()) {
      try {
        if (get("/actuator/health", "application/json").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("Plenary did not start: " + Files.readString(dataDir.resolve("server-" + port + ".log")));
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String post(String path, String token, String body) throws Exception {
    var request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
    return response.body();
  }

  private HttpResponse<String> upload(String token, String number, byte[] bytes) throws Exception {
    byte[] head = multipartHead(number);
    byte[] tail = "\r\n--crash--\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bytes, 0, body, head.length, bytes.length);
    System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
    return http.send(HttpRequest.newBuilder(url("/api/v1/contributions/" + number + "/files"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=crash")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] multipartHead(String number) {
    return ("--crash\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static String json(String body, String field) {
    return body.replaceAll("(?s).*\"" + field + "\":\"([^\"]+)\".*", "$1");
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
