package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 10, item 1: a meeting whose documents are not public shows nothing of its documents to a
 * stranger on any channel — HTTP folders (pages, JSON, files, HEAD, ranges, conditional requests,
 * odd encodings), FTP (every reading command, anonymous), the register, its CSV, Atom and JSON, and
 * contributions by number — while a signed-in participant still sees everything. Real sockets only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-access;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-access-${random.uuid}"})
class PrivateMeetingAttackTests {

  static final String INCOMING = "/t/fg/priv/docs/incoming/";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** What the fixture put where: a private meeting "secret", a public one "open", one that turns private. */
  record Fixture(String publishedA, String revisionA, String incomingB, String openC, String flipD, String numberA,
      String numberB, List<String> secrets) {}

  static Fixture fixture;

  @LocalServerPort int port;
  @Autowired FtpServer ftpServer;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    if (groups.find("priv").isEmpty()) {
      groups.create(new GroupDraft("priv", "FG Priv", "Focus Group on Privacy", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      meetings.schedule("priv", draft("open", true));
      meetings.schedule("priv", draft("secret", false));
      meetings.schedule("priv", draft("flip", true));
      accounts.create(new NewAccount("pm-alice", "alice@priv.example", "Alice", null, null, Set.of()),
          "alice-pass-2026", false);
      accounts.create(new NewAccount("pm-clerk", "clerk@priv.example", "Clerk", null, null, Set.of(Role.SECRETARIAT)),
          "clerk-pass-2026", false);
      PlenaryUser alice = user("pm-alice");
      PlenaryUser clerk = user("pm-clerk");
      Contribution a = desk.allocate("priv", "secret", new Allocation("Zanzibar roadmap of the secret meeting",
          "Quietco", List.of(), null, List.of()), alice);
      desk.upload(a.number(), a.number() + ".pdf", new ByteArrayInputStream(bytes("secret original A")), alice);
      desk.publish(a.number(), clerk);
      desk.upload(a.number(), a.number() + "r1.pdf", new ByteArrayInputStream(bytes("secret revision A r1")), alice);
      Contribution b = desk.allocate("priv", "secret", new Allocation("Xylophone draft of the secret meeting",
          "Hushco", List.of(), null, List.of()), alice);
      desk.upload(b.number(), b.number() + ".pdf", new ByteArrayInputStream(bytes("secret waiting B")), alice);
      Contribution c = desk.allocate("priv", "open", new Allocation("Open plan", "Openco", List.of(), null, List.of()),
          alice);
      desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(bytes("open waiting C")), alice);
      Contribution d = desk.allocate("priv", "flip", new Allocation("Quokka plan before the meeting closed",
          "Flipco", List.of(), null, List.of()), alice);
      desk.upload(d.number(), d.number() + ".pdf", new ByteArrayInputStream(bytes("flip waiting D")), alice);
      fixture = new Fixture(a.number() + ".pdf", a.number() + "r1.pdf", b.number() + ".pdf", c.number() + ".pdf",
          d.number() + ".pdf", a.number(), b.number(), List.of(a.number(), b.number(), "Zanzibar", "Xylophone",
          "Quietco", "Hushco", sha256("secret original A"), sha256("secret revision A r1"), sha256("secret waiting B"),
          "secret original A", "secret revision A r1", "secret waiting B"));
    }
  }

  @Test
  void aStrangerFindsNoFileOfAPrivateMeetingInIncomingOverHttpWhateverTheEncodingMethodOrHeaders() throws Exception {
    for (String secret : List.of(fixture.incomingB(), fixture.revisionA())) {
      String missing = secret.replace(fixture.numberA(), "FG-Priv-I-0999").replace(fixture.numberB(), "FG-Priv-I-0999");
      for (String path : pathVariants(secret)) {
        String decoy = path.replace(secret, missing).replace(lower(secret), lower(missing)).replace(upper(secret), upper(missing))
            .replace(secret.replace(".", "%2e"), missing.replace(".", "%2e")).replace(encodeAll(secret), encodeAll(missing));
        for (String method : List.of("GET", "HEAD")) {
          for (String header : List.of("", "Range: bytes=0-5\r\n", "If-None-Match: \"" + sha256("secret waiting B") + "\"\r\n",
              "If-None-Match: *\r\n", "If-Match: *\r\n", "Accept: application/json\r\n",
              "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n")) {
            Raw answer = raw(method, path, header);
            Raw nothing = raw(method, decoy, header);
            String what = method + " " + path + " " + header.strip();
            assertThat(answer.status()).as(what).isNotIn(200, 206, 304, 412);
            assertThat(answer.status()).as(what + " answers as a file that does not exist").isEqualTo(nothing.status());
            assertThat(withoutName(answer.body(), secret)).as(what).isEqualTo(withoutName(nothing.body(), missing));
            assertThat(answer.fileHeaders()).as(what).isEqualTo(nothing.fileHeaders());
            assertNoSecret(withoutName(answer.all(), secret), what);
          }
        }
      }
    }
    Raw open = raw("GET", INCOMING + fixture.openC(), "");
    assertThat(open.status()).as("a public meeting's waiting file is served").isEqualTo(200);
    assertThat(open.body()).isEqualTo("open waiting C");
  }

