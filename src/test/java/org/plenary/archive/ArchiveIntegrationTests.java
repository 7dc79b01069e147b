package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.ContributionDesk;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, parts 2 to 5 over real sockets: the signed, chained MANIFEST.json of a folder (HTTP and
 * FTP), the folder's ZIP (a resumed download byte-identical to a full one), {@code verify} detecting
 * each kind of tampering, the changes feed and the hash look-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-archive;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "plenary.data-dir=target/test-data/archive-${random.uuid}"})
class ArchiveIntegrationTests {

  static final int PORT = freePort();
  static final String IN = "/t/fg/arch/docs/m1/in/";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static String a;
  static String b;
  static String c;

  @DynamicPropertySource
  static void port(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("plenary.base-url", () -> "http://127.0.0.1:" + PORT);
  }

  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired FtpServer ftpServer;
  @Autowired ManifestLog log;
  @Autowired ManifestKey key;
  @Autowired JdbcClient jdbc;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;
  @Autowired PlatformTransactionManager transactions;
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  static ArchiveFixture fixture;

  @BeforeEach
  void publish() {
    if (fixture == null) {
      fixture = ArchiveFixture.create("arch", "FG Arch", groups, accounts, tokens).with(desk);
      ArchiveFixture.meeting(meetings, "arch", "m1", true);
      ArchiveFixture.meeting(meetings, "arch", "m2", true);
      a = fixture.publish("m1", "Alpha", "alpha original");
      b = fixture.publish("m1", "Bravo", "bravo original");
      c = fixture.publish("m1", "Charlie", "charlie original");
      fixture.revise(a, 1, "alpha revised");
      fixture.withdraw(b);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachPublicationAndWithdrawalMakesASignedVersionChainedToThePreviousOne() throws Exception {
    HttpResponse<byte[]> served = get(IN + "MANIFEST.json");
    assertThat(served.statusCode()).isEqualTo(200);
    byte[] bytes = served.body();
    assertThat(served.headers().firstValue("ETag")).hasValue("\"" + Digests.sha256Hex(bytes) + "\"");
    assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    Map<String, Object> manifest = JSON.readValue(bytes, LinkedHashMap.class);
    assertThat(manifest.get("version")).isEqualTo(5);
    assertThat(manifest.get("change")).isEqualTo("WITHDRAWN");
    assertThat(manifest.get("key")).isEqualTo("http://127.0.0.1:" + PORT + "/.well-known/plenary-manifest-key");
    assertThat(((List<Map<String, Object>>) manifest.get("files")).stream().map(f -> f.get("name")))
        .containsExactly(a + ".pdf", a + "r1.pdf", c + ".pdf");
    List<Map<String, Object>> withdrawn = (List<Map<String, Object>>) manifest.get("withdrawn");
    assertThat(withdrawn).singleElement().satisfies(w -> {
      assertThat(w.get("name")).isEqualTo(b + ".pdf");
      assertThat(w.get("sha256")).isEqualTo(sha256("bravo original"));
      assertThat(w.get("publisher")).isEqualTo("Clem Clerk");
      assertThat(w.get("withdrawnBy")).isEqualTo("Clem Clerk");
    });
    var pem = new String(get("/.well-known/plenary-manifest-key").body(), StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
    var publicKey = ManifestKey.parsePem(pem);
    assertThat(manifest.get("format")).isEqualTo("plenary-manifest/2");
    var unsigned = new LinkedHashMap<>(manifest);
    String signature = (String) unsigned.remove("signature");
    unsigned.remove("files");
    unsigned.remove("withdrawn");
    assertThat(ManifestKey.verify(publicKey, CanonicalJson.bytes(unsigned), signature)).as("the header is signed")
        .isTrue();
    assertThat(EntriesDigest.replay((List<Map<String, Object>>) manifest.get("files"), withdrawn))
        .as("the signed digest is the one the entries replay").isEqualTo(manifest.get("entries"));
    assertThat(withdrawn.getFirst()).containsEntry("addedIn", 2).containsEntry("withdrawnIn", 5);
    assertThat(CanonicalJson.bytes(manifest)).as("canonical form is the served form").isEqualTo(bytes);
    Map<String, Object> newer = manifest;
    for (int version = 4; version >= 1; version--) {
      byte[] older = get(IN + "MANIFEST.json?version=" + version).body();
      assertThat(newer.get("previous")).as("version %d names the hash of version %d", version + 1, version)
          .isEqualTo(ArchiveFixture.versionHash(older));
      newer = JSON.readValue(older, LinkedHashMap.class);
      assertThat(newer.get("version")).isEqualTo(version);
    }
    assertThat(newer.get("previous")).isNull();
    assertThat(newer.get("change")).isEqualTo("PUBLISHED");
    assertThat(get(IN + "MANIFEST.json?version=9").statusCode()).isEqualTo(404);
    var listing = new String(getJson(IN).body(), StandardCharsets.UTF_8);
    assertThat(listing).contains("\"name\":\"MANIFEST.json\"", "\"sha256\":\"" + Digests.sha256Hex(bytes) + "\"");
    assertThat(ftpRetr(IN + "MANIFEST.json")).isEqualTo(bytes);
    assertThat(ftpList(IN)).contains("MANIFEST.json");
  }

  /**
   * Members of 64 KiB and more go from the file to the socket with sendfile: the ZIP holds their
   * bytes, a range starting inside one is the full download's tail, the connection serves the next
   * request, and a reader slower than the socket's buffer (so the server waits for it) gets it all.
   */
  @Test
  void largeMembersAreSentWithSendfileAndTheConnectionStaysUsable() throws Exception {
    ArchiveFixture.meeting(meetings, "arch", "m5", true);
    var random = new java.util.Random(5);
    var texts = new LinkedHashMap<String, String>();
    for (int size : new int[] {3 << 20, 70_000, 12}) {
      var text = new StringBuilder(size);
      for (int i = 0; i < size; i++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      texts.put(fixture.publish("m5", "Large " + size, text.toString()) + ".pdf", text.toString());
    }
    double before = registry.counter("plenary.archive.sendfile.bytes").count();
    HttpResponse<byte[]> full = get("/t/fg/arch/docs/m5/in.zip");
    assertThat(full.statusCode()).isEqualTo(200);
    byte[] whole = full.body();
    assertThat(registry.counter("plenary.archive.sendfile.bytes").count() - before)
        .as("the two members of 64 KiB and more went by sendfile").isEqualTo((3 << 20) + 70_000);
    Path zip = Files.write(dir.resolve("m5.zip"), whole);
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (var text : texts.entrySet()) {
        assertThat(new String(file.getInputStream(file.getEntry("arch-m5-in/" + text.getKey())).readAllBytes(),
            StandardCharsets.UTF_8)).as(text.getKey()).isEqualTo(text.getValue());
      }
    }
    for (int cut : new int[] {100, 1 << 20, whole.length - 100_000}) {
      HttpResponse<byte[]> rest = get("/t/fg/arch/docs/m5/in.zip", "Range", "bytes=" + cut + "-" + (cut + 80_000));
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.body()).as("bytes %d to %d", cut, cut + 80_000)
          .isEqualTo(java.util.Arrays.copyOfRange(whole, cut, cut + 80_001));
    }
    try (var socket = new java.net.Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", PORT));
      socket.setSoTimeout(30_000);
      var request = "GET /t/fg/arch/docs/m5/in.zip HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          + "GET " + IN + "MANIFEST.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(300);
      var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 4096));
      assertThat(head(in)).startsWith("HTTP/1.1 200").contains("Content-Length: " + whole.length);
      byte[] body = new byte[whole.length];
      for (int at = 0; at < body.length; at += 8192) {
        in.readFully(body, at, Math.min(8192, body.length - at));
        if (at % (1 << 20) == 0) {
          Thread.sleep(20);
        }
      }
      assertThat(body).as("a slow reader's ZIP").isEqualTo(whole);
      assertThat(head(in)).as("the next request on the connection").startsWith("HTTP/1.1 200")
          .contains("application/json");
    }
  }

