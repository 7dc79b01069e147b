package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** Explicit FTPS with a server that takes passwords only over TLS, and its self-signed certificate. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-ftps;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.require-tls=true"})
class FtpsTests {

  @Autowired FtpServer server;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Value("${plenary.data-dir}") String dataDir;

  @Test
  void refusesAPasswordBeforeAuthTlsButLetsAnonymousUsersRead() throws Exception {
    try (RawFtp ftp = new RawFtp(server.port())) {
      assertThat(ftp.reply()).startsWith("220 ");
      assertThat(ftp.command("USER someone")).startsWith("530 This server takes passwords only over TLS");
      assertThat(ftp.command("PASS secret")).startsWith("503 ");
      assertThat(ftp.command("PBSZ 0")).startsWith("503 ");
      assertThat(ftp.command("USER anonymous")).startsWith("331 ");
      assertThat(ftp.command("PASS guest@example.org")).startsWith("230 ");
    }
  }

  /**
   * An empty listing under PROT P (a meeting's in/ folder before anything is published, a pattern that
   * matches nothing): the data connection closed before the client's TLS handshake was done, so the
   * client read close_notify for a handshake (curl "SSL_ERROR_ZERO_RETURN", Python "SSLZeroReturnError",
   * Commons Net a failed list) while the control connection said 226; curl then retried with PASV and read
   * that 150 as PASV's reply. The listing now waits for the handshake, and the empty list is one.
   */
  @Test
  void listsAnEmptyFolderOverTlsAndCarriesOn() throws Exception {
    setUpGroup();
    var ftps = new FTPSClient(false);
    ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    ftps.setDefaultTimeout(10_000);
    ftps.connect("127.0.0.1", server.port());
    assertThat(ftps.login("tls-author", "author-pass")).as(ftps.getReplyString()).isTrue();
    ftps.execPBSZ(0);
    ftps.execPROT("P");
    ftps.enterLocalPassiveMode();
    String[] meetings = ftps.listNames("/t/fg/tls/docs");
    assertThat(meetings).as(ftps.getReplyString()).contains("incoming").hasSizeGreaterThan(1);
    String meeting = java.util.Arrays.stream(meetings).filter(name -> !name.equals("incoming")).findFirst().orElseThrow();
    for (int i = 0; i < 3; i++) {
      assertThat(ftps.listNames("/t/fg/tls/docs/" + meeting + "/in")).as(ftps.getReplyString()).isEmpty();
      assertThat(ftps.getReplyCode()).isEqualTo(226);
      assertThat(ftps.listFiles("/t/fg/tls/docs/incoming/*.none")).as(ftps.getReplyString()).isEmpty();
      assertThat(ftps.getReplyCode()).isEqualTo(226);
      assertThat(ftps.mlistDir("/t/fg/tls/docs/" + meeting + "/in")).as(ftps.getReplyString()).isEmpty();
      assertThat(ftps.getReplyCode()).isEqualTo(226);
      assertThat(ftps.sendNoOp()).as("the control connection is in step: %s", ftps.getReplyString()).isTrue();
    }
    ftps.logout();
    ftps.disconnect();
  }

