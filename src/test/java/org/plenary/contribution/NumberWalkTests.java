package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipInputStream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.plenary.archive.Verifier;
import org.plenary.ftp.FtpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One number walked through its whole life — allocated, uploaded on the web, replaced over FTP, published,
 * revised, the revision published, another revision sent and taken back, withdrawn — and after every step
 * every view of it compared, over real HTTP and FTP (Commons Net): the document's API resource and page, the
 * register (API, page, CSV in two languages), the published and incoming folders (HTML, JSON, FTP LIST, MLSD,
 * SIZE, MDTM), the folder's MANIFEST.json (its signature verified) and in.zip, the changes feed and the search.
 * Each must say the same status, versions, sizes and SHA-256, and none may show a withdrawn or waiting file
 * where only published ones belong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-number-walk;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.port=0"})
@ActiveProfiles("demo")
class NumberWalkTests {

  private static final DateTimeFormatter MDTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  @LocalServerPort int port;
  @Autowired FtpServer ftpServer;
  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();
  DemoApi api;
  String code;
  String number;
  String in;
  String incoming = "/t/fg/cloud/docs/incoming/";

  /** What the walk expects of the number after a step: its status, published files by name, the waiting one. */
  record Expected(String status, Map<String, byte[]> published, String waitingName, byte[] waiting,
      String latestName, List<String> withdrawn) {}

