package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.ftp.FtpServer;
import org.plenary.ftp.RawFtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The FTPS protocol layer as an attacker on the path sees it: commands slipped in before the TLS
 * handshake (STARTTLS injection, the class of CVE-2011-0411), the order of AUTH, PBSZ, PROT and
 * CCC, and the cipher suites offered on the control and data connections. Raw sockets throughout:
 * no client library would send what is sent here.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-ftp-attack;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.failed-sign-in-delay=20ms"})
class FtpProtocolAttackTests {

  static final String FORWARD_SECRET = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
  static final String NOT_FORWARD_SECRET = "TLS_RSA_WITH_AES_128_GCM_SHA256";

  @Autowired FtpServer server;
  @Autowired AccountDirectory accounts;

  @BeforeEach
  void accounts() {
    if (accounts.find("mallory").isEmpty()) {
      accounts.create(new NewAccount("mallory", "mallory@attack.example", "Mallory", null, null, Set.of()),
          "mallory-pass", false);
    }
  }

  @Test
  void credentialsAndCommandsSentInClearAfterAuthTlsAreDroppedNotRunInsideTls() throws Exception {
    for (String injected : new String[] {"USER mallory\r\nPASS mallory-pass\r\nSTAT\r\n",
        "USER anonymous\r\nPASS a@b\r\nSTAT\r\n", "user Mallory\r\npass mallory-pass\r\n\r\nNOOP\r\n"}) {
      try (RawFtp ftp = new RawFtp(server.port())) {
        ftp.reply();
        ftp.send("AUTH TLS\r\n" + injected);
        assertThat(ftp.reply()).startsWith("234 ");
        ftp.handshake(null);
        assertThat(ftp.nothingWithin(300)).as("no reply to the injected lines arrives inside TLS").isTrue();
        String status = ftp.command("STAT");
        assertThat(status).startsWith("211-").contains("not signed in").contains("Control connection in TLS");
        assertThat(ftp.command("PWD")).startsWith("530 ");
      }
    }
  }

  @Test
  void aCommandPipelinedBehindAuthTlsIsNeverAnsweredInsideTls() throws Exception {
    try (RawFtp ftp = new RawFtp(server.port())) {
      ftp.reply();
      ftp.send("AUTH TLS\r\nDELE /t/fg/cloud/docs/incoming/FG-Cloud-I-0001.docx\r\nQUIT\r\n");
      assertThat(ftp.reply()).startsWith("234 ");
      ftp.handshake(null);
      assertThat(ftp.command("NOOP")).as("the first reply inside TLS answers the first command sent inside TLS")
          .startsWith("200 ");
    }
  }

  @Test
  void halfALineSentInClearBeforeTheHandshakeIsNotJoinedToTheFirstLineInsideTls() throws Exception {
    try (RawFtp ftp = new RawFtp(server.port())) {
      ftp.reply();
      ftp.send("AUTH TLS\r\nUSER anonymous\r\nPASS a@b\r\nPW");
      assertThat(ftp.reply()).startsWith("234 ");
      ftp.handshake(null);
      assertThat(ftp.command("D")).as("'PW' in clear + 'D' inside TLS is not PWD").startsWith("500 ");
      assertThat(ftp.command("STAT")).contains("not signed in");
    }
  }

