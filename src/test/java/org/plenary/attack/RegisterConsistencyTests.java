package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
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
import org.plenary.contribution.DocumentFolders;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 10 review: the register's version grows in commit order (listings and files cached against
 * it never keep a change that committed late), and the desk's refusals are counted by reason and
 * channel, with the upload's channel given when it opens. Real HTTP and FTP sockets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-register;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-register-${random.uuid}"})
class RegisterConsistencyTests {

  private static final String PUBLISHED = "/t/fg/reg/docs/m1/in/";

  @LocalServerPort int port;
  @Autowired FtpServer ftpServer;
  @Autowired ContributionDesk desk;
  @Autowired DocumentFolders folders;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired TransactionTemplate transaction;
  @Autowired MeterRegistry registry;

  @BeforeEach
  void setUp() {
    if (groups.find("reg").isEmpty()) {
      groups.create(new GroupDraft("reg", "FG Reg", "Focus Group on Registers", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      meetings.schedule("reg", draft("m1", LatePolicy.FLAG, null));
      // A second group: publications in one folder are ordered by its manifest's lock (archive), so
      // two that commit out of order are in two groups' folders.
      groups.create(new GroupDraft("reg2", "FG Reg2", "Focus Group on Registers, too", null, null, "English", 12, null,
          null, List.of(), List.of(), List.of()));
      meetings.schedule("reg2", draft("m1", LatePolicy.FLAG, null));
      meetings.schedule("reg", draft("closed", LatePolicy.REFUSE, LocalDateTime.now().minusDays(1)));
      accounts.create(new NewAccount("rc-alice", "alice@reg.example", "Alice", null, null, Set.of()), "alice-pass-2026",
          false);
      accounts.create(new NewAccount("rc-bob", "bob@reg.example", "Bob", null, null, Set.of()), "bob-pass-2026", false);
      accounts.create(new NewAccount("rc-clerk", "clerk@reg.example", "Clerk", null, null, Set.of(Role.SECRETARIAT)),
          "clerk-pass-2026", false);
    }
  }

  @Test
  void aChangeThatCommitsAfterALaterOneStillChangesTheVersionAndItsFileAppearsInListingsAndDownloads()
      throws Exception {
    PlenaryUser alice = user("rc-alice");
    PlenaryUser clerk = user("rc-clerk");
    Contribution early = uploaded(alice, "written first, committed last");
    Contribution late = uploaded("reg2", alice, "written second, committed first");
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The first transaction writes its audit line (the lower id) and stays open until released.
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
      desk.publish(early.number(), clerk);
      written.countDown();
      try {
        assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(written.await(20, TimeUnit.SECONDS)).isTrue();
    desk.publish(late.number(), clerk);
    long afterSecond = folders.version();
    String file = PUBLISHED + early.number() + ".pdf";
    assertThat(get("/t/fg/reg2/docs/m1/in/").body()).contains(late.number());
    assertThat(get(PUBLISHED).body()).doesNotContain(early.number());
    assertThat(get(file).statusCode()).isEqualTo(404);
    FTPClient ftp = ftp("anonymous", "guest@example.org");
    assertThat(ftp.listNames(PUBLISHED)).doesNotContain(early.number() + ".pdf");

    release.countDown();
    first.get(20, TimeUnit.SECONDS);
    assertThat(folders.version()).as("the version after the late commit").isGreaterThan(afterSecond);
    HttpResponse<String> listing = get(PUBLISHED);
    assertThat(listing.body()).contains(early.number());
    assertThat(HttpClient.newHttpClient().send(request(PUBLISHED).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString()).body()).contains(early.number());
    HttpResponse<String> download = get(file);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("written first, committed last");
    assertThat(ftp.listNames(PUBLISHED)).contains(early.number() + ".pdf");
    ftp.sendCommand("SIZE", file);
    assertThat(ftp.getReplyString()).startsWith("213");
    ftp.disconnect();
  }

  @Test
  void refusalsAreCountedByReasonAndChannelAndAnEmptyFtpUploadIsTimedAsFtp() throws Exception {
    PlenaryUser alice = user("rc-alice");
    Contribution lateDoc = desk.allocate("reg", "closed", allocation(), alice);
    Contribution bobs = desk.allocate("reg", "m1", allocation(), user("rc-bob"));
    Contribution empty = desk.allocate("reg", "m1", allocation(), alice);
    double lateFtp = refusals("late", "ftp");
    double notYoursFtp = refusals("not_yours", "ftp");
    double notYoursApi = refusals("not_yours", "api");
    double invalidApi = refusals("invalid", "api");
    double code553 = count("plenary.ftp.refusals", "code", "553");
    long ftpStored = latencies("ftp");
    long webStored = latencies("web");

    FTPClient ftp = ftp("rc-alice", "alice-pass-2026");
    assertThat(ftp.storeFile("/t/fg/reg/docs/incoming/" + lateDoc.number() + ".pdf",
        new ByteArrayInputStream("late".getBytes()))).isFalse();
    assertThat(ftp.getReplyString()).startsWith("553");
    assertThat(ftp.storeFile("/t/fg/reg/docs/incoming/" + bobs.number() + ".pdf",
        new ByteArrayInputStream("not mine".getBytes()))).isFalse();
    assertThat(ftp.getReplyString()).startsWith("553");
    assertThat(ftp.storeFile("/t/fg/reg/docs/incoming/" + empty.number() + ".pdf", new ByteArrayInputStream(new byte[0])))
        .as(ftp.getReplyString()).isTrue();
    ftp.disconnect();

    String bearer = "Bearer " + tokens.issue(accounts.find("rc-alice").orElseThrow().id(), "metrics").token();
    String boundary = "----plenary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + bobs.number()
        + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\nnot mine either\r\n--" + boundary + "--\r\n";
    HttpResponse<String> upload = HttpClient.newHttpClient().send(request("/api/v1/contributions/" + bobs.number() + "/files")
        .header("Authorization", bearer).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).isEqualTo(403);
    HttpResponse<String> allocation = HttpClient.newHttpClient().send(request("/api/v1/groups/reg/meetings/m1/contributions")
        .header("Authorization", bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"T\",\"source\":\"S\",\"agendaItems\":[99]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(allocation.statusCode()).isEqualTo(400);

    assertThat(refusals("late", "ftp")).isEqualTo(lateFtp + 1);
    assertThat(refusals("not_yours", "ftp")).isEqualTo(notYoursFtp + 1);
    assertThat(refusals("not_yours", "api")).isEqualTo(notYoursApi + 1);
    assertThat(refusals("invalid", "api")).isEqualTo(invalidApi + 1);
    assertThat(count("plenary.ftp.refusals", "code", "553")).as("the FTP reply counter stays").isEqualTo(code553 + 2);
    assertThat(latencies("ftp")).as("a 0-byte FTP upload is an FTP upload").isEqualTo(ftpStored + 1);
    assertThat(latencies("web")).isEqualTo(webStored);
  }

  @Test
  void aPublicationLocksItsNumberInAnyCaseAndAnUnknownOrEmptyNumberIsRefusedAsBefore() throws Exception {
    PlenaryUser alice = user("rc-alice");
    PlenaryUser clerk = user("rc-clerk");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> desk.publish("FG-REG-NOSUCH-9999", clerk))
        .isInstanceOfSatisfying(org.plenary.contribution.ContributionRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(org.plenary.contribution.ContributionRefusedException.Reason.UNKNOWN_NUMBER));
    Contribution empty = desk.allocate("reg", "m1", allocation(), alice);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> desk.publish(empty.number(), clerk))
        .isInstanceOfSatisfying(org.plenary.contribution.ContributionRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(org.plenary.contribution.ContributionRefusedException.Reason.WRONG_STATE));
    Contribution c = uploaded(alice, "published by its number in lower case");
    Contribution published = desk.publish(c.number().toLowerCase(java.util.Locale.ROOT), clerk);
    assertThat(published.number()).isEqualTo(c.number());
    assertThat(published.status()).isEqualTo(Contribution.Status.PUBLISHED);
    assertThat(desk.auditTrail(published)).extracting(org.plenary.contribution.AuditEvent::action)
        .isEqualTo(desk.auditTrail(c.number()).stream().map(org.plenary.contribution.AuditEvent::action).toList())
        .endsWith("PUBLISHED");
    assertThat(get(PUBLISHED + c.number() + ".pdf").statusCode()).isEqualTo(200);
  }

  private Contribution uploaded(PlenaryUser author, String content) {
    return uploaded("reg", author, content);
  }

  private Contribution uploaded(String group, PlenaryUser author, String content) {
    Contribution c = desk.allocate(group, "m1", allocation(), author);
    desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
        author);
    return c;
  }

  private double refusals(String reason, String channel) {
    var counter = registry.find("plenary.contribution.refusals").tag("reason", reason).tag("channel", channel).counter();
    return counter == null ? 0 : counter.count();
  }

  private double count(String name, String tag, String value) {
    var counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  private long latencies(String channel) {
    var timer = registry.find("plenary.upload.latency").tag("channel", channel).tag("outcome", "stored").timer();
    return timer == null ? 0 : timer.count();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private FTPClient ftp(String username, String password) throws Exception {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(10_000);
    ftp.setDataTimeout(Duration.ofSeconds(10));
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    assertThat(ftp.login(username, password)).as(ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  private static Allocation allocation() {
    return new Allocation("A document", "Regco", List.of(), null, List.of());
  }

  private static MeetingDraft draft(String code, LatePolicy policy, LocalDateTime contributionDeadline) {
    return new MeetingDraft(code, LocalDate.now().plusDays(40), LocalDate.now().plusDays(41), "Europe/Zurich", "Geneva",
        null, "gva", null, null, null, null, "English", false, true, null, null, contributionDeadline, null, policy,
        List.of(), List.of());
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }
}