  @Test
  void everyViewOfOneNumberAgreesAfterEveryStepOfItsLife() throws Exception {
    api = new DemoApi(http, port);
    code = api.upcoming();
    in = "/t/fg/cloud/docs/" + code + "/in/";
    String alice = api.token("alice");
    String tsb = api.token("tsb");
    number = api.allocate(alice, "Walked through its life");
    var published = new TreeMap<String, byte[]>();
    check("allocated", new Expected("ALLOCATED", published, null, null, null, List.of()));

    byte[] first = bytes("first draft");
    assertThat(api.upload(alice, number, number + ".docx", first).statusCode()).isEqualTo(201);
    check("uploaded", new Expected("INCOMING", published, number + ".docx", first, null, List.of()));

    byte[] second = bytes("second draft, sent over FTP");
    ftpStore(number + ".docx", second);
    check("replaced over FTP", new Expected("INCOMING", published, number + ".docx", second, null, List.of()));

    assertThat(post(tsb, "/api/v1/contributions/" + number + "/publish").statusCode()).isEqualTo(200);
    published.put(number + ".docx", second);
    check("published", new Expected("PUBLISHED", published, null, null, number + ".docx", List.of()));

    byte[] revision = bytes("revision one");
    assertThat(api.upload(alice, number, number + "r1.docx", revision).statusCode()).isEqualTo(201);
    check("revised", new Expected("PUBLISHED", published, number + "r1.docx", revision, number + ".docx", List.of()));

    assertThat(post(tsb, "/api/v1/contributions/" + number + "/publish").statusCode()).isEqualTo(200);
    published.put(number + "r1.docx", revision);
    check("revision published", new Expected("PUBLISHED", published, null, null, number + "r1.docx", List.of()));

    byte[] wrong = bytes("a wrong second revision");
    assertThat(api.upload(alice, number, number + "r2.docx", wrong).statusCode()).isEqualTo(201);
    check("second revision waits",
        new Expected("PUBLISHED", published, number + "r2.docx", wrong, number + "r1.docx", List.of()));
    var taken = http.send(HttpRequest.newBuilder(api.url("/api/v1/contributions/" + number + "/files/incoming"))
        .header("Authorization", "Bearer " + alice).header("If-Match", "\"" + sha256(wrong) + "\"").DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    check("taken back", new Expected("PUBLISHED", published, null, null, number + "r1.docx", List.of()));

    assertThat(post(tsb, "/api/v1/contributions/" + number + "/withdraw").statusCode()).isEqualTo(200);
    var gone = List.copyOf(published.keySet());
    published.clear();
    check("withdrawn", new Expected("WITHDRAWN", published, null, null, null, gone));
  }

  private void check(String step, Expected expected) throws Exception {
    var published = new TreeMap<String, String>();
    for (var file : expected.published().entrySet()) {
      published.put(file.getKey(), sha256(file.getValue()));
    }
    String latestSha = expected.latestName() == null ? null : published.get(expected.latestName());
    String waitingSha = expected.waiting() == null ? null : sha256(expected.waiting());

    // The document's API resource and the register's row say the same.
    JsonNode resource = json.readTree(get("/api/v1/contributions/" + number, "application/json").body());
    JsonNode row = null;
    for (JsonNode r : json.readTree(get("/api/v1/groups/cloud/meetings/" + code + "/contributions",
        "application/json").body())) {
      if (r.get("number").asString().equals(number)) {
        row = r;
      }
    }
    assertThat(row).as(step + ": the register lists " + number).isNotNull();
    for (JsonNode r : List.of(resource, row)) {
      assertThat(r.get("status").asString()).as(step + ": status").isEqualTo(expected.status());
      assertThat(text(r.get("sha256"))).as(step + ": the latest published SHA-256").isEqualTo(latestSha);
      assertThat(text(r.get("fileName"))).as(step + ": the latest published file").isEqualTo(expected.latestName());
      assertThat(text(r.path("incoming").get("sha256"))).as(step + ": the waiting version").isEqualTo(waitingSha);
      assertThat(r.get("title").asString()).isEqualTo("Walked through its life");
    }
    assertThat(row.toString()).as(step + ": the register's row is the resource").isEqualTo(resource.toString());

    // The document's page and the register's page name the files readers may fetch, never a withdrawn one.
    String page = get("/documents/" + number, "text/html").body();
    String registerPage = get("/groups/cloud/meetings/" + code + "/documents", "text/html").body();
    if (expected.latestName() != null) {
      assertThat(page).as(step + ": the document's page links the latest published file")
          .contains("href=\"" + in + expected.latestName() + "\"");
    }
    assertThat(page).as(step + ": the document's page says its status")
        .contains("<dt>Status</dt><dd><span>" + Map.of("ALLOCATED", "number allocated", "INCOMING", "uploaded, waiting",
            "PUBLISHED", "published", "WITHDRAWN", "withdrawn").get(expected.status()));
    if (latestSha != null) {
      assertThat(registerPage).as(step + ": the register's page").contains(latestSha.substring(0, 12));
    }
    for (String name : expected.withdrawn()) {
      assertThat(registerPage).as(step + ": the register's page links no withdrawn file")
          .doesNotContain("href=\"" + in + name + "\"");
      assertThat(page).as(step + ": the document's page links no withdrawn file").doesNotContain("href=\"" + in + name + "\"");
    }

    // The published folder: HTTP JSON and HTML, FTP LIST, MLSD, SIZE and MDTM, each file's bytes.
    Map<String, JsonNode> listed = listing(in, step);
    var mine = new TreeMap<String, String>();
    listed.forEach((name, e) -> {
      if (name.startsWith(number)) {
        mine.put(name, e.get("sha256").asString());
      }
    });
    assertThat(mine).as(step + ": the published folder's JSON listing").isEqualTo(published);
    String html = get(in, "text/html").body();
    for (String name : published.keySet()) {
      assertThat(html).as(step + ": the published folder's page").contains(name, published.get(name));
    }
    for (String name : expected.withdrawn()) {
      assertThat(html).as(step + ": the published folder's page shows no withdrawn file").doesNotContain(name);
      assertThat(get(in + name, "*/*").statusCode()).as(step + ": a withdrawn file is gone").isEqualTo(410);
    }
    for (var file : published.entrySet()) {
      var download = http.send(HttpRequest.newBuilder(api.url(in + file.getKey())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(sha256(download.body())).as(step + ": the bytes under " + file.getKey()).isEqualTo(file.getValue());
      assertThat(download.headers().firstValue("ETag")).hasValue("\"" + file.getValue() + "\"");
    }
    ftpFolder(in, listed, step);

    // The incoming folder shows the waiting version only, on every channel.
    Map<String, JsonNode> waiting = listing(incoming, step);
    var waitingMine = new TreeMap<String, String>();
    waiting.forEach((name, e) -> {
      if (name.startsWith(number)) {
        waitingMine.put(name, e.get("sha256").asString());
      }
    });
    assertThat(waitingMine).as(step + ": the incoming folder's JSON listing")
        .isEqualTo(expected.waitingName() == null ? Map.of() : Map.of(expected.waitingName(), waitingSha));
    ftpFolder(incoming, waiting, step);

    // The manifest (verified with its signature) and the ZIP hold exactly the published files.
    var manifest = get(in + "MANIFEST.json", "application/json");
    if (manifest.statusCode() == 200) {
      var files = new TreeMap<String, String>();
      for (JsonNode f : json.readTree(manifest.body()).get("files")) {
        if (f.get("name").asString().startsWith(number)) {
          files.put(f.get("name").asString(), f.get("sha256").asString());
          assertThat(f.get("size").asLong()).as(step + ": the manifest's size of " + f.get("name"))
              .isEqualTo(listed.get(f.get("name").asString()).get("size").asLong());
        }
      }
      assertThat(files).as(step + ": MANIFEST.json").isEqualTo(published);
      var zip = http.send(HttpRequest.newBuilder(api.url("/t/fg/cloud/docs/" + code + "/in.zip")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(zip.statusCode()).isEqualTo(200);
      var held = java.nio.file.Files.createTempFile("walk", ".zip");
      java.nio.file.Files.write(held, zip.body());
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      int verified = Verifier.run(new String[] {held.toString(), "--site", api.url("/").toString()},
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      java.nio.file.Files.delete(held);
      assertThat(verified).as(step + ": plenary verify of in.zip, its MANIFEST.json signed\n" + out + err).isZero();
      var zipped = new TreeMap<String, String>();
      try (var entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
        for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
          String name = entry.getName().replaceAll(".*/", "");
          if (name.startsWith(number)) {
            zipped.put(name, sha256(entries.readAllBytes()));
          }
        }
      }
      assertThat(zipped).as(step + ": in.zip").isEqualTo(published);
    } else {
      assertThat(published).as(step + ": no manifest before a first publication").isEmpty();
    }

    // The CSV in two languages, the changes feed and the search.
    for (String lang : List.of("", "?lang=fr")) {
      String csv = get("/groups/cloud/meetings/" + code + "/documents.csv" + lang, "text/csv").body();
      String line = csv.lines().filter(l -> l.startsWith("\"" + number + "\",")).findFirst().orElseThrow();
      if (latestSha != null) {
        assertThat(line).as(step + ": the CSV" + lang).contains("," + latestSha + ",",
            "," + expected.published().get(expected.latestName()).length + ",");
      }
      if (waitingSha != null) {
        assertThat(line).as(step + ": the CSV's waiting version" + lang).contains(waitingSha);
      }
      for (String name : expected.withdrawn()) {
        assertThat(line).as(step + ": the CSV" + lang + " gives no url of a withdrawn file")
            .doesNotContain(in + name);
      }
    }
    if (!expected.status().equals("ALLOCATED")) {
      JsonNode feed = json.readTree(get("/api/v1/groups/cloud/changes?limit=1000", "application/json").body());
      var state = new LinkedHashMap<String, String>();
      assertThat(feed.get("more").asBoolean()).as("the whole feed in one page").isFalse();
      for (JsonNode change : feed.get("changes")) {
        for (JsonNode f : change.get("files")) {
          if (f.get("name").asString().startsWith(number)) {
            state.put(f.get("name").asString(), f.get("state").asString() + " " + f.get("sha256").asString());
          }
        }
      }
      var expectedFeed = new TreeMap<String, String>();
      published.forEach((name, sha) -> expectedFeed.put(name, "published " + sha));
      var fromFeed = new TreeMap<String, String>();
      state.forEach((name, value) -> {
        if (value.startsWith("published")) {
          fromFeed.put(name, value);
        }
      });
      assertThat(fromFeed).as(step + ": the changes feed's last word on each file").isEqualTo(expectedFeed);
    }
    // The index follows the register in the background (README, Full-text search): within a few seconds.
    List<String> found = List.of();
    for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
      found = searched();
      if (found.equals(List.of(expected.status()))) {
        break;
      }
    }
    assertThat(found).as(step + ": the search").containsExactly(expected.status());
  }

  /** The folder's JSON listing by name, and its LIST, MLSD, SIZE and MDTM over FTP agreeing with it. */
  private Map<String, JsonNode> listing(String folder, String step) throws Exception {
    var listed = new TreeMap<String, JsonNode>();
    for (JsonNode e : json.readTree(get(folder, "application/json").body()).get("entries")) {
      listed.put(e.get("name").asString(), e);
    }
    return listed;
  }

  private void ftpFolder(String folder, Map<String, JsonNode> listed, String step) throws Exception {
    FTPClient ftp = new FTPClient();
    ftp.connect("127.0.0.1", ftpServer.port());
    try {
      assertThat(ftp.login("anonymous", "walk@example.org")).isTrue();
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      assertThat(ftp.changeWorkingDirectory(folder)).as(step + ": CWD " + folder).isTrue();
      var mlsd = new TreeMap<String, Long>();
      for (FTPFile f : ftp.mlistDir()) {
        if (f.isFile()) {
          mlsd.put(f.getName(), f.getSize());
        }
      }
      var list = new TreeMap<String, Long>();
      for (FTPFile f : ftp.listFiles()) {
        if (f.isFile()) {
          list.put(f.getName(), f.getSize());
        }
      }
      var http = new TreeMap<String, Long>();
      listed.forEach((name, e) -> {
        if (e.get("type").asString().equals("file")) {
          http.put(name, e.get("size").asLong());
        }
      });
      assertThat(mlsd).as(step + ": MLSD of " + folder).isEqualTo(http);
      assertThat(list).as(step + ": LIST of " + folder).isEqualTo(http);
      for (var e : listed.entrySet()) {
        if (!e.getKey().startsWith(number)) {
          continue;
        }
        assertThat(ftp.getSize(e.getKey())).as(step + ": SIZE " + e.getKey()).isEqualTo(e.getValue().get("size").asString());
        assertThat(ftp.getModificationTime(e.getKey())).as(step + ": MDTM " + e.getKey())
            .isEqualTo(MDTM.format(Instant.parse(e.getValue().get("modified").asString()).truncatedTo(ChronoUnit.SECONDS)));
        var bytes = new ByteArrayOutputStream();
        assertThat(ftp.retrieveFile(e.getKey(), bytes)).isTrue();
        assertThat(sha256(bytes.toByteArray())).as(step + ": RETR " + e.getKey())
            .isEqualTo(e.getValue().get("sha256").asString());
      }
    } finally {
      ftp.disconnect();
    }
  }

  private void ftpStore(String name, byte[] content) throws Exception {
    FTPClient ftp = new FTPClient();
    ftp.connect("127.0.0.1", ftpServer.port());
    try {
      assertThat(ftp.login("alice", "alice-demo")).isTrue();
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      assertThat(ftp.changeWorkingDirectory(incoming)).isTrue();
      assertThat(ftp.storeFile(name, new ByteArrayInputStream(content))).as(ftp.getReplyString()).isTrue();
    } finally {
      ftp.disconnect();
    }
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(api.url(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String token, String path) throws Exception {
    var answer = http.send(HttpRequest.newBuilder(api.url(path)).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer;
  }

  private List<String> searched() throws Exception {
    var found = new ArrayList<String>();
    for (JsonNode hit : json.readTree(get("/api/v1/search?q=" + number, "application/json").body()).get("hits")) {
      if (hit.get("number").asString().equals(number)) {
        found.add(hit.get("state").asString());
      }
    }
    return found;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
  }

  private static byte[] bytes(String text) {
    return ("PK walk " + text + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