  /** The status line and headers of a response read from {@code in}, up to the empty line. */
  private static String head(java.io.DataInputStream in) throws IOException {
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("a response header, then the end of it").isNotNegative();
      head.append((char) b);
    }
    return head.toString();
  }

  @Test
  void aResumedZipDownloadIsByteIdenticalToAFullOne() throws Exception {
    HttpResponse<byte[]> full = get("/t/fg/arch/docs/m1/in.zip");
    assertThat(full.statusCode()).isEqualTo(200);
    byte[] whole = full.body();
    assertThat(full.headers().firstValueAsLong("Content-Length")).hasValue(whole.length);
    String etag = full.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"" + Digests.sha256Hex(get(IN + "MANIFEST.json").body()) + "\"");
    assertThat(full.headers().firstValue("Content-Disposition").orElseThrow()).contains("arch-m1-in.zip");
    assertThat(full.headers().firstValue("X-Content-Type-Options")).as("the security filters' headers").hasValue("nosniff");
    assertThat(get("/t/fg/arch/docs/m1/in.zip").body()).as("deterministic").isEqualTo(whole);
    for (int cut : new int[] {1, 30, 100, whole.length / 2, whole.length - 22, whole.length - 1}) {
      HttpResponse<byte[]> rest = get("/t/fg/arch/docs/m1/in.zip", "Range", "bytes=" + cut + "-", "If-Range", etag);
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes " + cut + "-" + (whole.length - 1) + "/"
          + whole.length);
      var resumed = new ByteArrayOutputStream();
      resumed.write(whole, 0, cut);
      resumed.write(rest.body());
      assertThat(resumed.toByteArray()).as("first %d bytes, then the rest", cut).isEqualTo(whole);
    }
    assertThat(get("/t/fg/arch/docs/m1/in.zip", "Range", "bytes=10-", "If-Range", "\"stale\"").statusCode())
        .as("a changed folder is sent whole").isEqualTo(200);
    assertThat(get("/t/fg/arch/docs/m1/in.zip", "Range", "bytes=" + whole.length + "-").statusCode()).isEqualTo(416);
    assertThat(get("/t/fg/arch/docs/m1/in.zip", "If-None-Match", etag).statusCode()).isEqualTo(304);
    Path zip = Files.write(dir.resolve("in.zip"), whole);
    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertThat(file.stream().map(e -> e.getName())).containsExactly("arch-m1-in/MANIFEST.json",
          "arch-m1-in/" + a + ".pdf", "arch-m1-in/" + a + "r1.pdf", "arch-m1-in/" + c + ".pdf");
      assertThat(file.getInputStream(file.getEntry("arch-m1-in/" + a + "r1.pdf")).readAllBytes())
          .isEqualTo("alpha revised".getBytes(StandardCharsets.UTF_8));
    }
    ZipArchiveTests.assertTool(zip, "unzip", "-t", zip.toString());
    assertThat(get("/t/fg/arch/docs/m1/out.zip").statusCode()).as("no output folder yet").isEqualTo(404);
    assertThat(get("/t/fg/arch/docs/m2/in.zip").statusCode()).as("nothing published yet").isEqualTo(404);
    String since = Instant.now().minusSeconds(3600).toString();
    try (ZipFile file = new ZipFile(Files.write(dir.resolve("since.zip"),
        get("/t/fg/arch/docs/m1/in.zip?since=" + since).body()).toFile())) {
      assertThat(file.size()).isEqualTo(4);
    }
    try (ZipFile file = new ZipFile(Files.write(dir.resolve("none.zip"),
        get("/t/fg/arch/docs/m1/in.zip?since=" + Instant.now().plusSeconds(60)).body()).toFile())) {
      assertThat(file.size()).as("only the manifest").isEqualTo(1);
    }
  }

  @Test
  void verifyAcceptsTheZipAndAMirrorAndNamesEveryKindOfTampering() throws Exception {
    Path zip = Files.write(dir.resolve("in.zip"), get("/t/fg/arch/docs/m1/in.zip").body());
    assertThat(verify(zip.toString())).startsWith("0\n").contains("ok: 3 files", "chain back to version 1 holds");
    Path mirror = Files.createDirectories(dir.resolve("mirror"));
    for (String name : List.of("MANIFEST.json", a + ".pdf", a + "r1.pdf", c + ".pdf")) {
      Files.write(mirror.resolve(name), get(IN + name).body());
    }
    Files.writeString(mirror.resolve("index.html"), "<html>listing saved by wget</html>");
    assertThat(verify(mirror.toString())).startsWith("0\n");

    byte[] original = Files.readAllBytes(mirror.resolve(c + ".pdf"));
    byte[] tampered = original.clone();
    tampered[3] ^= 1;
    Files.write(mirror.resolve(c + ".pdf"), tampered);
    assertThat(verify(mirror.toString())).startsWith("1\n")
        .contains("changed: " + c + ".pdf (SHA-256 " + Digests.sha256Hex(tampered)).contains("expected "
            + sha256("charlie original"));
    Files.writeString(mirror.resolve(c + ".pdf"), "a whole other document");
    assertThat(verify(mirror.toString())).startsWith("1\n").contains("changed: " + c + ".pdf");
    Files.delete(mirror.resolve(c + ".pdf"));
    assertThat(verify(mirror.toString())).startsWith("1\n").contains("missing: " + c + ".pdf");
    Files.write(mirror.resolve(c + ".pdf"), original);
    Files.writeString(mirror.resolve("FG-Arch-I-0099.pdf"), "slipped in");
    assertThat(verify(mirror.toString())).startsWith("1\n").contains("added: FG-Arch-I-0099.pdf");
    Files.delete(mirror.resolve("FG-Arch-I-0099.pdf"));
    Files.writeString(mirror.resolve(b + ".pdf"), "bravo original");
    assertThat(verify(mirror.toString())).startsWith("1\n").contains("withdrawn: " + b + ".pdf");
    Files.delete(mirror.resolve(b + ".pdf"));
    assertThat(verify(mirror.toString())).startsWith("0\n");

    // An entry changed in the manifest (its header, which the signature covers, left as it was): the digest tells.
    String manifest = Files.readString(mirror.resolve("MANIFEST.json"));
    Files.writeString(mirror.resolve("MANIFEST.json"), manifest.replaceFirst("\"publisher\":\"Clem Clerk\"",
        "\"publisher\":\"Mallory\""));
    assertThat(verify(mirror.toString(), "--no-history")).startsWith("1\n")
        .contains("signature: this manifest is not signed by the key", "its files or withdrawn entries were changed");
    Files.writeString(mirror.resolve("MANIFEST.json"), manifest);
    assertThat(verify(mirror.toString())).startsWith("0\n");

    // A removed manifest entry: the file and its line gone, the rest of the manifest left as it was.
    int start = manifest.indexOf("{\"name\":\"" + c + ".pdf\"");
    int end = manifest.indexOf('}', start) + 1;
    Files.writeString(mirror.resolve("MANIFEST.json"), manifest.substring(0, start - 1) + manifest.substring(end));
    Files.delete(mirror.resolve(c + ".pdf"));
    assertThat(verify(mirror.toString())).startsWith("1\n").contains("signature: this manifest is not signed by the key");
    assertThat(verify(dir.resolve("nowhere").toString())).startsWith("2\n");
    assertThat(run()).startsWith("2\n");
  }

  @Test
  void verifyNamesEntriesOfAZipThatAnUnzipWouldMergeOrPlaceOutsideItsFolder() throws Exception {
    byte[] served = get("/t/fg/arch/docs/m1/in.zip").body();
    String prefix = "arch-m1-in/";
    // A second entry of the same name, ahead of the genuine one: which of the two a reader keeps is its choice.
    Path twice = rebuilt(served, "twice.zip", List.of(Map.entry(prefix + c + ".pdX", "forged")), ".pdX", ".pdf");
    assertThat(verify(twice.toString())).startsWith("1\n").contains("duplicate: " + prefix + c + ".pdf");
    Path cased = rebuilt(served, "cased.zip", List.of(Map.entry(prefix + c.toLowerCase(java.util.Locale.ROOT) + ".pdf",
        "forged")), null, null);
    assertThat(verify(cased.toString())).startsWith("1\n").contains("duplicate: " + prefix + c
        + ".pdf (an unzip on Windows or macOS writes it over " + prefix + c.toLowerCase(java.util.Locale.ROOT) + ".pdf)");
    Path escaping = rebuilt(served, "escaping.zip", List.of(Map.entry(prefix + "../" + c + ".pdf", "forged"),
        Map.entry("/tmp/" + c + ".pdf", "forged"), Map.entry(prefix + "x\\" + c + ".pdf", "forged")), null, null);
    assertThat(verify(escaping.toString())).startsWith("1\n").contains("unsafe: " + prefix + "../" + c + ".pdf (a \"..\" step",
        "unsafe: /tmp/" + c + ".pdf (an absolute path", "unsafe: " + prefix + "x\\" + c + ".pdf (a backslash");
  }

  /**
   * The served ZIP with {@code extra} entries put first, written by a ZIP library; {@code from} replaced by
   * {@code to} in the bytes afterwards (a library refuses to write one name twice, a forger does not).
   */
  private Path rebuilt(byte[] served, String file, List<Map.Entry<String, String>> extra, String from, String to)
      throws Exception {
    var out = new ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(out);
        var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(served))) {
      for (var entry : extra) {
        zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
      }
      for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
        zip.write(in.readAllBytes());
      }
    }
    byte[] bytes = out.toByteArray();
    if (from != null) {
      bytes = new String(bytes, StandardCharsets.ISO_8859_1).replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
    return Files.write(dir.resolve(file), bytes);
  }

  @Test
  @SuppressWarnings("unchecked")
  void verifyFindsAHistoryRewrittenEvenWhenEachVersionIsSignedWithTheSiteKey() throws Exception {
    String first = fixture.publish("m2", "Delta", "delta original");
    fixture.publish("m2", "Echo", "echo original");
    Path zip = Files.write(dir.resolve("m2.zip"), get("/t/fg/arch/docs/m2/in.zip").body());
    assertThat(verify(zip.toString())).startsWith("0\n");
    // Someone holding the database and the key re-signs version 1 with another time: a valid signature, a new hash.
    ManifestVersion v1 = log.version(meetingId("m2"), "t/fg/arch/docs/m2/in/", 1).orElseThrow();
    var forged = new ManifestVersion(v1.groupId(), v1.meetingId(), v1.folder(), 1, v1.changeSeq(), v1.kind(),
        v1.number(), v1.issuedAt().minusSeconds(86_400), null, null, 0, null, v1.keyUrl(), v1.keyId(), 2,
        v1.entriesSha256());
    String signature = key.sign(CanonicalJson.bytes(ManifestLog.header(forged)));
    jdbc.sql("UPDATE archive_manifests SET issued_at = ?, sha256 = ?, signature = ? WHERE meeting_id = ?"
        + " AND version = 1").params(forged.issuedAt().atOffset(java.time.ZoneOffset.UTC),
        Digests.sha256Hex(ManifestLog.statement(forged, signature)), signature, meetingId("m2")).update();
    assertThat(verify(zip.toString())).startsWith("1\n").contains("history rewritten at version 1");
    assertThat(verify(zip.toString(), "--no-history")).startsWith("0\n");
    assertThat(first).isNotBlank();
  }

  /**
   * A database written before format 2: its versions, format 1 (the whole file signed and hashed), are
   * served byte for byte as they were signed and verify as before, and the next publication's format-2
   * version chains onto the last of them by that file's SHA-256.
   */
  @Test
  @SuppressWarnings("unchecked")
  void formatOneVersionsWrittenBeforeKeepVerifyingAndTheNextVersionChainsOntoThem() throws Exception {
    ArchiveFixture.meeting(meetings, "arch", "m7", true);
    fixture.publish("m7", "Foxtrot", "foxtrot original");
    String golf = fixture.publish("m7", "Golf", "golf original");
    fixture.withdraw(golf);
    String folder = "t/fg/arch/docs/m7/in/";
    String previous = null;
    for (int version = 1; version <= 3; version++) {
      ManifestVersion v = log.version(meetingId("m7"), folder, version).orElseThrow();
      var old = new ManifestVersion(v.groupId(), v.meetingId(), folder, version, v.changeSeq(), v.kind(), v.number(),
          v.issuedAt(), previous, null, 0, null, v.keyUrl(), v.keyId(), 1, null);
      Map<String, Object> json = ManifestLog.json(old, FolderHead.ordered(log.entries(old)));
      String signature = key.sign(CanonicalJson.bytes(json));
      json.put("signature", signature);
      byte[] bytes = CanonicalJson.bytes(json);
      previous = Digests.sha256Hex(bytes);
      jdbc.sql("UPDATE archive_manifests SET manifest_format = 1, entries_sha256 = NULL, previous_sha256 = ?,"
          + " sha256 = ?, size_bytes = ?, signature = ? WHERE meeting_id = ? AND folder = ? AND version = ?")
          .params(old.previousSha256(), previous, bytes.length, signature, meetingId("m7"), folder, version).update();
    }
    byte[] third = get("/" + folder + "MANIFEST.json").body();
    assertThat(Digests.sha256Hex(third)).as("format 1 served as signed").isEqualTo(previous);
    assertThat((Map<String, Object>) JSON.readValue(third, LinkedHashMap.class)).containsEntry("format",
        "plenary-manifest/1").doesNotContainKey("entries");
    Path zip = Files.write(dir.resolve("m7-old.zip"), get("/t/fg/arch/docs/m7/in.zip").body());
    assertThat(verify(zip.toString())).startsWith("0\n").contains("ok: 1 files", "chain back to version 1 holds");

    String hotel = fixture.publish("m7", "Hotel", "hotel original");
    byte[] fourth = get("/" + folder + "MANIFEST.json").body();
    Map<String, Object> manifest = JSON.readValue(fourth, LinkedHashMap.class);
    assertThat(manifest).containsEntry("format", "plenary-manifest/2").containsEntry("version", 4)
        .containsEntry("previous", previous);
    assertThat(((List<Map<String, Object>>) manifest.get("files")).stream().map(f -> f.get("name")))
        .as("the files of the format-1 versions carried over").hasSize(2).contains(hotel + ".pdf");
    assertThat((List<Object>) manifest.get("withdrawn")).hasSize(1);
    zip = Files.write(dir.resolve("m7-new.zip"), get("/t/fg/arch/docs/m7/in.zip").body());
    assertThat(verify(zip.toString())).startsWith("0\n").contains("ok: 2 files", "chain back to version 1 holds");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theChangesFeedListsPublicationsRevisionsAndWithdrawalsInOrderAndPages() throws Exception {
    Map<String, Object> page = json("/api/v1/groups/arch/changes?since=0&limit=100");
    List<Map<String, Object>> changes = (List<Map<String, Object>>) page.get("changes");
    List<Map<String, Object>> m1 = changes.stream().filter(ch -> ch.get("meeting").equals("m1")).toList();
    assertThat(m1.stream().map(ch -> ch.get("kind")))
        .containsExactly("PUBLISHED", "PUBLISHED", "PUBLISHED", "REVISED", "WITHDRAWN");
    assertThat(m1).as("a change's cursor names its meeting, folder and manifest version").allSatisfy(ch ->
        assertThat(ch.get("cursor")).isEqualTo("m1/in/" + ch.get("manifestVersion")));
    assertThat(m1.stream().map(ch -> ((Number) ch.get("manifestVersion")).intValue()).toList()).isSorted();
    Map<String, Object> withdrawal = m1.get(4);
    assertThat(withdrawal.get("number")).isEqualTo(b);
    assertThat((List<Map<String, Object>>) withdrawal.get("files")).singleElement()
        .satisfies(f -> assertThat(f).containsEntry("state", "withdrawn").containsEntry("url", null));
    Map<String, Object> revision = m1.get(3);
    assertThat((List<Map<String, Object>>) revision.get("files")).singleElement().satisfies(f -> assertThat(f)
        .containsEntry("name", a + "r1.pdf").containsEntry("url", "http://127.0.0.1:" + PORT + IN + a + "r1.pdf"));
    Map<String, Object> two = json("/api/v1/groups/arch/changes?since=0&limit=2");
    assertThat((List<Object>) two.get("changes")).hasSize(2);
    assertThat(two.get("more")).isEqualTo(true);
    Map<String, Object> rest = json("/api/v1/groups/arch/changes?since=" + two.get("next"));
    assertThat(((List<Object>) rest.get("changes")).size()).isEqualTo(changes.size() - 2);
    assertThat(((List<Map<String, Object>>) rest.get("changes")).getFirst().get("cursor"))
        .isEqualTo(changes.get(2).get("cursor"));
    Map<String, Object> after = json("/api/v1/groups/arch/changes?since=" + page.get("next"));
    assertThat((List<Object>) after.get("changes")).isEmpty();
    assertThat(after.get("next")).isEqualTo(page.get("next"));
    Map<String, Object> byTime = json("/api/v1/groups/arch/changes?since=" + Instant.now().minusSeconds(3600));
    assertThat((List<Object>) byTime.get("changes")).hasSize(changes.size());
    assertThat(get("/api/v1/groups/arch/changes?since=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHashOfAFileSaysWhereItWasPublished() throws Exception {
    Map<String, Object> found = json("/api/v1/verify?sha256=" + sha256("charlie original"));
    assertThat((List<Map<String, Object>>) found.get("files")).singleElement().satisfies(f -> assertThat(f)
        .containsEntry("name", c + ".pdf").containsEntry("folder", IN).containsEntry("withdrawn", null));
    Map<String, Object> gone = json("/api/v1/verify?sha256=" + sha256("bravo original"));
    assertThat((List<Map<String, Object>>) gone.get("files")).singleElement()
        .satisfies(f -> assertThat(f.get("withdrawn")).isNotNull());
    assertThat(get("/api/v1/verify?sha256=" + sha256("never published")).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/verify?sha256=nothex").statusCode()).isEqualTo(400);
  }
  @Test
  @SuppressWarnings("unchecked")
  void publicationsMadeTogetherShareOneVersionAndTheChainHolds() throws Exception {
    ArchiveFixture.meeting(meetings, "arch", "m3", true);
    List<String> numbers = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      numbers.add(fixture.upload("m3", "Together " + i, "together " + i));
    }
    fixture.publish(numbers.getFirst());
    // While this test holds the group's feed lock, the publisher's batch in progress waits for it and the
    // other requests queue up behind it: the next batch takes them all, in one transaction.
    long group = groups.get("arch").id().value();
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(numbers.size())) {
      var lock = ArchiveFixture.holdFeedLock(threads, transactions, jdbc, group);
      var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      done.add(threads.submit(() -> fixture.publish(numbers.get(1))));
      Thread.sleep(200); // the publisher takes that one alone and waits for the lock
      numbers.subList(2, numbers.size()).forEach(n -> done.add(threads.submit(() -> fixture.publish(n))));
      Thread.sleep(200);
      lock.release();
      for (var one : done) {
        one.get();
      }
    }
    assertThatThrownBy(() -> fixture.publish(numbers.get(5))).as("published once")
        .isInstanceOf(org.plenary.contribution.ContributionRefusedException.class);

    Map<String, Object> manifest = json("/t/fg/arch/docs/m3/in/MANIFEST.json");
    int head = ((Number) manifest.get("version")).intValue();
    assertThat(head).as("12 publications, made in two or three batches").isBetween(2, 3);
    assertThat(((List<Map<String, Object>>) manifest.get("files")).stream().map(f -> f.get("name")))
        .containsExactlyElementsOf(numbers.stream().map(n -> n + ".pdf").sorted().toList());
    var added = new java.util.ArrayList<String>();
    String previous = null;
    for (int version = 1; version <= head; version++) {
      ManifestVersion v = log.version(meetingId("m3"), "t/fg/arch/docs/m3/in/", version).orElseThrow();
      assertThat(v.previousSha256()).as("version %d names the one before", version).isEqualTo(previous);
      assertThat(Digests.sha256Hex(ManifestLog.statement(v, v.signature()))).isEqualTo(v.sha256());
      assertThat(ArchiveFixture.versionHash(log.bytes(v))).isEqualTo(v.sha256());
      assertThat(log.served(v).sha256()).isEqualTo(Digests.sha256Hex(log.bytes(v)));
      List<String> touched = jdbc.sql("SELECT number FROM archive_entries WHERE meeting_id = ? AND folder = ?"
          + " AND added_version = ?").params(meetingId("m3"), "t/fg/arch/docs/m3/in/", version).query(String.class).list();
      assertThat(v.number()).as("a version names its number only when it added one")
          .isEqualTo(touched.size() == 1 ? touched.getFirst() : null);
      assertThat(v.kind()).isEqualTo("PUBLISHED");
      added.addAll(touched);
      previous = v.sha256();
    }
    assertThat(added).as("each publication added once").containsExactlyInAnyOrderElementsOf(numbers);
    Map<String, Object> feed = json("/api/v1/groups/arch/changes?since=0&limit=100");
    assertThat(((List<Map<String, Object>>) feed.get("changes")).stream().filter(ch -> ch.get("meeting").equals("m3"))
        .mapToInt(ch -> ((List<Object>) ch.get("files")).size()).sum()).as("the feed names every file").isEqualTo(12);
    Path zip = Files.write(dir.resolve("m3.zip"), get("/t/fg/arch/docs/m3/in.zip").body());
    assertThat(verify(zip.toString())).startsWith("0\n").contains("ok: 12 files", "chain back to version 1 holds");
  }

  /**
   * A version is signed on another thread while its transaction goes on and written just before it commits:
   * the register's worker does not wait for the signature. A second change of the folder in the same
   * transaction first writes the one pending, so it chains onto it; a transaction that rolls back leaves
   * no version, and the next one chains onto the last committed.
   */
  @Test
  void versionsSignedAsideAreWrittenBeforeTheCommitAndChainInOneTransaction() throws Exception {
    ArchiveFixture.meeting(meetings, "arch", "m6", true);
    String folder = "t/fg/arch/docs/m6/in/";
    String one = fixture.upload("m6", "Aside one", "aside one");
    String two = fixture.upload("m6", "Aside two", "aside two");
    String three = fixture.upload("m6", "Aside three", "aside three");
    var transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    var rowsSeen = new java.util.ArrayList<Integer>();
    transaction.executeWithoutResult(status -> {
      fixture.publish(one);
      rowsSeen.add(versions(folder));
      fixture.publish(two);
      rowsSeen.add(versions(folder));
    });
    assertThat(rowsSeen).as("each version's row waits for its signature until the folder is read again or the commit")
        .containsExactly(0, 1);
    assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
        .as("the signatures were made on a thread of their own").anyMatch(name -> name.startsWith("manifest-signer-"));
    transaction.executeWithoutResult(status -> {
      fixture.publish(three);
      status.setRollbackOnly();
    });
    assertThat(versions(folder)).as("a rolled-back publication leaves no version").isEqualTo(2);
    fixture.publish(three);
    String previous = null;
    for (int version = 1; version <= 3; version++) {
      ManifestVersion v = log.version(meetingId("m6"), folder, version).orElseThrow();
      assertThat(v.previousSha256()).as("version %d names the one before", version).isEqualTo(previous);
      assertThat(ArchiveFixture.versionHash(log.bytes(v))).isEqualTo(v.sha256());
      previous = v.sha256();
    }
    Path zip = Files.write(dir.resolve("m6.zip"), get("/t/fg/arch/docs/m6/in.zip").body());
    assertThat(verify(zip.toString())).startsWith("0\n").contains("ok: 3 files", "chain back to version 1 holds");
  }

  private int versions(String folder) {
    return jdbc.sql("SELECT COUNT(*) FROM archive_manifests WHERE meeting_id = ? AND folder = ?")
        .params(meetingId("m6"), folder).query(Integer.class).single();
  }

  @Test
  void verifyReadsAPrivateFoldersEarlierVersionsWithTheTokenItIsGiven() throws Exception {
    ArchiveFixture.meeting(meetings, "arch", "p1", false);
    fixture.publish("p1", "Private one", "private one");
    fixture.publish("p1", "Private two", "private two");
    String token = tokens.issue(accounts.find("arch-author").orElseThrow().id(), "verify").token();
    HttpResponse<byte[]> zip = get("/t/fg/arch/docs/p1/in.zip", "Authorization", "Bearer " + token);
    assertThat(zip.statusCode()).isEqualTo(200);
    String file = Files.write(dir.resolve("p1.zip"), zip.body()).toString();

    assertThat(verify(file)).as("without a token the earlier versions are not the stranger's to read")
        .startsWith("2\n").contains("MANIFEST.json?version=1 answered", "--token");
    assertThat(verify(file, "--token", token, "--site", "http://127.0.0.1:" + PORT)).startsWith("0\n")
        .contains("ok: 2 files", "chain back to version 1 holds");
    assertThat(verify(file, "--token", "plenary_not-a-token", "--site", "http://127.0.0.1:" + PORT)).startsWith("2\n")
        .contains("the token was refused");
    assertThat(verify(file, "--token")).startsWith("2\n").contains("usage:");
  }

  /**
   * Whoever edits a downloaded folder's manifest chooses its {@code key}: a file of the reader's machine (the
   * folder's own ignored {@code index.html} holding the editor's key) or the editor's site. Neither may make
   * an edited folder pass, and the reader's token never goes to a site the manifest names.
   */
  @Test
  void verifyTrustsNoKeyFileOrSiteAManifestNamesAndSendsTheTokenOnlyToTheSiteTheReaderNames() throws Exception {
    ArchiveFixture.meeting(meetings, "arch", "p2", false);
    fixture.publish("p2", "Private one", "private one");
    fixture.publish("p2", "Private two", "private two");
    String token = tokens.issue(accounts.find("arch-author").orElseThrow().id(), "forged").token();
    byte[] zip = get("/t/fg/arch/docs/p2/in.zip", "Authorization", "Bearer " + token).body();
    java.security.KeyPair editor = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path pem = Files.writeString(dir.resolve("index.html"), ManifestKey.pem(editor.getPublic()));

    String byFile = Files.write(dir.resolve("by-file.zip"), forged(zip, pem.toString(), editor)).toString();
    assertThat(run(byFile, "--no-history")).as("a key file the manifest names").startsWith("2\n")
        .contains("names no key address of a Plenary site").doesNotContain("ok:");

    var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var evil = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    evil.createContext("/", exchange -> {
      seen.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = exchange.getRequestURI().getPath().endsWith("plenary-manifest-key")
          ? ManifestKey.pem(editor.getPublic()).getBytes(StandardCharsets.US_ASCII) : new byte[0];
      exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    evil.start();
    try {
      String evilKey = "http://127.0.0.1:" + evil.getAddress().getPort() + "/.well-known/plenary-manifest-key";
      String bySite = Files.write(dir.resolve("by-site.zip"), forged(zip, evilKey, editor)).toString();
      String evilSite = "http://127.0.0.1:" + evil.getAddress().getPort();
      assertThat(run(bySite, "--token", token)).as("without --site, the site the manifest names is not trusted")
          .startsWith("2\n").contains("give --site " + evilSite, "nothing was checked").doesNotContain("ok:");
      assertThat(run(bySite)).startsWith("2\n").doesNotContain("ok:");
      assertThat(seen).as("no request to the site the manifest names").isEmpty();
      assertThat(run(bySite, "--no-history", "--site", evilSite)).as("the reader's decision, said: that site's key")
          .contains("key: " + evilKey);
      assertThat(verify(bySite, "--token", token, "--site", "http://127.0.0.1:" + PORT)).startsWith("1\n")
          .contains("signature: this manifest is not signed by the key");
      assertThat(seen).noneMatch(request -> request.contains(token));
    } finally {
      evil.stop(0);
    }
  }

  /** The ZIP with its manifest's {@code key} replaced and the manifest signed again with {@code editor}'s key. */
  @SuppressWarnings("unchecked")
  private static byte[] forged(byte[] zip, String key, java.security.KeyPair editor) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
        var copy = new java.util.zip.ZipOutputStream(out)) {
      for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().endsWith("MANIFEST.json")) {
          Map<String, Object> manifest = JSON.readValue(bytes, LinkedHashMap.class);
          manifest.remove("signature");
          manifest.put("key", key);
          var signer = java.security.Signature.getInstance("Ed25519");
          signer.initSign(editor.getPrivate());
          signer.update(CanonicalJson.bytes(manifest));
          manifest.put("signature", java.util.Base64.getEncoder().encodeToString(signer.sign()));
          bytes = CanonicalJson.bytes(manifest);
        }
        copy.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        copy.write(bytes);
        copy.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private long meetingId(String code) {
    return meetings.get("arch", code).id().value();
  }

  /** {@link #run} as a reader who downloaded from this server says it: with {@code --site}, unless the call names a site or key. */
  private static String verify(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    if (!all.contains("--site") && !all.contains("--key") && !all.contains("--token")) {
      all.addAll(List.of("--site", "http://127.0.0.1:" + PORT));
    }
    return run(all.toArray(String[]::new));
  }

  /** The exit status, a newline, then everything the command printed. */
  private static String run(String... args) {
    var out = new ByteArrayOutputStream();
    var print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = Verifier.run(args, print, print);
    return status + "\n" + out.toString(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> json(String path) throws Exception {
    HttpResponse<byte[]> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readValue(response.body(), LinkedHashMap.class);
  }

  private HttpResponse<byte[]> getJson(String path) throws Exception {
    return get(path, "Accept", "application/json");
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private byte[] ftpRetr(String path) throws IOException {
    FTPClient ftp = anonymous();
    try {
      var out = new ByteArrayOutputStream();
      assertThat(ftp.retrieveFile(path, out)).as(ftp.getReplyString()).isTrue();
      return out.toByteArray();
    } finally {
      ftp.disconnect();
    }
  }

  private List<String> ftpList(String path) throws IOException {
    FTPClient ftp = anonymous();
    try {
      return List.of(ftp.listNames(path)).stream().map(n -> n.substring(n.lastIndexOf('/') + 1)).toList();
    } finally {
      ftp.disconnect();
    }
  }

  private FTPClient anonymous() throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    assertThat(ftp.login("anonymous", "guest@example.org")).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  static String sha256(String text) {
    return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
