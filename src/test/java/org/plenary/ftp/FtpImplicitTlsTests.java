package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
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
import org.springframework.boot.test.context.SpringBootTest;

/** Implicit FTPS: TLS from the first byte on a port of its own, data in TLS without PROT P, clear text told where to go. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-ftps-implicit;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.implicit-tls-port=0",
    "plenary.ftp.tls-hello-timeout=1s"})
class FtpImplicitTlsTests {

  @Autowired FtpServer server;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  @Test
  void uploadsListsAndDownloadsWithCommonsNetInImplicitMode() throws Exception {
    setUpGroup();
    var author = tokens.authenticate(tokens.issue(accounts.find("implicit-author").orElseThrow().id(), "t").token())
        .orElseThrow();
    Contribution c = desk.allocate("imp", "m1", new Allocation("Implicit", "Org", List.of(), null, List.of()), author);
    var ftps = client();
    assertThat(ftps.login("implicit-author", "author-pass")).as(ftps.getReplyString()).isTrue();
    ftps.execPBSZ(0);
    ftps.execPROT("P");
    ftps.enterLocalPassiveMode();
    ftps.setFileType(FTP.BINARY_FILE_TYPE);
    byte[] content = new byte[300_000];
    new java.util.Random(9).nextBytes(content);
    String path = "/t/fg/imp/docs/incoming/" + c.number() + ".pdf";
    assertThat(ftps.storeFile(path, new ByteArrayInputStream(content))).as(ftps.getReplyString()).isTrue();
    var out = new ByteArrayOutputStream();
    assertThat(ftps.retrieveFile(path, out)).as(ftps.getReplyString()).isTrue();
    assertThat(out.toByteArray()).isEqualTo(content);
    assertThat(ftps.listNames("/t/fg/imp/docs/incoming")).containsExactly(c.number() + ".pdf");
    assertThat(ftps.sendCommand("AUTH", "TLS")).as("TLS is on from the start").isEqualTo(503);
    ftps.logout();
    ftps.disconnect();
  }

  /** As vsftpd's implicit_ssl: a client that never sends PROT P (some do not on an implicit port) still gets TLS data. */
  @Test
  void protectsDataConnectionsWithoutPbszOrProt() throws Exception {
    var ftps = client();
    assertThat(ftps.login("anonymous", "guest@example.org")).as(ftps.getReplyString()).isTrue();
    assertThat(ftps.getStatus()).contains("Control connection in TLS; data connections in TLS.");
    assertThat(ftps.sendCommand("PROT", "C")).isEqualTo(200);
    assertThat(ftps.getStatus()).contains("data connections in clear text");
    ftps.disconnect();
  }

  @Test
  void refusesCipherSuitesWithoutForwardSecrecyAsExplicitFtpsDoes() throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", server.implicitTlsPort())) {
      SSLSocket tls = RawFtp.tls(socket, "TLS_RSA_WITH_AES_128_GCM_SHA256");
      assertThatThrownBy(tls::startHandshake).isInstanceOf(SSLException.class);
    }
  }

  @Test
  void answersClearTextOnTheImplicitPortWithASentenceNamingThePlainPort() throws Exception {
    try (RawFtp ftp = new RawFtp(server.implicitTlsPort())) {
      ftp.send("USER anonymous\r\n");
      assertThat(ftp.reply()).startsWith("421 This port speaks implicit FTPS: TLS from the first byte, and clear text arrived.")
          .contains("port " + server.port() + " for FTP");
      assertThat(ftp.closedByServer()).isTrue();
    }
  }

  /** A clear-text client waits for a "220" before it says anything: it is told, soon, rather than left hanging. */
  @Test
  void answersASilentClearTextClientWithASentenceAfterTheHelloTimeout() throws Exception {
    long start = System.nanoTime();
    try (RawFtp ftp = new RawFtp(server.implicitTlsPort())) {
      assertThat(ftp.reply()).startsWith("421 This port speaks implicit FTPS").contains("no TLS handshake began");
      assertThat(ftp.closedByServer()).isTrue();
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 5_000L);
  }

  /**
   * A listing awaited in clear text on a data connection that TLS protects: the client sends nothing, and the 426 that
   * names PROT P came after Netty's 10 s handshake limit. It now comes once the hello timeout (here 1 s) has passed.
   */
  @Test
  void aListingAwaitedInClearTextIsRefusedOnceTheHelloTimeoutHasPassed() throws Exception {
    var ftps = client();
    assertThat(ftps.login("anonymous", "guest@example.org")).as(ftps.getReplyString()).isTrue();
    try (var data = new java.net.Socket("127.0.0.1", passivePort(ftps))) {
      long start = System.nanoTime();
      assertThat(ftps.sendCommand("LIST", "/")).isEqualTo(150);
      assertThat(ftps.getReply()).as(ftps.getReplyString()).isEqualTo(426);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 5_000L);
    }
    assertThat(ftps.getReplyString()).contains("did not speak TLS, which PROT P asks for");
    ftps.disconnect();
  }

  /** A handshake that has begun within the hello timeout may take longer than it: here its first bytes, then 2.5 s. */
  @Test
  void aSlowHandshakeThatHasBegunIsNotCutShort() throws Exception {
    var ftps = client();
    assertThat(ftps.login("anonymous", "guest@example.org")).as(ftps.getReplyString()).isTrue();
    try (var slow = new SlowStart(passivePort(ftps))) {
      assertThat(ftps.sendCommand("NLST", "/")).isEqualTo(150);
      SSLSocket tls = RawFtp.tls(slow, null);
      tls.startHandshake();
      assertThat(new String(tls.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("t");
      assertThat(slow.paused).isTrue();
    }
    assertThat(ftps.getReply()).as(ftps.getReplyString()).isEqualTo(226);
    ftps.disconnect();
  }

  private static int passivePort(FTPSClient ftps) throws java.io.IOException {
    assertThat(ftps.pasv()).isEqualTo(227);
    var numbers = java.util.regex.Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)").matcher(ftps.getReplyString());
    assertThat(numbers.find()).isTrue();
    return Integer.parseInt(numbers.group(5)) * 256 + Integer.parseInt(numbers.group(6));
  }

  /** A socket whose first write (a TLS client's hello) sends five bytes, then the rest 2.5 s later. */
  private static final class SlowStart extends java.net.Socket {
    volatile boolean paused;

    SlowStart(int port) throws java.io.IOException {
      super("127.0.0.1", port);
    }

    @Override
    public java.io.OutputStream getOutputStream() throws java.io.IOException {
      java.io.OutputStream out = super.getOutputStream();
      return new java.io.FilterOutputStream(out) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
          if (paused || length <= 5) {
            out.write(bytes, offset, length);
            return;
          }
          out.write(bytes, offset, 5);
          out.flush();
          paused = true;
          try {
            Thread.sleep(2_500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          out.write(bytes, offset + 5, length - 5);
        }
      };
    }
  }

  private FTPSClient client() throws Exception {
    var ftps = new FTPSClient(true);
    ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    ftps.setDefaultTimeout(10_000);
    ftps.connect("127.0.0.1", server.implicitTlsPort());
    assertThat(ftps.getReplyCode()).as(ftps.getReplyString()).isEqualTo(220);
    return ftps;
  }

  private synchronized void setUpGroup() {
    if (groups.find("imp").isEmpty()) {
      groups.create(new GroupDraft("imp", "FG Implicit", "Focus Group on implicit TLS", null, null, "English", 12, null,
          null, List.of(), List.of(), List.of()));
      meetings.schedule("imp", new MeetingDraft("m1", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
          "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
          LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
      accounts.create(new NewAccount("implicit-author", "author@implicit.example", "Author", null, null, Set.of()),
          "author-pass", false);
    }
  }
}