  @Test
  void aStrangerSeesNoDocumentOfAPrivateMeetingInTheIncomingListingPageOrJson() throws Exception {
    for (String path : List.of(INCOMING, INCOMING + ";jsessionid=0123456789ABCDEF", "/t/fg/priv/docs/incoming/?sort=name",
        "//t/fg/priv/docs/incoming/", "/t/fg/priv/docs//incoming/", "/t/fg/priv/docs/open/../incoming/",
        "/t/fg/priv/docs/%2e/incoming/", "/t/fg/priv/docs/incoming", "/t/fg/priv/docs/INCOMING/", "/T/FG/PRIV/DOCS/INCOMING/")) {
      for (String method : List.of("GET", "HEAD")) {
        for (String header : List.of("", "Accept: application/json\r\n", "Accept: text/html\r\n",
            "If-None-Match: *\r\n", "Range: bytes=0-100\r\n")) {
          Raw answer = raw(method, path, header);
          assertNoSecret(answer.all(), method + " " + path + " " + header.strip());
        }
      }
    }
    Raw page = raw("GET", INCOMING, "");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).as("the public meeting's document is listed").contains(fixture.openC(), "Open plan");
    Raw json = raw("GET", INCOMING, "Accept: application/json\r\n");
    assertThat(json.body()).contains(fixture.openC()).doesNotContain(fixture.incomingB(), fixture.revisionA());
  }

  @Test
  void aStrangerGetsNothingOfAPrivateMeetingFromItsFolderRegisterFeedsApiOrPagesByNumber() throws Exception {
    for (String path : List.of("/t/fg/priv/docs/secret/", "/t/fg/priv/docs/secret/in/", "/t/fg/priv/docs/secret/in/"
            + fixture.publishedA(), "/t/fg/priv/docs/secret/in/" + fixture.publishedA() + ";jsessionid=ABC",
        "/t/fg/priv/docs/open/../secret/in/", "/t/fg/priv/docs/secret//in/" + fixture.publishedA(),
        "/groups/priv/meetings/secret/documents", "/groups/priv/meetings/secret/documents?q=zanzibar",
        "/groups/priv/meetings/secret/documents.csv", "/groups/priv/meetings/secret/documents.atom",
        "/groups/priv/meetings/secret/documents;jsessionid=ABC", "/groups/priv/meetings/secret/documents.atom;x=y",
        "/api/v1/groups/priv/meetings/secret/contributions", "/api/v1/groups/priv/meetings/secret/contributions/",
        "/groups/priv/meetings/secret", "/api/v1/groups/priv/meetings/secret", "/groups/priv/meetings.ics", "/groups/priv",
        "/api/v1/groups/priv/meetings", "/")) {
      for (String method : List.of("GET", "HEAD")) {
        for (String header : List.of("", "Accept: application/json\r\n", "Range: bytes=0-5\r\n", "If-None-Match: *\r\n")) {
          Raw answer = raw(method, path, header);
          // What the request itself named may be quoted back (an "instance" of a problem); nothing else.
          assertNoSecret(withoutName(answer.all(), fixture.publishedA()), method + " " + path + " " + header.strip());
          if (path.contains("/secret/") || path.contains("/secret/documents") || path.contains("secret/contributions")) {
            assertThat(answer.status()).as(method + " " + path).isNotIn(200, 206, 304);
          }
        }
      }
    }
    for (String number : List.of(fixture.numberA(), fixture.numberB(), fixture.numberA().toLowerCase(Locale.ROOT))) {
      String missing = number.substring(0, number.length() - 4) + "0999";
      for (String path : List.of("/api/v1/contributions/%s", "/api/v1/contributions/%s/audit", "/documents/%s",
          "/api/v1/contributions/%s;jsessionid=ABC")) {
        Raw answer = raw("GET", path.formatted(number), "Accept: application/json\r\n");
        Raw nothing = raw("GET", path.formatted(missing), "Accept: application/json\r\n");
        assertThat(answer.status()).as(path.formatted(number)).isEqualTo(nothing.status()).isNotEqualTo(200);
        assertThat(answer.body().replace(number, "N")).as(path.formatted(number) + " answers as an unknown number")
            .isEqualTo(nothing.body().replace(missing, "N"));
      }
    }
  }

  @Test
  void aStrangerOnAnonymousFtpFindsNoDocumentOfAPrivateMeetingWithAnyCommand() throws Exception {
    FTPClient ftp = ftp("anonymous", "guest@example.org");
    for (String folder : List.of(INCOMING, "/t/fg/priv/docs/incoming", "/t/fg/priv/docs//incoming/",
        "/t/fg/priv/docs/open/../incoming")) {
      List<String> names = Arrays.stream(ftp.listFiles(folder)).map(FTPFile::getName).toList();
      assertThat(names).as("LIST " + folder).contains(fixture.openC()).doesNotContain(fixture.incomingB(), fixture.revisionA());
      assertThat(ftp.listNames(folder)).as("NLST " + folder).contains(fixture.openC())
          .doesNotContain(fixture.incomingB(), fixture.revisionA());
      assertThat(Arrays.stream(ftp.mlistDir(folder)).map(FTPFile::getName)).as("MLSD " + folder)
          .contains(fixture.openC()).doesNotContain(fixture.incomingB(), fixture.revisionA());
      assertThat(ftp.sendCommand("STAT", folder)).isEqualTo(213);
      assertNoSecret(ftp.getReplyString(), "STAT " + folder);
    }
    assertThat(ftp.changeWorkingDirectory(INCOMING)).isTrue();
    String listing = reply(ftp, "LIST", "");
    assertThat(listing).contains(fixture.openC());
    assertNoSecret(listing, "LIST in the folder");
    for (String secret : List.of(fixture.incomingB(), fixture.revisionA())) {
      String missing = secret.replace(fixture.numberA(), "FG-Priv-I-0999").replace(fixture.numberB(), "FG-Priv-I-0999");
      for (String form : List.of("%s", INCOMING + "%s", "/t/fg/priv/docs//incoming/%s", "/t/fg/priv/docs/open/../incoming/%s",
          "./%s", "../incoming/%s")) {
        for (String command : List.of("SIZE", "MDTM", "MLST", "STAT", "RETR", "LIST", "NLST", "MLSD")) {
          String answer = withoutName(reply(ftp, command, form.formatted(secret)), secret);
          String nothing = withoutName(reply(ftp, command, form.formatted(missing)), missing);
          assertThat(answer).as(command + " " + form.formatted(secret) + " answers as a file that does not exist")
              .isEqualTo(nothing).startsWith("550");
          assertNoSecret(answer, command + " " + form.formatted(secret));
        }
      }
      for (String variant : List.of(secret.toLowerCase(Locale.ROOT), secret.toUpperCase(Locale.ROOT))) {
        assertThat(reply(ftp, "SIZE", variant)).startsWith("550");
        assertThat(reply(ftp, "RETR", variant)).startsWith("550");
      }
    }
    assertThat(ftp.changeWorkingDirectory("/t/fg/priv/docs/secret/in")).isFalse();
    assertThat(ftp.getReplyString()).startsWith("550 The documents of meeting secret are for participants only");
    for (String command : List.of("SIZE", "MDTM", "MLST", "RETR", "LIST", "NLST", "MLSD", "STAT")) {
      String answer = reply(ftp, command, "/t/fg/priv/docs/secret/in/" + fixture.publishedA());
      assertThat(answer).as(command + " in the private meeting's folder").startsWith("550");
      assertNoSecret(answer.replace(fixture.publishedA(), ""), command);
    }
    ftp.disconnect();
  }

  @Test
  void aSignedInParticipantStillSeesEveryChannelOfAPrivateMeeting() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String signInPage = send(browser, get("/sign-in").build()).body();
    Matcher csrf = CSRF.matcher(signInPage);
    assertThat(csrf.find()).isTrue();
    send(browser, post("/sign-in", "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
        + "&username=pm-alice&password=alice-pass-2026"));
    assertThat(send(browser, get(INCOMING).build()).body()).contains(fixture.incomingB(), fixture.revisionA(), "Xylophone");
    HttpResponse<String> json = send(browser, get(INCOMING).header("Accept", "application/json").build());
    assertThat(json.body()).contains(fixture.incomingB(), sha256("secret waiting B"));
    assertThat(json.headers().firstValue("Cache-Control")).as("no shared cache keeps a participant's listing")
        .hasValue("private, no-cache");
    HttpResponse<String> waiting = send(browser, get(INCOMING + fixture.incomingB()).build());
    assertThat(waiting.body()).isEqualTo("secret waiting B");
    assertThat(waiting.headers().firstValue("Cache-Control")).as("no shared cache keeps a file served to a participant")
        .hasValue("private, no-cache");
    assertThat(send(browser, get("/t/fg/priv/docs/secret/in/").build()).body()).contains(fixture.publishedA());
    assertThat(send(browser, get("/t/fg/priv/docs/secret/in/" + fixture.publishedA()).build()).body())
        .isEqualTo("secret original A");
    assertThat(send(browser, get("/groups/priv/meetings/secret/documents").build()).body()).contains("Zanzibar", "Xylophone");
    assertThat(send(browser, get("/groups/priv/meetings/secret/documents.csv").build()).body()).contains("Zanzibar");
    assertThat(send(browser, get("/groups/priv/meetings/secret/documents.atom").build()).body()).contains(fixture.publishedA());
    assertThat(send(browser, get("/documents/" + fixture.numberA()).build()).body()).contains("Zanzibar");

    String bearer = "Bearer " + tokens.issue(accounts.find("pm-alice").orElseThrow().id(), "attack").token();
    HttpClient api = HttpClient.newHttpClient();
    assertThat(send(api, get("/api/v1/groups/priv/meetings/secret/contributions").header("Authorization", bearer).build())
        .body()).contains("Zanzibar", "Xylophone");
    HttpResponse<String> one = send(api, get("/api/v1/contributions/" + fixture.numberB()).header("Authorization", bearer).build());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).contains(sha256("secret waiting B"));

    FTPClient ftp = ftp("pm-alice", "alice-pass-2026");
    assertThat(ftp.listNames(INCOMING)).contains(fixture.incomingB(), fixture.revisionA(), fixture.openC());
    assertThat(ftp.listNames("/t/fg/priv/docs/secret/in")).contains(fixture.publishedA());
    assertThat(reply(ftp, "SIZE", INCOMING + fixture.incomingB())).startsWith("213 " + bytes("secret waiting B").length);
    var out = new ByteArrayOutputStream();
    assertThat(ftp.retrieveFile(INCOMING + fixture.incomingB(), out)).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("secret waiting B");
    ftp.disconnect();
  }

  /**
   * Issue 16: a mirroring tool sends the account's token on the document paths. It reads, with GET
   * and HEAD only, exactly what that account's session reads; it makes no session, and an unknown,
   * revoked or disabled account's token is 401 with the Bearer challenge and shows nothing.
   */
  @Test
  void aTokenReadsAPrivateMeetingsFoldersAsItsAccountsSessionAndNeverWritesOrOutlivesItsRevocation() throws Exception {
    var account = accounts.find("pm-alice").orElseThrow().id();
    String token = tokens.issue(account, "mirror").token();
    String bearer = "Authorization: Bearer " + token + "\r\n";
    HttpClient browser = loggedIn();
    List<String> paths = List.of(INCOMING, INCOMING + fixture.incomingB(), "/t/fg/priv/docs/secret/",
        "/t/fg/priv/docs/secret/in/", "/t/fg/priv/docs/secret/in/" + fixture.publishedA(),
        "/t/fg/priv/docs/secret/in/MANIFEST.json", "/t/fg/priv/docs/secret/in.zip", "/t/fg/priv/docs/");
    for (String path : paths) {
      for (String accept : List.of("", "Accept: application/json\r\n")) {
        Raw byToken = raw("GET", path, bearer + accept);
        HttpResponse<String> bySession = send(browser, accept.isEmpty() ? get(path).build()
            : get(path).header("Accept", "application/json").build());
        assertThat(byToken.status()).as("GET " + path + " " + accept.strip()).isEqualTo(bySession.statusCode())
            .isEqualTo(200);
        assertThat(byToken.headers().toLowerCase(Locale.ROOT)).as(path + " makes no session").doesNotContain("set-cookie");
        if (!path.endsWith(".zip") && !path.endsWith(".json") && !path.endsWith("/")) {
          assertThat(byToken.body()).as(path).isEqualTo(bySession.body());
        }
      }
      assertThat(raw("HEAD", path, bearer).status()).as("HEAD " + path).isEqualTo(200);
    }
    assertThat(raw("GET", INCOMING, bearer).body()).contains(fixture.incomingB(), fixture.revisionA(), "Xylophone");
    assertThat(raw("GET", "/t/fg/priv/docs/secret/in/", bearer).body()).contains(fixture.publishedA());
    assertThat(raw("GET", "/t/fg/priv/docs/secret/in/MANIFEST.json", bearer).body()).contains(fixture.publishedA());
    assertThat(raw("GET", "/t/fg/priv/docs/secret/in.zip", bearer).body()).contains("secret original A");
    assertThat(raw("GET", INCOMING + fixture.incomingB(), "Authorization: bearer " + token + "\r\n").body())
        .as("the scheme in any case").isEqualTo("secret waiting B");

    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      for (String path : List.of(INCOMING + fixture.incomingB(), INCOMING + "FG-Priv-I-0999.pdf", INCOMING)) {
        Raw write = raw(method, path, bearer + "Content-Length: 0\r\n");
        assertThat(write.status()).as(method + " " + path + " with a token").isEqualTo(405);
        assertThat(write.headers()).contains("Allow: GET, HEAD, OPTIONS");
      }
    }
    assertThat(raw("GET", INCOMING + fixture.incomingB(), bearer).body()).as("nothing was written").isEqualTo("secret waiting B");
    Raw withoutCsrf = raw("POST", "/documents/" + fixture.numberB(), bearer
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n");
    assertThat(withoutCsrf.status()).as("a token is no CSRF token on the pages").isNotIn(200, 201, 204);

    String unknown = "Authorization: Bearer plenary_" + "0".repeat(40) + "\r\n";
    long id = tokens.list(account).stream().filter(t -> t.name().equals("mirror")).findFirst().orElseThrow().id();
    tokens.revoke(account, id);
    for (String header : List.of(bearer, unknown)) {
      for (String path : paths) {
        for (String method : List.of("GET", "HEAD")) {
          Raw refused = raw(method, path, header);
          assertThat(refused.status()).as(method + " " + path + " " + header.strip()).isEqualTo(401);
          assertThat(refused.headers()).contains("WWW-Authenticate: Bearer").contains("error=\"invalid_token\"");
          assertNoSecret(refused.all(), method + " " + path + " with an invalid token");
        }
      }
    }
    // Credentials that are not a token are refused, not ignored: read as a stranger's, a mirror made with
    // `curl -u` or an unset $TOKEN would silently hold only the public documents.
    for (String header : List.of("Authorization: Basic cG0tYWxpY2U6eA==\r\n", "Authorization: Bearer\r\n",
        "Authorization: Bearer   \r\n", "Authorization: Token abc\r\n")) {
      for (String path : List.of(INCOMING + fixture.openC(), INCOMING)) {
        Raw refused = raw("GET", path, header);
        assertThat(refused.status()).as(path + " " + header.strip()).isEqualTo(401);
        assertThat(refused.headers()).contains("WWW-Authenticate: Bearer");
        assertThat(refused.body()).contains("Authorization: Bearer <token>");
        assertNoSecret(refused.all(), path + " with " + header.strip());
      }
    }
    assertThat(raw("GET", INCOMING, "Authorization: Bearer\r\n").headers()).contains("error=\"invalid_request\"");
    assertThat(raw("GET", INCOMING + fixture.openC(), "").body()).as("no Authorization: anonymous").isEqualTo("open waiting C");
  }

  @Test
  void aListingSeenByAParticipantIsNeverServedToAStrangerFromACacheAndAMeetingMadePrivateHidesAtOnce() throws Exception {
    for (String accept : List.of("text/html", "application/json")) {
      HttpResponse<String> participant = send(loggedIn(), get(INCOMING).header("Accept", accept).build());
      assertThat(participant.body()).contains(fixture.incomingB());
      String etag = participant.headers().firstValue("ETag").orElseThrow();
      Raw stranger = raw("GET", INCOMING, "Accept: " + accept + "\r\nIf-None-Match: " + etag + "\r\n");
      assertThat(stranger.status()).as("the participant's ETag does not match the stranger's listing").isEqualTo(200);
      assertNoSecret(stranger.all(), "after a participant's " + accept + " listing");
    }
    assertThat(raw("GET", INCOMING, "").body()).contains(fixture.flipD());
    assertThat(raw("GET", INCOMING + fixture.flipD(), "").status()).isEqualTo(200);
    FTPClient before = ftp("anonymous", "guest@example.org");
    assertThat(before.listNames(INCOMING)).contains(fixture.flipD());
    before.disconnect();

    meetings.update("priv", "flip", draft("flip", false));

    Raw listing = raw("GET", INCOMING, "");
    assertThat(listing.body()).doesNotContain(fixture.flipD(), "Quokka");
    assertThat(raw("GET", INCOMING, "Accept: application/json\r\n").body()).doesNotContain(fixture.flipD(), "Quokka");
    assertThat(raw("GET", INCOMING + fixture.flipD(), "").status()).isEqualTo(404);
    FTPClient after = ftp("anonymous", "guest@example.org");
    assertThat(after.listNames(INCOMING)).doesNotContain(fixture.flipD());
    assertThat(reply(after, "SIZE", INCOMING + fixture.flipD())).startsWith("550");
    after.disconnect();
    assertThat(send(loggedIn(), get(INCOMING).build()).body()).contains(fixture.flipD(), "Quokka");
  }

  @Test
  void aMeetingWithDocumentsKeepsItsCodeWhenItsDatesChangeAndRefusesANewCodeOnTheApiAndThePage() throws Exception {
    String bearer = "Bearer " + tokens.issue(accounts.find("pm-clerk").orElseThrow().id(), "attack").token();
    LocalDate start = LocalDate.now().plusDays(60).withDayOfMonth(10);
    HttpResponse<String> scheduled = send(HttpClient.newHttpClient(), get("/api/v1/groups/priv/meetings")
        .header("Authorization", bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(meetingJson(start, null, "kcd"))).build());
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
    String code = MeetingCatalog.deriveCode(start, "kcd");
    assertThat(scheduled.body()).contains("\"code\":\"" + code + "\"");
    PlenaryUser alice = user("pm-alice");
    Contribution doc = desk.allocate("priv", code, new Allocation("Kept code", "Keepco", List.of(), null, List.of()), alice);
    desk.upload(doc.number(), doc.number() + ".pdf", new ByteArrayInputStream(bytes("kept in its folder")), alice);
    desk.publish(doc.number(), user("pm-clerk"));
    String file = "/t/fg/priv/docs/" + code + "/in/" + doc.number() + ".pdf";

    // A new month, no code: the meeting keeps its code (it was re-derived as the next month's before).
    LocalDate later = start.plusMonths(1);
    HttpResponse<String> moved = send(HttpClient.newHttpClient(), get("/api/v1/groups/priv/meetings/" + code)
        .header("Authorization", bearer).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(meetingJson(later, null, "kcd"))).build());
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(moved.body()).contains("\"code\":\"" + code + "\"", "\"startDate\":\"" + later + "\"");
    assertThat(send(loggedIn(), get(file).build()).body()).isEqualTo("kept in its folder");

    // An explicit new code (any spelling) is refused with a problem; so is the page's code field.
    for (String other : List.of(MeetingCatalog.deriveCode(later, "kcd"), "renamed-kcd", " RENAMED-KCD ")) {
      HttpResponse<String> renamed = send(HttpClient.newHttpClient(), get("/api/v1/groups/priv/meetings/" + code)
          .header("Authorization", bearer).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(meetingJson(later, other, "kcd"))).build());
      assertThat(renamed.statusCode()).as(other + ": " + renamed.body()).isEqualTo(409);
      assertThat(renamed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(renamed.body()).contains("its code cannot change");
    }
    HttpResponse<String> same = send(HttpClient.newHttpClient(), get("/api/v1/groups/priv/meetings/" + code)
        .header("Authorization", bearer).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(meetingJson(later, code.toUpperCase(Locale.ROOT), "kcd"))).build());
    assertThat(same.statusCode()).as("its own code, in any case, is no change").isEqualTo(200);
    HttpClient clerk = loggedIn("pm-clerk", "clerk-pass-2026");
    String editPath = "/groups/priv/meetings/" + code + "/edit";
    Matcher csrf = CSRF.matcher(send(clerk, get(editPath).build()).body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> page = send(clerk, post(editPath, "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
        + "&code=renamed-kcd&startDate=" + later + "&endDate=" + later.plusDays(1) + "&timeZone=Europe/Zurich"
        + "&venueName=Geneva&venueCode=kcd&languages=English&documentsPublic=false&latePolicy=FLAG"));
    assertThat(page.statusCode()).as("the form is shown again").isEqualTo(200);
    assertThat(page.body()).as("a field error").contains("Leave the code as it is");
    HttpResponse<String> blank = send(clerk, post(editPath, "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
        + "&code=&startDate=" + later.plusMonths(1) + "&endDate=" + later.plusMonths(1).plusDays(1)
        + "&timeZone=Europe/Zurich&venueName=Geneva&venueCode=kcd&languages=English&documentsPublic=false&latePolicy=FLAG"));
    assertThat(blank.statusCode()).isEqualTo(302);
    assertThat(blank.headers().firstValue("Location").orElseThrow()).as("an empty code field keeps the code")
        .endsWith("/groups/priv/meetings/" + code);
    assertThat(meetings.get("priv", code).startDate()).isEqualTo(later.plusMonths(1));
    assertThat(send(loggedIn(), get(file).build()).body()).isEqualTo("kept in its folder");
  }

  @Test
  void aPublicMeetingGivenTheCodeAPrivateMeetingOnceHadNeverServesOrListsThePrivateMeetingsFiles() throws Exception {
    LocalDate start = LocalDate.now().plusDays(50);
    meetings.schedule("priv", draftOn("was-secret", start, false));
    PlenaryUser alice = user("pm-alice");
    Contribution doc = desk.allocate("priv", "was-secret", new Allocation("Stranded Walrus plan", "Strandco", List.of(),
        null, List.of()), alice);
    desk.upload(doc.number(), doc.number() + ".pdf", new ByteArrayInputStream(bytes("stranded walrus secret")), alice);
    desk.publish(doc.number(), user("pm-clerk"));
    // A code changed by a version of Plenary that allowed it: the file stays where it was published.
    jdbc.sql("UPDATE meetings SET code = 'now-secret' WHERE code = 'was-secret'").update();
    String bearer = "Bearer " + tokens.issue(accounts.find("pm-clerk").orElseThrow().id(), "attack").token();
    HttpResponse<String> taken = send(HttpClient.newHttpClient(), get("/api/v1/groups/priv/meetings")
        .header("Authorization", bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(meetingJson(start, "was-secret", "gva").replace(
            "\"documentsPublic\":false", "\"documentsPublic\":true"))).build());
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
    String name = doc.number() + ".pdf";
    String folder = "/t/fg/priv/docs/was-secret/in/";
    for (String path : List.of(folder + name, folder + name + ";x=y", "/t/fg/priv/docs//was-secret/in/" + name,
        folder + encodeAll(name))) {
      for (String method : List.of("GET", "HEAD")) {
        Raw answer = raw(method, path, "");
        assertThat(answer.status()).as(method + " " + path + " by a stranger").isNotIn(200, 206, 304);
        assertThat(answer.all()).doesNotContain("walrus");
      }
    }
    assertThat(raw("GET", folder + name, "").status()).as("as a file that does not exist").isEqualTo(404);
    for (String accept : List.of("text/html", "application/json")) {
      Raw listing = raw("GET", folder, "Accept: " + accept + "\r\n");
      assertThat(listing.status()).isEqualTo(200);
      assertThat(listing.body()).doesNotContain(name, "Walrus");
    }
    assertThat(send(loggedIn(), get(folder + name).build()).statusCode()).as("nor to a participant, from that folder")
        .isEqualTo(404);
    FTPClient ftp = ftp("anonymous", "guest@example.org");
    for (String command : List.of("SIZE", "MDTM", "MLST", "RETR")) {
      assertThat(reply(ftp, command, folder + name)).as(command).startsWith("550");
    }
    assertThat(reply(ftp, "NLST", folder)).doesNotContain(name);
    ftp.disconnect();
  }

  private String meetingJson(LocalDate start, String code, String venueCode) {
    return "{" + (code == null ? "" : "\"code\":\"" + code + "\",") + "\"startDate\":\"" + start + "\",\"endDate\":\""
        + start.plusDays(1) + "\",\"timeZone\":\"Europe/Zurich\",\"venueName\":\"Geneva\",\"venueCode\":\"" + venueCode
        + "\",\"languages\":\"English\",\"documentsPublic\":false,\"latePolicy\":\"FLAG\"}";
  }

  private static MeetingDraft draftOn(String code, LocalDate start, boolean documentsPublic) {
    return new MeetingDraft(code, start, start.plusDays(1), "Europe/Zurich", "Geneva", null, "gva", null, null, null,
        null, "English", false, documentsPublic, null, null, null, null, LatePolicy.FLAG, List.of(), List.of());
  }

  // --- HTTP ---

  /** The status, the headers a file would carry, and the body of an answer read off the socket. */
  record Raw(int status, String headers, String body) {
    String all() {
      return headers + "\r\n" + body;
    }

    List<String> fileHeaders() {
      var present = new ArrayList<String>();
      for (String name : List.of("etag", "last-modified", "accept-ranges", "content-range", "content-disposition")) {
        if (headers.toLowerCase(Locale.ROOT).contains("\n" + name + ":")) {
          present.add(name);
        }
      }
      return present;
    }
  }

  /** Sends the request exactly as written: no client normalises the path or the headers first. */
  Raw raw(String method, String path, String headers) throws IOException {
    try (var socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      // Read a byte a character, so that chunk sizes (in bytes) count what they say; the body is UTF-8 after.
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = answer.indexOf("\r\n\r\n");
      String head = end < 0 ? answer : answer.substring(0, end);
      String body = end < 0 ? "" : answer.substring(end + 4);
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = unchunk(body);
      }
      body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      return new Raw(Integer.parseInt(answer.substring(9, 12)), head, body);
    }
  }

  private static String unchunk(String chunked) {
    var out = new StringBuilder();
    int at = 0;
    while (true) {
      int line = chunked.indexOf("\r\n", at);
      if (line < 0) {
        return out.toString();
      }
      int size = Integer.parseInt(chunked.substring(at, line).split(";")[0].strip(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, line + 2, Math.min(chunked.length(), line + 2 + size));
      at = line + 2 + size + 2;
    }
  }

  /** The ways a client or an attacker may spell a file's path in the incoming folder. */
  private static List<String> pathVariants(String name) {
    return List.of(INCOMING + name, INCOMING + name + ";jsessionid=0123456789ABCDEF", INCOMING + name + ";x=y",
        "//t/fg/priv/docs/incoming/" + name, "/t/fg/priv/docs//incoming/" + name, INCOMING + "/" + name,
        "/t/fg/priv/docs/./incoming/" + name, "/t/fg/priv/docs/%2e/incoming/" + name,
        "/t/fg/priv/docs/open/../incoming/" + name, "/t/fg/priv/docs/open/%2e%2e/incoming/" + name,
        INCOMING + name.replace(".", "%2e"), INCOMING + encodeAll(name), INCOMING + name.toLowerCase(Locale.ROOT),
        INCOMING + name.toUpperCase(Locale.ROOT), "/t/fg/PRIV/docs/incoming/" + name, "/t/fg/priv/docs/INCOMING/" + name,
        INCOMING + name + "?download=1", INCOMING + name + "/", INCOMING + name + "%00", INCOMING + name + "%20");
  }

  /** The text with every spelling of the name the tests use replaced by NAME. */
  private static String withoutName(String text, String name) {
    return text.replace(encodeAll(name), "NAME").replace(name.replace(".", "%2e"), "NAME").replace(name, "NAME")
        .replace(lower(name), "NAME").replace(upper(name), "NAME");
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  private static String encodeAll(String name) {
    var out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(String.format("%02X", b));
    }
    return out.toString();
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private HttpRequest post(String path, String form) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A browser signed in with the participant's password on the sign-in form. */
  private HttpClient loggedIn() throws Exception {
    return loggedIn("pm-alice", "alice-pass-2026");
  }

  private HttpClient loggedIn(String username, String password) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    Matcher csrf = CSRF.matcher(send(browser, get("/sign-in").build()).body());
    assertThat(csrf.find()).isTrue();
    send(browser, post("/sign-in", "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
        + "&username=" + username + "&password=" + password));
    return browser;
  }

  // --- FTP ---

  private FTPClient ftp(String username, String password) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(10_000);
    ftp.setDataTimeout(Duration.ofSeconds(10));
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    assertThat(ftp.login(username, password)).as(ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  /** The reply to a command; a data command is run through the client's own transfer, and its data appended. */
  private static String reply(FTPClient ftp, String command, String argument) throws IOException {
    switch (command) {
      case "RETR" -> {
        var in = ftp.retrieveFileStream(argument);
        if (in == null) {
          return ftp.getReplyString();
        }
        String data = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        in.close();
        ftp.completePendingCommand();
        return ftp.getReplyString() + data;
      }
      case "LIST" -> {
        FTPFile[] files = ftp.listFiles(argument);
        return ftp.getReplyString() + String.join("\n", Arrays.stream(files).map(FTPFile::getRawListing).toList());
      }
      case "NLST" -> {
        String[] names = ftp.listNames(argument);
        return ftp.getReplyString() + (names == null ? "" : String.join("\n", names));
      }
      case "MLSD" -> {
        FTPFile[] files = ftp.mlistDir(argument);
        return ftp.getReplyString() + String.join("\n", Arrays.stream(files).map(FTPFile::getRawListing).toList());
      }
      default -> {
        ftp.sendCommand(command, argument);
        return ftp.getReplyString();
      }
    }
  }

  // --- fixture ---

  private void assertNoSecret(String text, String what) {
    for (String secret : fixture.secrets()) {
      assertThat(text.toLowerCase(Locale.ROOT)).as(what + " shows nothing of the private meeting's documents")
          .doesNotContain(secret.toLowerCase(Locale.ROOT));
    }
  }

  private static MeetingDraft draft(String code, boolean documentsPublic) {
    return new MeetingDraft(code, LocalDate.now().plusDays(40), LocalDate.now().plusDays(41), "Europe/Zurich", "Geneva",
        null, "gva", null, null, null, null, "English", false, documentsPublic, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of());
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(text)));
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
