package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.contribution.DemoApi;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The store, the upload path and the HTTP folder tree, attacked over real sockets (HTTP and FTP)
 * on the demo data: states a crash leaves behind, names that differ only by case, holes in the
 * folder tree, and HTTP's conditional requests, OPTIONS and 405.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-store-attack;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class StoreAttackTests {

  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

  @LocalServerPort int port;
  @Autowired FtpServer ftpServer;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Value("${plenary.data-dir}") String dataDir;
  @Value("${plenary.documents-dir:${plenary.data-dir}/documents}") String documentsDir;

  private final HttpClient http = HttpClient.newHttpClient();

  // --- Issue 10 item 13: a crash never strands a number ---

  @Test
  void aFileLeftInIncomingByACrashThatTheRegisterDoesNotKnowNeverMakesTheNextUploadOfItsNumberFail() throws Exception {
    String token = api().token("alice");
    String viaApi = api().allocate(token, "Attack");
    String viaFtp = api().allocate(token, "Attack");
    Path incoming = Path.of(documentsDir, "t/fg/cloud/docs/incoming");
    Files.createDirectories(incoming);
    Files.write(incoming.resolve(viaApi + ".pdf"), "stranded by a crash".getBytes(StandardCharsets.UTF_8));
    Files.write(incoming.resolve(viaFtp + ".docx"), "stranded by a crash".getBytes(StandardCharsets.UTF_8));

    byte[] bytes = randomBytes(40_000);
    HttpResponse<String> upload = api().upload(token, viaApi, viaApi + ".pdf", bytes);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    assertThat(download("/t/fg/cloud/docs/incoming/" + viaApi + ".pdf")).isEqualTo(bytes);

    FTPClient ftp = ftp("alice", "alice-demo");
    byte[] ftpBytes = randomBytes(30_000);
    assertThat(ftp.storeFile(viaFtp + ".docx", new ByteArrayInputStream(ftpBytes))).as(ftp.getReplyString()).isTrue();
    assertThat(ftp.getReplyString()).startsWith("226 Received " + viaFtp + ".docx");
    ftp.disconnect();
    assertThat(download("/t/fg/cloud/docs/incoming/" + viaFtp + ".docx")).isEqualTo(ftpBytes);

    // Every version has a store path of its own (IncomingPaths): the stranger files were not in the way. They
    // stay as they were, for the next start to move aside for an operator (StoreReconciliation), not deleted.
    assertThat(incoming.resolve(viaApi + ".pdf")).hasContent("stranded by a crash");
    assertThat(incoming.resolve(viaFtp + ".docx")).hasContent("stranded by a crash");
  }

  // --- Issue 11 item 2: names are exact ---

  @Test
  void aNameThatDiffersOnlyByCaseIsRefusedNamingTheExactNameOnTheApiAndOnFtpAndNothingIsStored() throws Exception {
    String token = api().token("alice");
    String number = api().allocate(token, "Attack");
    String lower = number.toLowerCase();
    for (String wrong : new String[] {lower + ".pdf", number + ".PDF", number.toUpperCase() + ".pdf", number + ".Pdf"}) {
      HttpResponse<String> refused = api().upload(token, number, wrong, randomBytes(1000));
      assertThat(refused.statusCode()).as(wrong).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
      assertThat(refused.body()).as(wrong).contains(number + ".pdf");
    }
    HttpResponse<String> viaOtherPath = api().upload(token, lower, lower + ".pdf", randomBytes(1000));
    assertThat(viaOtherPath.statusCode()).isEqualTo(400);
    assertThat(viaOtherPath.body()).contains(number + ".pdf");

    FTPClient ftp = ftp("alice", "alice-demo");
    for (String wrong : new String[] {lower + ".docx", number + ".DOCX", number.replace("-I-", "-i-") + ".docx"}) {
      assertThat(ftp.storeFile(wrong, new ByteArrayInputStream(randomBytes(1000)))).isFalse();
      assertThat(ftp.getReplyString()).as(wrong).startsWith("553").contains(number + ".docx");
    }
    assertThat(ftp.listNames()).noneMatch(name -> name.equalsIgnoreCase(number + ".docx")
        || name.equalsIgnoreCase(number + ".pdf"));
    ftp.disconnect();
    assertThat(get("/t/fg/cloud/docs/incoming/", "application/json").body()).doesNotContainIgnoringCase(number);

    assertThat(api().upload(token, number, number + ".pdf", randomBytes(1000)).statusCode()).isEqualTo(201);
  }

  // --- Issue 11 item 3: the folder tree has no holes ---

  @Test
  void everyFolderAboveAMeetingFolderIsAListingAndEveryLinkOfTheTreeLeadsSomewhere() throws Exception {
    for (String folder : new String[] {"/t/", "/t/fg/", "/t/fg/cloud/"}) {
      HttpResponse<String> listing = get(folder, "text/html");
      assertThat(listing.statusCode()).as(folder).isEqualTo(200);
      assertThat(listing.body()).as(folder).contains("Index of " + folder, "href=\"../\"", "Groups and meetings",
          "<footer");
    }
    assertThat(get("/t/", "text/html").body()).contains("href=\"fg/\"");
    assertThat(get("/t/fg/", "text/html").body()).contains("href=\"cloud/\"");
    assertThat(get("/t/fg/cloud/", "text/html").body()).contains("href=\"docs/\"");
    assertThat(get("/t/fg/", "application/json").body()).contains("\"cloud/\"");
    assertThat(get("/t/fg/no-such-group/", "text/html").statusCode()).isEqualTo(404);
    assertThat(get("/t/fg", "text/html").statusCode()).isEqualTo(302);

    // What wget -m without -np does: follow every link, up and down, from a meeting folder.
    var seen = new HashSet<String>();
    var queue = new ArrayDeque<String>();
    queue.add("/t/fg/cloud/docs/1006-gva/in/");
    while (!queue.isEmpty() && seen.size() < 400) {
      String path = queue.poll();
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<String> page = get(path, "text/html");
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      if (!path.endsWith("/")) {
        continue;
      }
      assertThat(page.body()).as(path).contains("class=\"site\"", "<footer");
      Matcher links = HREF.matcher(page.body());
      while (links.find()) {
        URI target = URI.create("http://127.0.0.1" + path).resolve(links.group(1).replace("&amp;", "&"));
        if (target.getPath().startsWith("/t/") && target.getHost().equals("127.0.0.1")) {
          queue.add(target.getRawPath());
        }
      }
    }
    assertThat(seen).contains("/t/", "/t/fg/", "/t/fg/cloud/", "/t/fg/cloud/docs/", "/t/fg/cloud/docs/incoming/");
    // Mirroring tools stay in the tree: the site's pages (/groups/cloud and /groups/cloud/...) cannot be files and folders.
    assertThat(get("/robots.txt", "text/plain").body()).contains("User-agent: Wget\nUser-agent: HTTrack\nAllow: /t/\nDisallow: /");
  }

  @Test
  void aSignedInPersonSeesTheirOwnHeaderOnAListingAndAStrangerNeverSeesIt() throws Exception {
    String anonymousFirst = get("/t/fg/cloud/docs/incoming/", "text/html").body();
    assertThat(anonymousFirst).contains("Sign in").doesNotContain("Sign out");

    var browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String signInPage = browser.send(HttpRequest.newBuilder(url("/sign-in")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage);
    assertThat(csrf.find()).isTrue();
    browser.send(HttpRequest.newBuilder(url("/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-demo&_csrf="
            + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(url("/t/fg/cloud/docs/incoming/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.body()).contains("Sign out", "Index of /t/fg/cloud/docs/incoming/", "name=\"_csrf\"")
        .doesNotContain(">Sign in<");
    String etag = signedIn.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> stranger = send(HttpRequest.newBuilder(url("/t/fg/cloud/docs/incoming/")).header("If-None-Match", etag));
    assertThat(stranger.statusCode()).as("a signed-in person's page is not a stranger's").isEqualTo(200);
    assertThat(stranger.body()).contains("Sign in").doesNotContain("Sign out");
  }

  /**
   * A document, uploaded with markup inside, is sent to be saved and, were a browser to show it anyway, in a
   * sandbox that loads and runs nothing, to a stranger (the published files' fast path and the incoming folder)
   * and to a signed-in reader alike. It carried the pages' own policy (scripts of the site allowed).
   */
  @Test
  void aDocumentIsSentToBeSavedInASandboxThatRunsNothingWhoeverReadsIt() throws Exception {
    String token = api().token("alice");
    String number = api().allocate(token, "Sandboxed");
    byte[] markup = "<html><script src=\"/js/plenary.js\"></script></html>".getBytes(StandardCharsets.UTF_8);
    assertThat(api().upload(token, number, number + ".txt", markup).statusCode()).isEqualTo(201);
    String staff = api().token("tsb");
    String incoming = "/t/fg/cloud/docs/incoming/" + number + ".txt";
    assertThat(send(request(incoming, "GET")).headers().firstValue("Content-Security-Policy").orElse(""))
        .as("waiting in incoming").startsWith("sandbox");
    assertThat(send(HttpRequest.newBuilder(url("/api/v1/contributions/" + number + "/publish"))
        .header("Authorization", "Bearer " + staff).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
        .isEqualTo(200);
    String code = DemoMeetings.upcoming(groups, meetings);
    for (String path : java.util.List.of("/t/fg/cloud/docs/" + code + "/in/" + number + ".txt")) {
      for (String authorization : new String[] {null, "Bearer " + staff}) {
        var request = HttpRequest.newBuilder(url(path));
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        HttpResponse<String> answer = send(request);
        String what = path + (authorization == null ? " to a stranger" : " to the secretariat");
        assertThat(answer.statusCode()).as(what).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Security-Policy").orElse("")).as(what)
            .startsWith("sandbox").contains("default-src 'none'").doesNotContain("script-src 'self'");
        assertThat(answer.headers().firstValue("Content-Disposition").orElse("")).as(what).startsWith("attachment");
        assertThat(answer.headers().firstValue("X-Content-Type-Options").orElse("")).as(what).isEqualTo("nosniff");
      }
    }
  }

  // --- Issue 11 item 4: HTTP as RFC 9110 says ---

  @Test
  void conditionalRequestsOnFilesAndFoldersFollowRfc9110() throws Exception {
    String token = api().token("bob");
    String number = api().allocate(token, "Attack");
    assertThat(api().upload(token, number, number + ".pdf", randomBytes(5000)).statusCode()).isEqualTo(201);
    String file = "/t/fg/cloud/docs/incoming/" + number + ".pdf";
    String etag = send(HttpRequest.newBuilder(url(file)).method("HEAD", HttpRequest.BodyPublishers.noBody()))
        .headers().firstValue("ETag").orElseThrow();

    for (String target : new String[] {file, "/t/fg/cloud/docs/incoming/", "/t/fg/"}) {
      for (String method : new String[] {"GET", "HEAD"}) {
        assertThat(send(request(target, method).header("If-Match", "\"not-the-etag\"")).statusCode())
            .as(method + " " + target + " If-Match").isEqualTo(412);
        assertThat(send(request(target, method).header("If-Match", "W/\"weak\", \"other\"")).statusCode())
            .as(method + " " + target + " If-Match list").isEqualTo(412);
        assertThat(send(request(target, method).header("If-None-Match", "*")).statusCode())
            .as(method + " " + target + " If-None-Match: *").isEqualTo(304);
      }
    }
    assertThat(send(request(file, "GET").header("If-Match", etag)).statusCode()).isEqualTo(200);
    assertThat(send(request(file, "GET").header("If-Match", "*")).statusCode()).isEqualTo(200);
    assertThat(send(request(file, "GET").header("If-None-Match", etag)).statusCode()).isEqualTo(304);
    assertThat(send(request(file, "GET").header("Range", "bytes=0-9")).statusCode()).isEqualTo(206);
    assertThat(send(request("/t/fg/cloud/docs/incoming/FG-Cloud-I-9999.pdf", "GET").header("If-Match", "*"))
        .statusCode()).isIn(404, 412);
  }

  @Test
  void optionsAnswersTheMethodsThatWorkAndEvery405SaysWhatIsAllowed() throws Exception {
    String token = api().token("bob");
    String number = api().allocate(token, "Attack");
    assertThat(api().upload(token, number, number + ".pdf", randomBytes(500)).statusCode()).isEqualTo(201);
    String file = "/t/fg/cloud/docs/incoming/" + number + ".pdf";
    for (String target : new String[] {file, "/t/fg/cloud/docs/incoming/", "/t/", "/t/fg/", "/t/fg/cloud/",
        "/t/fg/cloud/docs/", "/t/fg/cloud/docs/1006-gva/in/"}) {
      HttpResponse<String> options = send(request(target, "OPTIONS"));
      assertThat(options.statusCode()).as(target).isIn(200, 204);
      assertThat(allowed(options)).as(target).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
      for (String method : new String[] {"PUT", "DELETE", "POST", "PATCH"}) {
        HttpResponse<String> refused = send(request(target, method).header("Authorization", "Bearer " + token));
        assertThat(refused.statusCode()).as(method + " " + target).isEqualTo(405);
        assertThat(allowed(refused)).as(method + " " + target).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
      }
    }
    HttpResponse<String> api = send(request("/api/v1/groups", "DELETE").header("Authorization", "Bearer " + token));
    assertThat(api.statusCode()).isEqualTo(405);
    assertThat(allowed(api)).contains("GET").doesNotContain("DELETE");
    var browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String signIn = browser.send(HttpRequest.newBuilder(url("/sign-in")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signIn);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> page = browser.send(request("/sign-in", "DELETE").header("X-CSRF-TOKEN", csrf.group(1)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(405);
    assertThat(allowed(page)).contains("GET").doesNotContain("DELETE");
  }

  private static Set<String> allowed(HttpResponse<?> response) {
    var methods = new HashSet<String>();
    response.headers().allValues("Allow").forEach(v -> Stream.of(v.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).forEach(methods::add));
    return methods;
  }

  // --- helpers ---

  private DemoApi api() {
    return new DemoApi(http, port);
  }

  private byte[] download(String path) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return send(HttpRequest.newBuilder(url(path)).header("Accept", accept));
  }

  private HttpRequest.Builder request(String path, String method) {
    return HttpRequest.newBuilder(url(path)).method(method, HttpRequest.BodyPublishers.noBody());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private FTPClient ftp(String user, String password) throws Exception {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(10_000);
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    assertThat(ftp.login(user, password)).as(ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    assertThat(ftp.changeWorkingDirectory("/t/fg/cloud/docs/incoming")).isTrue();
    return ftp;
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size * 31L + System.nanoTime()).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
