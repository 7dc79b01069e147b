package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.S3Proxy;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.store.DocumentStore;
import org.plenary.store.S3Store;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application with its documents on a real S3 server (S3Proxy on a scratch folder): a
 * number allocated and its file uploaded over HTTP (large enough for a multipart upload), another
 * over FTP, both published, then read back by ranged HTTP download, FTP RETR with REST, the
 * folder's ZIP and its MANIFEST.json, with the bytes in the bucket and none on the local disk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-s3;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/s3-${random.uuid}", "plenary.documents.store=s3",
    "plenary.documents.s3.path-style=true", "plenary.documents.s3.part-size=5MB"})
class S3DocumentsIntegrationTests {

  static final int PORT = freePort();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static S3Proxy proxy;
  static Path objects;

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) throws Exception {
    Path scratch = Files.createTempDirectory("plenary-s3-test");
    proxy = S3Proxy.start(scratch);
    objects = scratch.resolve("objects");
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
    registry.add("server.port", () -> PORT);
    registry.add("plenary.base-url", () -> "http://127.0.0.1:" + PORT);
    registry.add("plenary.documents.s3.endpoint", proxy::endpoint);
    registry.add("plenary.documents.s3.bucket", () -> "plenary-" + UUID.randomUUID().toString().substring(0, 8));
    registry.add("plenary.documents.s3.access-key", () -> S3Proxy.ACCESS_KEY);
    registry.add("plenary.documents.s3.secret-key", () -> S3Proxy.SECRET_KEY);
  }

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired FtpServer ftpServer;
  @Autowired DocumentStore store;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void uploadsPublishesAndServesDocumentsKeptInTheBucket() throws Exception {
    assertThat(store).isInstanceOf(S3Store.class);
    ArchiveFixture.create("s3g", "FG S3", groups, accounts, tokens);
    ArchiveFixture.meeting(meetings, "s3g", "m1", true);
    String author = token("s3g-author");
    String clerk = token("s3g-clerk");

    byte[] large = random(12 << 20, 1);
    String viaHttp = allocate(author, "Large over HTTP");
    HttpResponse<String> uploaded = upload(author, viaHttp, viaHttp + ".pdf", large);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isBetween(200, 299);

    byte[] small = random(300_000, 2);
    String viaFtp = allocate(author, "Small over FTP");
    FTPClient ftp = ftp("s3g-author", "author-pass-2026");
    assertThat(ftp.storeFile("/t/fg/s3g/docs/incoming/" + viaFtp + ".pdf", new ByteArrayInputStream(small)))
        .as(ftp.getReplyString()).isTrue();
    ftp.disconnect();

    for (String number : new String[] {viaHttp, viaFtp}) {
      HttpResponse<String> published = send(HttpRequest.newBuilder(uri("/api/v1/contributions/" + number + "/publish"))
          .header("Authorization", "Bearer " + clerk).POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(published.statusCode()).as(published.body()).isBetween(200, 299);
    }

    String in = "/t/fg/s3g/docs/m1/in/";
    HttpResponse<byte[]> whole = get(in + viaHttp + ".pdf");
    assertThat(whole.body()).isEqualTo(large);
    assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + Digests.sha256Hex(large) + "\"");
    HttpResponse<byte[]> range = get(in + viaHttp + ".pdf", "Range", "bytes=6000000-6000099");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(large, 6_000_000, 6_000_100));
    assertThat(get(in + viaHttp + ".pdf", "If-None-Match", "\"" + Digests.sha256Hex(large) + "\"").statusCode())
        .isEqualTo(304);

    FTPClient reader = ftp("anonymous", "guest@example.org");
    var out = new ByteArrayOutputStream();
    reader.setRestartOffset(1000);
    assertThat(reader.retrieveFile(in + viaFtp + ".pdf", out)).as(reader.getReplyString()).isTrue();
    reader.disconnect();
    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(small, 1000, small.length));

    JsonNode manifest = JSON.readTree(get(in + "MANIFEST.json").body());
    assertThat(manifest.get("files").toString()).contains(viaHttp + ".pdf", viaFtp + ".pdf", Digests.sha256Hex(small));

    HttpResponse<byte[]> zip = get("/t/fg/s3g/docs/m1/in.zip");
    assertThat(zip.statusCode()).isEqualTo(200);
    var members = new java.util.HashMap<String, byte[]>();
    try (var entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        members.put(entry.getName().substring(entry.getName().lastIndexOf('/') + 1), entries.readAllBytes());
      }
    }
    assertThat(members.get(viaHttp + ".pdf")).isEqualTo(large);
    assertThat(members.get(viaFtp + ".pdf")).isEqualTo(small);
    assertThat(members).containsKey("MANIFEST.json");

    assertThat(store.exists("t/fg/s3g/docs/m1/in/" + viaHttp + ".pdf")).isTrue();
    assertThat(store.local("t/fg/s3g/docs/m1/in/" + viaHttp + ".pdf")).isEmpty();
    try (var files = Files.walk(objects)) {
      assertThat(files.map(Path::toString)).anyMatch(p -> p.endsWith("t/fg/s3g/docs/m1/in/" + viaHttp + ".pdf"));
    }
    assertThat(new String(get("/actuator/health").body(), StandardCharsets.UTF_8)).contains("\"UP\"");
  }

  private String token(String username) {
    return tokens.issue(accounts.find(username).orElseThrow().id(), "test").token();
  }

  private String allocate(String token, String title) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/groups/s3g/meetings/m1/contributions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"source\":\"S3 test\"}")));
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body()).get("number").asString();
  }

  private HttpResponse<String> upload(String token, String number, String name, byte[] bytes) throws Exception {
    String boundary = "plenary-" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
        + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(uri("/api/v1/contributions/" + number + "/files"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private FTPClient ftp(String user, String password) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    assertThat(ftp.login(user, password)).as(ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + PORT + path);
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
