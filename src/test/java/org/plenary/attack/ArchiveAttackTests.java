package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.contribution.ContributionDesk;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16: the new channels — a folder's ZIP, its MANIFEST.json and older versions of it, the
 * changes feed and the hash look-up — give a stranger nothing of a private meeting's documents
 * (not a name, a title, a hash, a size, nor a trace in the feed's cursor), over HTTP and FTP, while
 * a signed-in participant gets all of it. Real sockets only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-archive;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-archive-${random.uuid}"})
class ArchiveAttackTests {

  static final String SECRET = "/t/fg/parch/docs/secret/";
  static final String OPEN = "/t/fg/parch/docs/open/";
  static String secretNumber;
  static String openNumber;
  static String participant;
  static List<String> secrets;
  /** The participant's web session (files and folders over HTTP take a session; the API takes the token). */
  static HttpClient browser;

  @LocalServerPort int port;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired FtpServer ftpServer;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    if (secrets == null) {
      ArchiveFixture f = ArchiveFixture.create("parch", "FG Parch", groups, accounts, tokens).with(desk);
      ArchiveFixture.meeting(meetings, "parch", "open", true);
      ArchiveFixture.meeting(meetings, "parch", "secret", false);
      openNumber = f.publish("open", "Open roadmap", "open original");
      secretNumber = f.publish("secret", "Zanzibar secret roadmap", "secret original");
      f.revise(secretNumber, 1, "secret revision");
      String withdrawn = f.publish("secret", "Xylophone withdrawn plan", "secret withdrawn");
      f.withdraw(withdrawn);
      participant = "Bearer " + tokens.issue(accounts.find("parch-author").orElseThrow().id(), "test").token();
      browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      String signInPage = new String(send(browser, "GET", "/sign-in", null).body(), StandardCharsets.UTF_8);
      Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage);
      assertThat(csrf.find()).isTrue();
      browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign-in"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
              + "&username=parch-author&password=author-pass-2026")).build(), HttpResponse.BodyHandlers.discarding());
      secrets = List.of(secretNumber, withdrawn, "Zanzibar", "Xylophone", "secret/in", sha256("secret original"),
          sha256("secret revision"), sha256("secret withdrawn"));
    }
  }

  @Test
  void aStrangerGetsNoZipOfAPrivateMeetingWhateverTheHeadersAndAParticipantGetsIt() throws Exception {
    HttpResponse<byte[]> mine = send(browser, "GET", SECRET + "in.zip", null);
    assertThat(mine.statusCode()).isEqualTo(200);
    String etag = mine.headers().firstValue("ETag").orElseThrow();
    int refusal = get(SECRET + "in/", null).statusCode();
    assertThat(refusal).isNotIn(200, 206, 304, 412);
    for (String path : List.of(SECRET + "in.zip", SECRET + "in.zip?since=2000-01-01T00:00:00Z", SECRET + "out.zip",
        SECRET + "in/MANIFEST.json", SECRET + "in/MANIFEST.json?version=1", SECRET + "in/MANIFEST.json?version=2")) {
      for (String[] headers : List.<String[]>of(new String[0], new String[] {"Range", "bytes=0-100"},
          new String[] {"If-None-Match", etag}, new String[] {"If-Match", etag},
          new String[] {"Range", "bytes=5-", "If-Range", etag}, new String[] {"Accept", "application/json"})) {
        for (String method : List.of("GET", "HEAD")) {
          HttpResponse<byte[]> answer = send(method, path, null, headers);
          String what = method + " " + path + " " + String.join(": ", headers);
          assertThat(answer.statusCode()).as(what).isNotIn(200, 206, 304, 412);
          if (!path.contains("out.zip")) {
            // A download, not a page: refused as a script is (401, send a token), where the folder's page leads a
            // browser to sign in; both say only that the meeting's documents are for participants.
            assertThat(answer.statusCode()).as(what + " is refused as a download").isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(what).get().asString().startsWith("Bearer");
          }
          assertNoSecret(answer, what);
        }
      }
    }
    assertThat(get(OPEN + "in.zip", null).statusCode()).isEqualTo(200);
    assertThat(send(browser, "GET", SECRET + "in/MANIFEST.json?version=1", null).statusCode()).isEqualTo(200);
    assertThat(new String(send(browser, "GET", SECRET + "in/MANIFEST.json", null).body(), StandardCharsets.UTF_8))
        .contains(secretNumber + "r1.pdf", "withdrawnBy");
  }

  @Test
  void theChangesFeedShowsAStrangerNoChangeOfAPrivateMeetingNorATraceOfOneInItsCursor() throws Exception {
    HttpResponse<byte[]> stranger = get("/api/v1/groups/parch/changes?since=0", null);
    assertThat(stranger.statusCode()).isEqualTo(200);
    assertNoSecret(stranger, "changes");
    String body = new String(stranger.body(), StandardCharsets.UTF_8);
    assertThat(body).contains(openNumber).contains("\"next\":\"open/in/1\",");
    HttpResponse<byte[]> after = get("/api/v1/groups/parch/changes?since=open/in/1", null);
    assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("\"changes\":[]", "\"next\":\"open/in/1\",");
    assertThat(new String(get("/api/v1/groups/parch/changes?since=0&limit=1", null).body(), StandardCharsets.UTF_8))
        .as("a hidden change after the page is no reason for more").contains("\"more\":false");
    String mine = new String(get("/api/v1/groups/parch/changes?since=0", participant).body(), StandardCharsets.UTF_8);
    assertThat(mine).contains(secretNumber, "WITHDRAWN", "REVISED");
  }

  @Test
  void theHashLookUpAnswersAPrivateFileAsAHashNeverPublished() throws Exception {
    for (String text : List.of("secret original", "secret revision", "secret withdrawn")) {
      HttpResponse<byte[]> answer = get("/api/v1/verify?sha256=" + sha256(text), null);
      HttpResponse<byte[]> never = get("/api/v1/verify?sha256=" + sha256("never " + text), null);
      assertThat(answer.statusCode()).isEqualTo(404).isEqualTo(never.statusCode());
      assertThat(new String(answer.body(), StandardCharsets.UTF_8).replace(sha256(text), "H"))
          .isEqualTo(new String(never.body(), StandardCharsets.UTF_8).replace(sha256("never " + text), "H"));
      assertThat(get("/api/v1/verify?sha256=" + sha256(text), participant).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anonymousFtpListsAndRetrievesNoManifestOfAPrivateMeeting() throws Exception {
    FTPClient ftp = new FTPClient();
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    try {
      assertThat(ftp.login("anonymous", "guest@example.org")).isTrue();
      ftp.enterLocalPassiveMode();
      var out = new ByteArrayOutputStream();
      assertThat(ftp.retrieveFile(SECRET + "in/MANIFEST.json", out)).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(550);
      assertThat(out.size()).isZero();
      assertThat(ftp.sendCommand("SIZE", SECRET + "in/MANIFEST.json")).isEqualTo(550);
      assertThat(ftp.listNames(SECRET + "in/")).isNull();
      assertThat(ftp.retrieveFile(OPEN + "in/MANIFEST.json", out)).isTrue();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains(openNumber).doesNotContain(secretNumber);
    } finally {
      ftp.disconnect();
    }
  }

  private void assertNoSecret(HttpResponse<byte[]> answer, String what) {
    var all = new ArrayList<String>();
    all.add(new String(answer.body(), StandardCharsets.UTF_8));
    answer.headers().map().forEach((name, values) -> all.add(name + ": " + String.join(",", values)));
    String text = String.join("\n", all);
    for (String secret : secrets) {
      if (!(secret.equals("secret/in") && what.contains("secret/in"))) {
        assertThat(text).as(what).doesNotContain(secret);
      }
    }
  }

  private HttpResponse<byte[]> get(String path, String bearer) throws Exception {
    return send("GET", path, bearer);
  }

  private HttpResponse<byte[]> send(String method, String path, String bearer, String... headers) throws Exception {
    return send(http, method, path, bearer, headers);
  }

  private HttpResponse<byte[]> send(HttpClient client, String method, String path, String bearer, String... headers)
      throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
