package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
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
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The FTP gateway with a real client (Apache Commons Net) and, for what no client sends, raw
 * sockets: uploads through the contribution rules, listings, downloads, and the hardening of the
 * issue (bounce, hijack, traversal, cut-off uploads, floods, lockout, hostile lines and names).
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-ftp;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.contributions.max-size=2MB",
    "plenary.ftp.failed-sign-in-delay=20ms",
    "plenary.sign-in.max-failures-per-address=5",
    "plenary.ftp.data-timeout=5s"})
class FtpGatewayTests {

  static final String INCOMING = "/t/fg/ftp/docs/incoming";

  @Autowired FtpServer server;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Value("${plenary.data-dir}") String dataDir;

  PlenaryUser author;
  PlenaryUser other;
  PlenaryUser clerk;

  @BeforeEach
  void setUp() {
    if (groups.find("ftp").isEmpty()) {
      groups.create(new GroupDraft("ftp", "FG FTP", "Focus Group on File Transfer", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      meeting("open", true);
      meeting("closed", false);
      accounts.create(new NewAccount("ftp-author", "author@ftp.example", "Author", null, null, Set.of()), "author-pass", false);
      accounts.create(new NewAccount("ftp-other", "other@ftp.example", "Other", null, null, Set.of()), "other-pass", false);
      accounts.create(new NewAccount("ftp-clerk", "clerk@ftp.example", "Clerk", null, null, Set.of(Role.SECRETARIAT)),
          "clerk-pass", false);
    }
    author = user("ftp-author");
    other = user("ftp-other");
    clerk = user("ftp-clerk");
  }

  @Test
  void uploadsListsAndDownloadsWithCommonsNet() throws Exception {
    Contribution c = desk.allocate("ftp", "open", allocation(), author);
    String name = c.number() + ".docx";
    byte[] content = randomBytes(300_000);
    FTPClient ftp = signIn("ftp-author", "author-pass");
    assertThat(ftp.changeWorkingDirectory(INCOMING)).isTrue();
    assertThat(ftp.printWorkingDirectory()).isEqualTo(INCOMING);
    assertThat(ftp.storeFile(name, new ByteArrayInputStream(content))).as(ftp.getReplyString()).isTrue();
    assertThat(ftp.getReplyString()).startsWith("226 Received " + name + " (300000 bytes, SHA-256 " + sha256(content) + ")");
    assertThat(desk.get(c.number()).incoming()).hasValueSatisfying(file -> assertThat(file.sha256()).isEqualTo(sha256(content)));
    assertThat(desk.auditTrail(c.number())).anySatisfy(event -> assertThat(event.toString()).contains("UPLOADED", "ftp-author"));

    assertThat(ftp.listNames()).contains(name);
    assertThat(Arrays.stream(ftp.listFiles()).filter(f -> f.getName().equals(name)).findFirst())
        .hasValueSatisfying(f -> assertThat(f.getSize()).isEqualTo(300_000));
    assertThat(Arrays.stream(ftp.mlistDir()).filter(f -> f.getName().equals(name)).findFirst())
        .hasValueSatisfying(f -> assertThat(f.getSize()).isEqualTo(300_000));
    assertThat(ftp.mlistFile(name).getSize()).isEqualTo(300_000);
    assertThat(ftp.getSize(name)).isEqualTo("300000");
    assertThat(ftp.getModificationTime(name)).matches("\\d{14}");
    assertThat(retrieve(ftp, name)).isEqualTo(content);
    ftp.setRestartOffset(100_000);
    assertThat(retrieve(ftp, name)).isEqualTo(Arrays.copyOfRange(content, 100_000, content.length));

    ftp.enterLocalActiveMode();
    assertThat(ftp.listNames()).as("active mode to the client's own address").contains(name);
    ftp.enterLocalPassiveMode();

    assertThat(ftp.changeToParentDirectory()).isTrue();
    assertThat(ftp.printWorkingDirectory()).isEqualTo("/t/fg/ftp/docs");
    assertThat(ftp.listNames()).containsExactlyInAnyOrder("incoming", "open", "closed");
    assertThat(ftp.features()).isTrue();
    assertThat(ftp.getReplyString()).contains(" MLST type*;size*;modify*;perm*;", " EPSV", " AUTH TLS", " UTF8", " REST STREAM");
    assertThat(ftp.sendCommand("OPTS UTF8 ON")).isEqualTo(200);
    assertThat(ftp.sendNoOp()).isTrue();
    assertThat(ftp.sendCommand("TYPE A")).isEqualTo(200);
    assertThat(ftp.sendCommand("MODE Z")).as("no compression").isEqualTo(504);
    assertThat(ftp.getStatus()).startsWith("211-").contains("signed in as ftp-author");
    assertThat(ftp.listHelp()).contains("STOR", "MLSD", "EPSV");
    assertThat(ftp.logout()).isTrue();
    ftp.disconnect();
  }

  @Test
  void signsInWithATokenAndAnonymousUsersOnlyRead() throws Exception {
    Contribution published = publishedDocument("open");
    String name = published.number() + ".pdf";
    String token = tokens.issue(author.id(), "ftp client").token();
    FTPClient withToken = signIn("ftp-author", token);
    assertThat(withToken.printWorkingDirectory()).isEqualTo("/");
    withToken.disconnect();
    FTPClient wrongOwner = connect("127.0.0.1");
    assertThat(wrongOwner.login("ftp-other", token)).as("a token signs in only its own account").isFalse();
    wrongOwner.disconnect();

    FTPClient anonymous = signIn("anonymous", "guest@example.org");
    assertThat(anonymous.listNames("/t/fg/ftp/docs/open/in")).contains(name);
    assertThat(retrieve(anonymous, "/t/fg/ftp/docs/open/in/" + name)).isEqualTo("published".getBytes());
    assertThat(anonymous.changeWorkingDirectory("/t/fg/ftp/docs/closed/in")).isFalse();
    assertThat(anonymous.getReplyString()).startsWith("550 The documents of meeting closed are for participants only");
    Contribution c = desk.allocate("ftp", "open", allocation(), author);
    assertThat(anonymous.storeFile(INCOMING + "/" + c.number() + ".txt", new ByteArrayInputStream("x".getBytes()))).isFalse();
    assertThat(anonymous.getReplyString()).startsWith("550 Anonymous users may only read");
    anonymous.disconnect();
    assertThat(desk.get(c.number()).files()).isEmpty();
  }

  @Test
  void appliesEveryUploadRuleWithAReplyCodeAndASentence() throws Exception {
    Contribution mine = desk.allocate("ftp", "open", allocation(), author);
    Contribution theirs = desk.allocate("ftp", "open", allocation(), other);
    theirs = upload(theirs, other, "theirs");
    Contribution published = publishedDocument("open");
    FTPClient ftp = signIn("ftp-author", "author-pass");
    ftp.changeWorkingDirectory(INCOMING);

    assertRefused(ftp, theirs.number() + ".txt", "553 " + theirs.number() + " is not allocated to you.");
    assertRefused(ftp, "notes.docx", "553 \"notes.docx\" is not a contribution file name");
    assertRefused(ftp, mine.number() + ".exe", "553 Files ending in .exe are not accepted");
    assertRefused(ftp, published.number() + ".pdf", "553 " + published.number() + " is published and cannot change");
    assertRefused(ftp, "/t/fg/ftp/docs/open/in/" + mine.number() + ".txt", "550 /t/fg/ftp/docs/open/in is read-only");

    assertThat(ftp.appendFile(theirs.number() + ".txt", new ByteArrayInputStream("more".getBytes()))).isFalse();
    assertThat(ftp.getReplyCode()).isEqualTo(550);
    assertThat(ftp.deleteFile(theirs.number() + ".txt")).isFalse();
    assertThat(ftp.getReplyCode()).isEqualTo(550);
    assertThat(ftp.rename(theirs.number() + ".txt", mine.number() + ".txt")).isFalse();
    assertThat(ftp.getReplyCode()).isEqualTo(550);
    assertThat(ftp.makeDirectory("new")).isFalse();
    assertThat(ftp.getReplyCode()).isEqualTo(550);
    assertThat(ftp.removeDirectory("/t/fg/ftp/docs/open/in")).isFalse();
    assertThat(ftp.getReplyCode()).isEqualTo(550);
    assertThat(ftp.sendSiteCommand("CHMOD 777 " + theirs.number() + ".txt")).isFalse();
    assertThat(ftp.getReplyCode()).as("not implemented, so that sync tools carry on").isEqualTo(502);
    ftp.disconnect();
    assertThat(desk.get(theirs.number()).incoming()).hasValueSatisfying(f -> assertThat(f.sha256()).isEqualTo(sha256("theirs".getBytes())));
    assertThat(desk.get(mine.number()).files()).isEmpty();
    assertThat(desk.get(published.number()).files()).hasSize(1);
  }

  @Test
  void refusesBouncesAndPassiveHijacking() throws Exception {
    try (RawFtp ftp = signedInRaw("127.0.0.1");
        ServerSocket elsewhere = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"));
        ServerSocket low = new ServerSocket()) {
      elsewhere.setSoTimeout(500);
      int port = elsewhere.getLocalPort();
      assertThat(ftp.command("PORT 127,0,0,2," + (port >> 8) + "," + (port & 0xFF))).startsWith("504 ");
      assertThat(ftp.command("EPRT |1|127.0.0.2|" + port + "|")).startsWith("504 ");
      assertThat(ftp.command("EPRT |2|::1|" + port + "|")).startsWith("504 ");
      assertThat(ftp.command("PORT 127,0,0,1,0,21")).as("a privileged port").startsWith("504 ");
      assertThat(ftp.command("LIST")).startsWith("425 ");
      assertThatThrownBy(elsewhere::accept).as("no connection was made").isInstanceOf(SocketTimeoutException.class);

      int data = RawFtp.epsvPort(ftp.command("EPSV"));
      try (Socket hijacker = new Socket()) {
        hijacker.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
        hijacker.connect(new InetSocketAddress("127.0.0.1", data));
        hijacker.setSoTimeout(5000);
        assertThat(hijacker.getInputStream().read()).as("another address is hung up on").isEqualTo(-1);
      }
      try (Socket mine = new Socket("127.0.0.1", data)) {
        assertThat(ftp.command("NLST /")).startsWith("150 ");
        assertThat(new String(mine.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("t\r\n");
        assertThat(ftp.reply()).startsWith("226 ");
      }
    }
  }

  @Test
  void findsAGroupFolderByItsExactSlugOnly() throws Exception {
    try (RawFtp ftp = signedInRaw("127.0.0.1")) {
      assertThat(ftp.command("CWD /t/fg/ftp")).startsWith("250 ");
      assertThat(ftp.command("PWD")).startsWith("257 \"/t/fg/ftp\"");
      assertThat(ftp.command("MLST /t/fg/ftp")).startsWith("250-").contains("type=dir;");
      assertThat(ftp.command("CWD /t/fg/no-such-group")).startsWith("550 ");
      assertThat(ftp.command("CWD /t/fg/FTP")).as("slugs are matched exactly, as in the listing of /t/fg").startsWith("550 ");
      assertThat(ftp.command("CWD /t/xx/ftp")).startsWith("550 ");
      assertThat(ftp.command("SIZE /t/fg/ftp")).startsWith("550 ");
      assertThat(ftp.command("PWD")).startsWith("257 \"/t/fg/ftp\"");
    }
  }

  @Test
  void neverLeavesTheTree() throws Exception {
    try (RawFtp ftp = signedInRaw("127.0.0.1")) {
      assertThat(ftp.command("CWD /t/fg/ftp/docs")).startsWith("250 ");
      assertThat(ftp.command("CWD ../../../../../../..")).startsWith("250 ");
      assertThat(ftp.command("PWD")).startsWith("257 \"/\"");
      assertThat(ftp.command("RETR ../../etc/passwd")).startsWith("550 ");
      assertThat(ftp.command("SIZE /etc/passwd")).startsWith("550 ");
      assertThat(ftp.command("CWD \\etc")).startsWith("550 ");
      assertThat(ftp.command("CWD t\\..\\..\\etc")).startsWith("550 ");
      assertThat(ftp.command("CWD ~")).startsWith("550 ");
      assertThat(ftp.command("CWD ~root")).startsWith("550 ");
      assertThat(ftp.command("CWD /t/fg/ftp/docs/open/in/..%2f..%2f..%2f")).startsWith("550 ");
      assertThat(ftp.command("MDTM /t/fg/ftp/docs/../../../../../../etc/passwd")).startsWith("550 ");
      assertThat(ftp.command("PWD")).startsWith("257 \"/\"");
    }
  }

  @Test
  void anUploadCutOffMidwayLeavesNothing() throws Exception {
    Contribution c = desk.allocate("ftp", "open", allocation(), author);
    String name = c.number() + ".pdf";
    // The whole client goes away in the middle of the file: control connection first. The server
    // must stop the transfer and close the data connection itself; only then does the client's end
    // of it close. (Closing both at once would leave it to chance which end the server reads first:
    // the two connections' packets are not ordered, and a data connection that ends cleanly is, in
    // FTP's stream mode, a whole file.)
    try (RawFtp ftp = signedInRaw("127.0.0.1")) {
      Socket data = new Socket("127.0.0.1", RawFtp.epsvPort(ftp.command("EPSV")));
      assertThat(ftp.command("STOR " + INCOMING + "/" + name)).startsWith("150 ");
      data.getOutputStream().write(randomBytes(100_000));
      ftp.close();
      data.setSoTimeout(10_000);
      assertThat(data.getInputStream().read()).as("the server closes the data connection").isEqualTo(-1);
      data.close();
    }
    // The data connection is reset mid-file while the client stays.
    try (RawFtp ftp = signedInRaw("127.0.0.1")) {
      Socket data = new Socket("127.0.0.1", RawFtp.epsvPort(ftp.command("EPSV")));
      assertThat(ftp.command("STOR " + INCOMING + "/" + name)).startsWith("150 ");
      data.getOutputStream().write(randomBytes(100_000));
      data.setSoLinger(true, 0);
      data.close();
      assertThat(ftp.reply()).startsWith("426 ");
      // ABOR in the middle of a file.
      Socket again = new Socket("127.0.0.1", RawFtp.epsvPort(ftp.command("EPSV")));
      assertThat(ftp.command("STOR " + INCOMING + "/" + name)).startsWith("150 ");
      again.getOutputStream().write(randomBytes(50_000));
      assertThat(ftp.command("ABOR")).startsWith("426 ");
      assertThat(ftp.reply()).startsWith("226 ");
      again.close();
    }
    awaitNothingStaged();
    assertThat(desk.get(c.number()).files()).isEmpty();
    FTPClient ftp = signIn("ftp-author", "author-pass");
    assertThat(ftp.listNames(INCOMING)).doesNotContain(name);
    byte[] whole = randomBytes(200_000);
    assertThat(ftp.storeFile(INCOMING + "/" + name, new ByteArrayInputStream(whole))).as("the upload can be repeated").isTrue();
    assertThat(retrieve(ftp, INCOMING + "/" + name)).isEqualTo(whole);
    ftp.disconnect();
  }

  @Test
  void anUploadThatOutlivesItsAccountIsNotKeptAndTheSessionEndsWithTheReason() throws Exception {
    if (accounts.findEvenDisabled("ftp-leaver").isEmpty()) {
      accounts.create(new NewAccount("ftp-leaver", "leaver@ftp.example", "Leaver", null, null, Set.of()), "leaver-pass",
          false);
    }
    var leaver = accounts.findEvenDisabled("ftp-leaver").orElseThrow().id();
    Contribution c = desk.allocate("ftp", "open", allocation(), user("ftp-leaver"));
    try (RawFtp ftp = new RawFtp(server.port(), "127.0.0.1")) {
      assertThat(ftp.reply()).startsWith("220 ");
      assertThat(ftp.command("USER ftp-leaver")).startsWith("331 ");
      assertThat(ftp.command("PASS leaver-pass")).startsWith("230 ");
      try (Socket data = new Socket("127.0.0.1", RawFtp.epsvPort(ftp.command("EPSV")))) {
        assertThat(ftp.command("STOR " + INCOMING + "/" + c.number() + ".pdf")).startsWith("150 ");
        data.getOutputStream().write(randomBytes(100_000));
        // The account is disabled while the bytes come; the client then ends the file cleanly.
        accounts.setEnabled(leaver, false);
        data.getOutputStream().write(randomBytes(1_000));
        data.shutdownOutput();
        assertThat(ftp.reply()).startsWith("421 Your account was disabled")
            .contains(c.number() + ".pdf was not kept");
        assertThat(ftp.closedByServer()).isTrue();
      }
    } finally {
      accounts.setEnabled(leaver, true);
    }
    awaitNothingStaged();
    assertThat(desk.get(c.number()).files()).as("nothing registered under a disabled account").isEmpty();
  }

  @Test
  void refusesToResumeAnUploadAndCutsAnEndlessOneAtTheCap() throws Exception {
    Contribution c = desk.allocate("ftp", "open", allocation(), author);
    String name = c.number() + ".zip";
    try (RawFtp ftp = signedInRaw("127.0.0.1")) {
      assertThat(ftp.command("REST 9999999999999")).startsWith("350 ");
      Socket data = new Socket("127.0.0.1", RawFtp.epsvPort(ftp.command("EPSV")));
      assertThat(ftp.command("STOR " + INCOMING + "/" + name)).startsWith("554 Uploads cannot resume at byte 9999999999999");
      data.close();
      assertThat(ftp.command("REST 99999999999999999999")).startsWith("501 ");

      Socket endless = new Socket("127.0.0.1", RawFtp.epsvPort(ftp.command("EPSV")));
      assertThat(ftp.command("STOR " + INCOMING + "/" + name)).startsWith("150 ");
      OutputStream out = endless.getOutputStream();
      byte[] chunk = new byte[64 * 1024];
      long sent = 0;
      try {
        while (sent < 64L * 1024 * 1024) {
          out.write(chunk);
          sent += chunk.length;
        }
      } catch (IOException cut) {
        // the server hung up at the cap
      }
      assertThat(sent).isLessThan(64L * 1024 * 1024);
      assertThat(ftp.reply()).startsWith("552 " + name + " is larger than the 2 MB limit. Nothing was kept.");
      endless.close();
    }
    awaitNothingStaged();
    assertThat(desk.get(c.number()).files()).isEmpty();
  }

  @Test
  void idleConnectionsDoNotKeepAClientOutAndOneAddressCannotTakeEverySlot() throws Exception {
    var idle = new ArrayList<RawFtp>();
    try {
      for (int i = 1; i <= 200; i++) {
        RawFtp connection = new RawFtp(server.port(), "127.0.1." + i);
        idle.add(connection);
        assertThat(connection.reply()).startsWith("220 ");
      }
      long start = System.nanoTime();
      FTPClient ftp = signIn("ftp-author", "author-pass");
      // Not kept waiting behind the idle ones (a slow shared host signs in within seconds; a queue would take minutes).
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      ftp.disconnect();

      for (int i = 0; i < 20; i++) {
        RawFtp connection = new RawFtp(server.port(), "127.0.2.1");
        idle.add(connection);
        assertThat(connection.reply()).startsWith("220 ");
      }
      try (RawFtp oneTooMany = new RawFtp(server.port(), "127.0.2.1")) {
        assertThat(oneTooMany.reply()).startsWith("421 Too many connections from your address (the limit is 20)");
        assertThat(oneTooMany.closedByServer()).isTrue();
      }
    } finally {
      for (RawFtp connection : idle) {
        connection.close();
      }
    }
  }

  @Test
  void locksOutAnAddressAfterRepeatedFailuresWithTheSameReplyForKnownAndUnknownUsers() throws Exception {
    String attacker = "127.0.3.1";
    var replies = new ArrayList<String>();
    int attempts = 0;
    boolean lockedOut = false;
    while (attempts < 100 && !lockedOut) {
      try (RawFtp ftp = new RawFtp(server.port(), attacker)) {
        String greeting = ftp.reply();
        if (greeting.startsWith("421 ")) {
          lockedOut = true;
          break;
        }
        for (int i = 0; i < 3 && !lockedOut; i++) {
          attempts++;
          assertThat(ftp.command("USER " + (attempts == 2 ? "ftp-author" : "nobody-" + attempts))).startsWith("331 ");
          String reply = ftp.command("PASS wrong-" + attempts);
          replies.add(reply);
          lockedOut = reply.startsWith("421 ");
        }
      }
    }
    assertThat(lockedOut).isTrue();
    assertThat(attempts).isEqualTo(5);
    assertThat(replies.subList(0, 4)).containsOnly("530 Wrong username or password.\n");
    try (RawFtp again = new RawFtp(server.port(), attacker)) {
      assertThat(again.reply()).startsWith("421 Too many failed sign-ins");
    }
    FTPClient bystander = connect("127.0.3.2");
    assertThat(bystander.login("ftp-author", "author-pass")).as("other addresses are not affected").isTrue();
    bystander.disconnect();
  }

  @Test
  void boundsHostileControlLinesAndNames() throws Exception {
    try (RawFtp ftp = new RawFtp(server.port())) {
      ftp.reply();
      assertThat(ftp.command("NOOP\0x")).startsWith("501 ");
      ftp.send(new byte[] {'C', 'W', 'D', ' ', (byte) 0xC3, 0x28, '\r', '\n'});
      assertThat(ftp.reply()).startsWith("501 The command is not valid UTF-8");
      assertThat(ftp.command("NOOP")).startsWith("200 ");
      byte[] endless = new byte[1024 * 1024];
      Arrays.fill(endless, (byte) 'A');
      try {
        ftp.send(endless);
      } catch (IOException hungUp) {
        // the server may close before all of it is sent
      }
      assertThat(ftp.reply()).startsWith("500 Command line too long: the limit is 4096 bytes.");
      assertThat(ftp.closedByServer()).isTrue();
    }
    try (RawFtp ftp = signedInRaw("127.0.0.1")) {
      assertThat(ftp.command("CWD " + INCOMING)).startsWith("250 ");
      for (String hostile : List.of("<script>alert(1)</script>.docx", "<img src=x onerror=alert(1)>.docx",
          "FG-Cloud\u202Excod.exe", "a\rb.docx", "\u200F\u202Bname.docx")) {
        String reply = ftp.command("STOR " + hostile);
        assertThat(reply).matches("55[03] .*\n");
        assertThat(reply.chars().filter(ch -> ch == '\r' || Character.getType(ch) == Character.FORMAT)).isEmpty();
        assertThat(reply.split("\n")).allMatch(line -> line.matches("\\d{3}[ -].*"));
      }
      assertThat(ftp.command("NLST")).startsWith("425 ");
    }
    awaitNothingStaged();
  }

  // --- helpers ---

  private void assertRefused(FTPClient ftp, String name, String reply) throws IOException {
    assertThat(ftp.storeFile(name, new ByteArrayInputStream("refused".getBytes()))).isFalse();
    assertThat(ftp.getReplyString()).startsWith(reply);
  }

  private Contribution upload(Contribution c, PlenaryUser who, String text) {
    desk.upload(c.number(), c.number() + ".txt", new ByteArrayInputStream(text.getBytes()), who);
    return desk.get(c.number());
  }

  private Contribution publishedDocument(String code) {
    Contribution c = desk.allocate("ftp", code, allocation(), author);
    desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream("published".getBytes()), author);
    return desk.publish(c.number(), clerk);
  }

  private FTPClient connect(String from) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(10_000);
    ftp.setDataTimeout(Duration.ofSeconds(10));
    ftp.connect(InetAddress.getByName("127.0.0.1"), server.port(), InetAddress.getByName(from), 0);
    assertThat(FTPReply.isPositiveCompletion(ftp.getReplyCode())).isTrue();
    return ftp;
  }

  private FTPClient signIn(String username, String password) throws IOException {
    FTPClient ftp = connect("127.0.0.1");
    assertThat(ftp.login(username, password)).as(ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  private RawFtp signedInRaw(String from) throws IOException {
    RawFtp ftp = new RawFtp(server.port(), from);
    assertThat(ftp.reply()).startsWith("220 ");
    assertThat(ftp.command("USER ftp-author")).startsWith("331 ");
    assertThat(ftp.command("PASS author-pass")).startsWith("230 ");
    return ftp;
  }

  private static byte[] retrieve(FTPClient ftp, String name) throws IOException {
    var out = new ByteArrayOutputStream();
    assertThat(ftp.retrieveFile(name, out)).as(ftp.getReplyString()).isTrue();
    return out.toByteArray();
  }

  /** Abandoned uploads are removed as the server notices the end of the connection. */
  private void awaitNothingStaged() throws Exception {
    Path documents = Path.of(dataDir, "documents");
    for (int i = 0; i < 50; i++) {
      try (Stream<Path> files = Files.walk(documents)) {
        if (files.noneMatch(file -> Files.isRegularFile(file)
            && (file.startsWith(documents.resolve("staging")) || file.getFileName().toString().endsWith(".part")))) {
          return;
        }
      }
      Thread.sleep(100);
    }
    try (Stream<Path> files = Files.walk(documents.resolve("staging"))) {
      assertThat(files.filter(Files::isRegularFile)).as("staged files left behind").isEmpty();
    }
  }

  private void meeting(String code, boolean documentsPublic) {
    meetings.schedule("ftp", new MeetingDraft(code, LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, documentsPublic, null, null,
        LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  private static Allocation allocation() {
    return new Allocation("An FTP contribution", "An organization", List.of(), null, List.of());
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