  @Test
  void pbszProtAndCccAreRefusedOutOfOrderAndAuthTlsOnlyOnceBeforeSignIn() throws Exception {
    try (RawFtp ftp = new RawFtp(server.port())) {
      ftp.reply();
      assertThat(ftp.command("PBSZ 0")).startsWith("503 ");
      assertThat(ftp.command("PROT P")).startsWith("503 ");
      assertThat(ftp.command("CCC")).startsWith("533 ");
      assertThat(ftp.command("AUTH TLS")).startsWith("234 ");
      ftp.handshake(null);
      assertThat(ftp.command("PROT P")).as("PROT before PBSZ").startsWith("503 ").contains("PBSZ");
      assertThat(ftp.command("PBSZ x")).startsWith("501 ");
      assertThat(ftp.command("PBSZ 0")).startsWith("200 PBSZ=0");
      assertThat(ftp.command("PROT S")).startsWith("536 ");
      assertThat(ftp.command("PROT P")).startsWith("200 ");
      assertThat(ftp.command("AUTH TLS")).startsWith("503 ");
      assertThat(ftp.command("CCC")).startsWith("533 ").contains("stays encrypted");
      assertThat(ftp.command("USER mallory")).startsWith("331 ");
      assertThat(ftp.command("PASS mallory-pass")).startsWith("230 ");
      assertThat(ftp.command("REIN")).startsWith("502 ");
      assertThat(ftp.command("STAT")).contains("signed in as mallory").contains("Control connection in TLS")
          .contains("data connections in TLS");
    }
    try (RawFtp ftp = new RawFtp(server.port())) {
      ftp.reply();
      assertThat(ftp.command("USER anonymous")).startsWith("331 ");
      assertThat(ftp.command("PASS a@b")).startsWith("230 ");
      assertThat(ftp.command("AUTH TLS")).as("TLS after a clear-text sign-in").startsWith("503 ");
      assertThat(ftp.command("NOOP")).startsWith("200 ");
    }
  }

  @Test
  void theControlConnectionRefusesCipherSuitesWithoutForwardSecrecy() throws Exception {
    for (String suite : new String[] {NOT_FORWARD_SECRET, "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"}) {
      try (RawFtp ftp = new RawFtp(server.port())) {
        ftp.reply();
        assertThat(ftp.command("AUTH TLS")).startsWith("234 ");
        assertThatThrownBy(() -> ftp.handshake(suite)).as(suite).isInstanceOf(SSLException.class);
      }
    }
    try (RawFtp ftp = new RawFtp(server.port())) {
      ftp.reply();
      assertThat(ftp.command("AUTH TLS")).startsWith("234 ");
      ftp.handshake(FORWARD_SECRET);
      assertThat(ftp.command("NOOP")).startsWith("200 ");
    }
  }

  @Test
  void theDataConnectionRefusesCipherSuitesWithoutForwardSecrecy() throws Exception {
    try (RawFtp ftp = new RawFtp(server.port())) {
      ftp.reply();
      assertThat(ftp.command("AUTH TLS")).startsWith("234 ");
      ftp.handshake(FORWARD_SECRET);
      assertThat(ftp.command("USER anonymous")).startsWith("331 ");
      assertThat(ftp.command("PASS a@b")).startsWith("230 ");
      assertThat(ftp.command("PBSZ 0")).startsWith("200 ");
      assertThat(ftp.command("PROT P")).startsWith("200 ");

      int port = epsvPort(ftp.command("EPSV"));
      try (Socket data = new Socket("127.0.0.1", port)) {
        ftp.send("NLST /\r\n");
        assertThat(ftp.reply()).startsWith("150 ");
        assertThatThrownBy(() -> RawFtp.tls(data, NOT_FORWARD_SECRET).startHandshake()).isInstanceOf(IOException.class);
        assertThat(ftp.reply()).startsWith("426 ");
      }

      port = epsvPort(ftp.command("EPSV"));
      try (Socket data = new Socket("127.0.0.1", port)) {
        ftp.send("NLST /\r\n");
        assertThat(ftp.reply()).startsWith("150 ");
        SSLSocket tls = RawFtp.tls(data, FORWARD_SECRET);
        tls.startHandshake();
        assertThat(new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("t\r\n");
        assertThat(ftp.reply()).startsWith("226 ");
      }
    }
  }

  private static int epsvPort(String reply) {
    assertThat(reply).startsWith("229 ");
    int end = reply.lastIndexOf('|');
    return Integer.parseInt(reply.substring(reply.lastIndexOf('|', end - 1) + 1, end));
  }
}