  private synchronized void setUpGroup() {
    if (groups.find("tls").isEmpty()) {
      groups.create(new GroupDraft("tls", "FG TLS", "Focus Group on TLS", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      meetings.schedule("tls", new MeetingDraft("m1", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
          "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
          LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
      accounts.create(new NewAccount("tls-author", "author@tls.example", "Author", null, null, Set.of()), "author-pass", false);
    }
  }

  @Test
  void uploadsAndDownloadsOverTlsWithEncryptedData() throws Exception {
    setUpGroup();
    var author = tokens.authenticate(tokens.issue(accounts.find("tls-author").orElseThrow().id(), "t").token()).orElseThrow();
    Contribution c = desk.allocate("tls", "m1", new Allocation("Over TLS", "Org", List.of(), null, List.of()), author);

    var ftps = new FTPSClient(false) {
      String protocol() {
        return ((SSLSocket) _socket_).getSession().getProtocol();
      }
    };
    ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    ftps.setDefaultTimeout(10_000);
    ftps.connect("127.0.0.1", server.port());
    assertThat(ftps.protocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(ftps.login("tls-author", "author-pass")).as(ftps.getReplyString()).isTrue();
    ftps.execPBSZ(0);
    ftps.execPROT("P");
    ftps.enterLocalPassiveMode();
    ftps.setFileType(FTP.BINARY_FILE_TYPE);
    byte[] content = new byte[500_000];
    new java.util.Random(7).nextBytes(content);
    String path = "/t/fg/tls/docs/incoming/" + c.number() + ".pdf";
    assertThat(ftps.storeFile(path, new ByteArrayInputStream(content))).as(ftps.getReplyString()).isTrue();
    var out = new ByteArrayOutputStream();
    assertThat(ftps.retrieveFile(path, out)).as(ftps.getReplyString()).isTrue();
    assertThat(out.toByteArray()).isEqualTo(content);
    assertThat(ftps.listNames("/t/fg/tls/docs/incoming")).containsExactly(c.number() + ".pdf");
    assertThat(ftps.getStatus()).contains("Control connection in TLS; data connections in TLS.");
    ftps.logout();
    ftps.disconnect();
    assertThat(Path.of(dataDir, "ftp-tls.p12")).as("the self-signed certificate made at first use").exists();
    assertThat(Files.getPosixFilePermissions(Path.of(dataDir, "ftp-tls.password"))).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  /**
   * A client that sent PROT P and then wrote its upload in clear text (a forgotten PROT, curl 7.87's active mode over
   * TLS) got a 426 carrying Netty's exception message: "io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS
   * record: 68656c6c6f…", a hex dump of every byte received, on one reply line. It now reads as a sentence naming
   * PROT P, and nothing is kept.
   */
  @Test
  void anUploadWrittenInClearTextAfterProtPIsRefusedWithASentenceNotAnExceptionsHexDump() throws Exception {
    setUpGroup();
    var author = tokens.authenticate(tokens.issue(accounts.find("tls-author").orElseThrow().id(), "t").token()).orElseThrow();
    Contribution c = desk.allocate("tls", "m1", new Allocation("Clear after PROT P", "Org", List.of(), null, List.of()),
        author);
    var ftps = new FTPSClient(false);
    ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    ftps.setDefaultTimeout(10_000);
    ftps.connect("127.0.0.1", server.port());
    assertThat(ftps.login("tls-author", "author-pass")).as(ftps.getReplyString()).isTrue();
    ftps.execPBSZ(0);
    ftps.execPROT("P");
    assertThat(ftps.pasv()).isEqualTo(227);
    var numbers = java.util.regex.Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)")
        .matcher(ftps.getReplyString());
    assertThat(numbers.find()).isTrue();
    int port = Integer.parseInt(numbers.group(5)) * 256 + Integer.parseInt(numbers.group(6));
    String path = "/t/fg/tls/docs/incoming/" + c.number() + ".pdf";
    try (var data = new java.net.Socket("127.0.0.1", port)) {
      assertThat(ftps.sendCommand("STOR", path)).isEqualTo(150);
      data.getOutputStream().write("hello plain text\n".repeat(200).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      data.getOutputStream().flush();
      assertThat(ftps.getReply()).as(ftps.getReplyString()).isEqualTo(426);
    }
    assertThat(ftps.getReplyString()).contains("did not speak TLS, which PROT P asks for", c.number() + ".pdf")
        .doesNotContain("Exception", "68656c6c6f").hasSizeLessThan(300);
    String[] names = ftps.listNames("/t/fg/tls/docs/incoming");
    assertThat(ftps.getReplyCode()).as(ftps.getReplyString()).isEqualTo(226);
    assertThat(names == null ? new String[0] : names).doesNotContain(c.number() + ".pdf");
    ftps.logout();
    ftps.disconnect();
  }

  /** A download (here a listing) asked in clear text after PROT P: the client waits, the handshake times out, and
   * the 426 says TLS was expected (it said "closed before the transfer completed", a network fault to look for). */
  @Test
  void aListingAwaitedInClearTextAfterProtPEndsWithASentenceNamingProtP() throws Exception {
    setUpGroup();
    var ftps = new FTPSClient(false);
    ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    ftps.setDefaultTimeout(10_000);
    ftps.connect("127.0.0.1", server.port());
    ftps.setSoTimeout(40_000);
    assertThat(ftps.login("tls-author", "author-pass")).as(ftps.getReplyString()).isTrue();
    ftps.execPBSZ(0);
    ftps.execPROT("P");
    assertThat(ftps.pasv()).isEqualTo(227);
    var numbers = java.util.regex.Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)")
        .matcher(ftps.getReplyString());
    assertThat(numbers.find()).isTrue();
    int port = Integer.parseInt(numbers.group(5)) * 256 + Integer.parseInt(numbers.group(6));
    try (var data = new java.net.Socket("127.0.0.1", port)) {
      assertThat(ftps.sendCommand("LIST", "/t/fg/tls/docs/incoming")).isEqualTo(150);
      assertThat(ftps.getReply()).as(ftps.getReplyString()).isEqualTo(426);
    }
    assertThat(ftps.getReplyString()).contains("did not speak TLS, which PROT P asks for");
    ftps.disconnect();
  }
}
