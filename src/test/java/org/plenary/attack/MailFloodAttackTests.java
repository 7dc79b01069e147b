package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.DemoMeetings;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.notification.OutboxSweep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user repeating an action multiplied the mails it writes to others: re-uploading one waiting file twenty times
 * in a second and a half mailed twenty receipts to the number's holder (and loaded the SMTP relay). Now at most
 * {@code plenary.mail.fold-after} receipts of a kind go to one recipient within the window; the next waits out the
 * window, the newer ones replacing it, and then it is sent: one receipt naming the latest version. Real HTTP, a
 * real FTP client, a real SMTP server (GreenMail), the outbox table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-mail-flood;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-mail-flood-${random.uuid}",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=19625",
    "plenary.ftp.port=0"})
@ActiveProfiles("demo")
@Import(OutboxSweep.class)
class MailFloodAttackTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(19625, "127.0.0.1", "smtp"));

  @LocalServerPort int port;
  @Autowired FtpServer ftp;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired JdbcClient jdbc;
  @Autowired OutboxSweep sweep;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void reUploadingOneFileTwentyTimesOnTheApiMailsTheHolderABoundedNumberOfReceipts() throws Exception {
    String alice = "Bearer " + tokens.issue(accounts.find("alice").orElseThrow().id(), "flood").token();
    String number = allocate(alice);
    byte[] last = null;
    for (int i = 0; i < 20; i++) {
      last = ("version " + i + " of the text").getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> uploaded = upload(alice, number, last);
      assertThat(uploaded.statusCode()).as(uploaded.body()).isIn(200, 201);
    }
    assertBoundedAndLatestSent(number, "alice", last);
  }

  /**
   * The page's upload form (a signed-in browser: session cookie, the form's CSRF token and the waiting version it
   * showed) folds its receipts as the API and FTP do: each upload goes through the same desk, and the receipt is
   * written by the same listener whatever the channel.
   */
  @Test
  void reUploadingOneFileOnThePageMailsTheHolderABoundedNumberOfReceipts() throws Exception {
    String tsb = "Bearer " + tokens.issue(accounts.find("tsb").orElseThrow().id(), "flood").token();
    String number = allocate(tsb);
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    java.util.regex.Matcher csrf = CSRF.matcher(browser.send(HttpRequest.newBuilder(uri("/sign-in")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
            "_csrf=" + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&username=tsb&password=tsb-demo"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    byte[] last = null;
    for (int i = 0; i < 12; i++) {
      String page = browser.send(HttpRequest.newBuilder(uri("/documents/" + number)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      java.util.regex.Matcher token = CSRF.matcher(page.substring(page.indexOf("id=\"upload-form\"")));
      java.util.regex.Matcher replaces = REPLACES.matcher(page);
      assertThat(token.find()).as("the upload form's token").isTrue();
      assertThat(replaces.find()).as("the upload form's waiting version").isTrue();
      last = ("page version " + i).getBytes(StandardCharsets.UTF_8);
      String boundary = "pageboundary";
      String multipart = field(boundary, "_csrf", token.group(1)) + field(boundary, "replaces", replaces.group(1))
          + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
          + ".txt\"\r\nContent-Type: text/plain\r\n\r\n" + new String(last, StandardCharsets.UTF_8) + "\r\n--"
          + boundary + "--\r\n";
      HttpResponse<String> uploaded = browser.send(HttpRequest.newBuilder(uri("/documents/" + number + "/files"))
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
      assertThat(browser.send(HttpRequest.newBuilder(uri("/documents/" + number)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body()).as("upload " + i + " was taken").contains(sha256(last));
    }
    assertBoundedAndLatestSent(number, "tsb", last);
  }

  private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final java.util.regex.Pattern REPLACES = java.util.regex.Pattern.compile("name=\"replaces\" value=\"([^\"]*)\"");

  private static String field(String boundary, String name, String value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  @Test
  void reStoringOneFileOverFtpMailsTheHolderABoundedNumberOfReceipts() throws Exception {
    String bob = "Bearer " + tokens.issue(accounts.find("bob").orElseThrow().id(), "flood").token();
    String number = allocate(bob);
    FTPClient client = new FTPClient();
    client.connect("127.0.0.1", ftp.port());
    assertThat(client.login("bob", "bob-demo")).isTrue();
    client.enterLocalPassiveMode();
    client.setFileType(FTP.BINARY_FILE_TYPE);
    byte[] last = null;
    try {
      for (int i = 0; i < 12; i++) {
        last = ("ftp version " + i).getBytes(StandardCharsets.UTF_8);
        assertThat(client.storeFile("/t/fg/cloud/docs/incoming/" + number + ".txt", new ByteArrayInputStream(last)))
            .as(client.getReplyString()).isTrue();
      }
    } finally {
      client.logout();
      client.disconnect();
    }
    assertBoundedAndLatestSent(number, "bob", last);
  }

  /**
   * The held receipt's attempt fails at SMTP once its window has passed: it waits for its retry, still counted once,
   * and a newer version uploaded meanwhile folds into it (FOLDED, not a second message); once SMTP is back, one
   * receipt goes out naming the latest version, and later sweeps send nothing more.
   */
  @Test
  void aHeldReceiptThatFailsAtSmtpIsRetriedOnceWithTheLatestVersionFoldedIn() throws Exception {
    String chair = "Bearer " + tokens.issue(accounts.find("chair").orElseThrow().id(), "flood-retry").token();
    String number = allocate(chair);
    for (int i = 0; i < 4; i++) {
      assertThat(upload(chair, number, ("retry version " + i).getBytes(StandardCharsets.UTF_8)).statusCode()).isIn(200, 201);
    }
    String fold = "ContributionReceived:" + number;
    String email = accounts.find("chair").orElseThrow().email();
    assertThat(receipts(email, number)).isEqualTo(3);
    smtp.stop();
    try {
      sweep.deliverDue(Instant.now().plus(Duration.ofMinutes(11)));
      assertThat(jdbc.sql("SELECT attempts FROM mail_messages WHERE fold_key = ? AND status = 'KEPT'").param(fold)
          .query(Integer.class).single()).as("the held receipt failed once and waits for its retry").isEqualTo(1);
      byte[] latest = "retry version latest".getBytes(StandardCharsets.UTF_8);
      assertThat(upload(chair, number, latest).statusCode()).isIn(200, 201);
      List<String> statuses = jdbc.sql("SELECT status FROM mail_messages WHERE fold_key = ? ORDER BY id").param(fold)
          .query(String.class).list();
      assertThat(statuses.stream().filter(s -> !s.equals("FOLDED")).toList())
          .as("the newer receipt replaced the one waiting for its retry").containsExactly("SENT", "SENT", "SENT", "KEPT");
      smtp.start();
      sweep.deliverDue(Instant.now().plus(Duration.ofMinutes(30)));
      sweep.deliverDue(Instant.now().plus(Duration.ofMinutes(60)));
      // The restarted server has received only what came after it started.
      assertThat(receipts(email, number)).as("one receipt more, sent once").isEqualTo(1);
      String body = jdbc.sql("SELECT body FROM mail_messages WHERE fold_key = ? AND status = 'SENT' ORDER BY id DESC"
          + " FETCH FIRST 1 ROWS ONLY").param(fold).query(String.class).single();
      assertThat(body).contains(sha256(latest));
    } finally {
      if (!smtp.isRunning()) {
        smtp.start();
      }
    }
  }

  /**
   * Take-back notices are repeatable too (upload, take back, again): past the bound of a kind within the window they
   * fold as receipts do, although they are written by a module listener after the commit rather than in it.
   */
  @Test
  void takingBackAgainAndAgainMailsABoundedNumberOfTakeBackNotices() throws Exception {
    String focal = "Bearer " + tokens.issue(accounts.find("focal").orElseThrow().id(), "flood-take-back").token();
    String number = allocate(focal);
    String fold = "ContributionTakenBack:" + number;
    for (int i = 0; i < 6; i++) {
      assertThat(upload(focal, number, ("taken back " + i).getBytes(StandardCharsets.UTF_8)).statusCode()).isIn(200, 201);
      HttpResponse<String> taken = http.send(HttpRequest.newBuilder(uri("/api/v1/contributions/" + number
          + "/files/incoming")).header("Authorization", focal).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
      int written = i + 1;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE fold_key = ?").param(fold).query(Long.class).single()
          < written && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    // The notices are written after the commit and sent by the outbox's own thread: wait until the last one sent
    // has left (SENDING) before reading what became of each.
    List<String> expected = List.of("SENT", "SENT", "SENT", "KEPT");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> statuses = takeBackStatuses(fold);
    while (!statuses.stream().filter(s -> !s.equals("FOLDED")).toList().equals(expected)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      statuses = takeBackStatuses(fold);
    }
    assertThat(statuses).hasSize(6);
    assertThat(statuses.stream().filter(s -> !s.equals("FOLDED")).toList())
        .as("three notices sent at once, one held").containsExactlyElementsOf(expected);
  }

  private List<String> takeBackStatuses(String fold) {
    return jdbc.sql("SELECT status FROM mail_messages WHERE fold_key = ? ORDER BY id").param(fold)
        .query(String.class).list();
  }

  /**
   * Three receipts sent at once, one held (the later ones folded into it, status FOLDED), and, once the window has
   * passed, the held one sent naming the latest version.
   */
  private void assertBoundedAndLatestSent(String number, String user, byte[] last) throws Exception {
    String fold = "ContributionReceived:" + number;
    List<String> statuses = jdbc.sql("SELECT status FROM mail_messages WHERE fold_key = ? ORDER BY id").param(fold)
        .query(String.class).list();
    assertThat(statuses.stream().filter(s -> !s.equals("FOLDED")).toList())
        .as("three sent at once, one held").containsExactly("SENT", "SENT", "SENT", "KEPT");
    String email = accounts.find(user).orElseThrow().email();
    assertThat(receipts(email, number)).isEqualTo(3);

    OffsetDateTime held = jdbc.sql("SELECT next_attempt_at FROM mail_messages WHERE fold_key = ? AND status = 'KEPT'")
        .param(fold).query(OffsetDateTime.class).single();
    assertThat(held.toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));
    sweep.deliverDue(Instant.now().plus(Duration.ofMinutes(11)));
    assertThat(receipts(email, number)).as("the held receipt, sent once its window passed").isEqualTo(4);
    String body = jdbc.sql("SELECT body FROM mail_messages WHERE fold_key = ? AND status = 'SENT' ORDER BY id DESC"
        + " FETCH FIRST 1 ROWS ONLY").param(fold).query(String.class).single();
    assertThat(body).as("the receipt names the latest version").contains(sha256(last));
  }

  private long receipts(String email, String number) throws Exception {
    long n = 0;
    for (var mail : smtp.getReceivedMessages()) {
      if (List.of(mail.getAllRecipients()).toString().contains(email) && mail.getSubject().startsWith("Received: ")
          && mail.getContent().toString().contains("/documents/" + number)) {
        n++;
      }
    }
    return n;
  }

  private String allocate(String bearer) throws Exception {
    String meeting = DemoMeetings.upcoming(groups, meetings);
    HttpResponse<String> allocated = http.send(HttpRequest.newBuilder(uri("/api/v1/groups/cloud/meetings/" + meeting
            + "/contributions")).header("Authorization", bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Flood plan\", \"source\": \"Flooders\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    return JSON.readTree(allocated.body()).get("number").asString();
  }

  private HttpResponse<String> upload(String bearer, String number, byte[] content) throws Exception {
    String boundary = "floodboundary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".txt\"\r\nContent-Type: text/plain\r\n\r\n" + new String(content, StandardCharsets.UTF_8) + "\r\n--"
        + boundary + "--\r\n";
    return http.send(HttpRequest.newBuilder(uri("/api/v1/contributions/" + number + "/files"))
        .header("Authorization", bearer).header("If-Match", "*")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
