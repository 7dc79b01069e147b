package org.plenary.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.plenary.PlenaryApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Plenary started in this JVM on its own data folder and free ports, with the API calls the
 * operations tests need (a group "ops", its meeting "next", numbers and uploads).
 */
final class RunningPlenary implements AutoCloseable {

  static final String PASSWORD = "ops-tests-admin";
  final ConfigurableApplicationContext context;
  final int port;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String token;

  RunningPlenary(String... arguments) {
    var all = new ArrayList<>(List.of("--plenary.admin-password=" + PASSWORD,
        "--logging.level.root=WARN", "--spring.lifecycle.timeout-per-shutdown-phase=6s"));
    // Any free port unless the test names one (a repeated option would be read as a list, "0,8080").
    for (String port : List.of("--server.port=", "--plenary.ftp.port=")) {
      if (java.util.Arrays.stream(arguments).noneMatch(argument -> argument.startsWith(port))) {
        all.add(port + "0");
      }
    }
    all.addAll(List.of(arguments));
    context = SpringApplication.run(PlenaryApplication.class, all.toArray(String[]::new));
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  int ftpPort() {
    return context.getBean(org.plenary.ftp.FtpServer.class).port();
  }

  /** Signs in as the administrator and makes the group "ops" with its meeting "next". */
  RunningPlenary prepare() throws Exception {
    token = field(post("/api/v1/tokens", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}").body(), "token");
    post("/api/v1/groups", "{\"slug\":\"ops\",\"acronym\":\"FG Ops\",\"name\":\"Focus Group on Operations\","
        + "\"workingLanguage\":\"English\",\"lifetimeMonths\":12}");
    post("/api/v1/groups/ops/meetings", "{\"code\":\"next\",\"startDate\":\"" + LocalDate.now().plusDays(20)
        + "\",\"endDate\":\"" + LocalDate.now().plusDays(21) + "\",\"venueName\":\"Geneva\",\"venueCode\":\"gva\","
        + "\"timeZone\":\"Europe/Zurich\",\"languages\":\"English\",\"latePolicy\":\"FLAG\"}");
    return this;
  }

  String allocate() throws Exception {
    return field(post("/api/v1/groups/ops/meetings/next/contributions", "{\"title\":\"T\",\"source\":\"S\"}").body(), "number");
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    var request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> upload(String number, byte[] bytes) throws Exception {
    return http.send(uploadRequest(number, HttpRequest.BodyPublishers.ofByteArray(multipart(number, bytes))),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Uploads a version in the place of the one waiting, which {@code waitingSha256} names (If-Match). */
  HttpResponse<String> replace(String number, String waitingSha256, byte[] bytes) throws Exception {
    HttpRequest plain = uploadRequest(number, HttpRequest.BodyPublishers.ofByteArray(multipart(number, bytes)));
    HttpRequest named = HttpRequest.newBuilder(plain, (name, value) -> true).header("If-Match", "\"" + waitingSha256 + "\"")
        .build();
    return http.send(named, HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest uploadRequest(String number, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(url("/api/v1/contributions/" + number + "/files"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=ops")
        .timeout(Duration.ofSeconds(60)).POST(body).build();
  }

  static byte[] multipart(String number, byte[] bytes) {
    byte[] head = ("--ops\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\r\n--ops--\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bytes, 0, body, head.length, bytes.length);
    System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
    return body;
  }

  HttpResponse<String> get(String path) throws Exception {
    return get(path, "en");
  }

  HttpResponse<String> get(String path, String language) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).header("Accept", "application/json")
        .header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static String field(String body, String name) {
    return body.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
  }

  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Override
  public void close() {
    context.close();
  }
}
