package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
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
import org.plenary.ftp.FtpServer;
import org.plenary.ftp.RawFtp;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * FTP attacks of the second pass, against vsftpd's rules: a bounce through PORT or EPRT (another host, an IPv4-mapped
 * form of it, a privileged port of the client itself), REST past a file's end before RETR and STOR, every writing
 * command on a published read-only folder, a file name carrying CR or NUL (echoed without its control characters,
 * never written), and two sessions of one delegate storing the same name at once (the file kept is one of the two,
 * whole, and the register's SHA-256 is its own).
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-ftp-hostile;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/ftp-hostile-${random.uuid}",
    "plenary.ftp.failed-sign-in-delay=1ms",
    "plenary.ftp.data-timeout=5s"})
class FtpHostileTransferAttackTests {

  static final String INCOMING = "/t/fg/hostile/docs/incoming";
  static final String PUBLISHED = "/t/fg/hostile/docs/open/in";

  @Autowired FtpServer server;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  PlenaryUser author;

  @BeforeEach
  void setUp() {
    if (groups.find("hostile").isEmpty()) {
      groups.create(new GroupDraft("hostile", "FG Hostile", "Focus Group on Hostile Clients", null, null, "English", 12,
          null, null, List.of(), List.of(), List.of()));
      meetings.schedule("hostile", new MeetingDraft("open", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
          "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
          LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
      accounts.create(new NewAccount("hostile-author", "author@hostile.example", "Author", null, null, Set.of()),
          "author-pass", false);
      accounts.create(new NewAccount("hostile-tsb", "tsb@hostile.example", "Secretariat", null, null,
          Set.of(Role.SECRETARIAT)), "tsb-pass", false);
    }
    author = user("hostile-author");
  }

  @Test
  void portAndEprtToAnotherHostOrAPrivilegedPortAreRefusedAsBounces() throws Exception {
    try (RawFtp ftp = signedInRaw()) {
      for (String command : List.of("PORT 127,0,0,2,31,64", "PORT 192,0,2,9,31,64", "PORT 127,0,0,1,0,21",
          "PORT 127,0,0,1,0,80", "PORT 127,0,0,1,3,255", "EPRT |1|127.0.0.2|8000|", "EPRT |2|::ffff:127.0.0.2|8000|",
          "EPRT |2|::ffff:7f00:2|8000|", "EPRT |1|127.0.0.1|25|", "EPRT |2|::ffff:127.0.0.1|22|",
          "EPRT |1|127.0.0.1|70000|")) {
        assertThat(ftp.command(command)).as(command).startsWith("504 ");
      }
      assertThat(ftp.command("PORT 127,0,0,1,31,64")).as("its own address, an unprivileged port").startsWith("200 ");
    }
  }

  @Test
  void restPastTheEndOfAFileIsRefusedOnRetrAndStorAndForgottenAfter() throws Exception {
    Contribution c = desk.allocate("hostile", "open", allocation(), author);
    String name = c.number() + ".txt";
    desk.upload(c.number(), name, new ByteArrayInputStream("twelve bytes".getBytes()), author);
    FTPClient ftp = signIn("hostile-author", "author-pass");
    try {
      ftp.setRestartOffset(1_000_000);
      assertThat(ftp.retrieveFileStream(INCOMING + "/" + name)).isNull();
      assertThat(ftp.getReplyCode()).as(ftp.getReplyString()).isEqualTo(554);
      assertThat(ftp.sendCommand("REST 5")).isEqualTo(350);
      assertThat(ftp.storeFile(INCOMING + "/" + name, new ByteArrayInputStream("x".getBytes()))).isFalse();
      assertThat(ftp.getReplyCode()).as(ftp.getReplyString()).isEqualTo(554);
      ftp.setRestartOffset(0);
      var read = new ByteArrayOutputStream();
      assertThat(ftp.retrieveFile(INCOMING + "/" + name, read)).as("the file as it was, from its start").isTrue();
      assertThat(read.toString()).isEqualTo("twelve bytes");
      ftp.logout();
    } finally {
      ftp.disconnect();
    }
  }

  @Test
  void noWritingCommandChangesAPublishedFolder() throws Exception {
    Contribution c = desk.allocate("hostile", "open", allocation(), author);
    String name = c.number() + ".txt";
    desk.upload(c.number(), name, new ByteArrayInputStream("published bytes".getBytes()), author);
    desk.publish(c.number(), user("hostile-tsb"));
    for (String who : List.of("hostile-author", "hostile-tsb")) {
      FTPClient ftp = signIn(who, who.equals("hostile-tsb") ? "tsb-pass" : "author-pass");
      try {
        String path = PUBLISHED + "/" + name;
        assertThat(ftp.storeFile(path, new ByteArrayInputStream("replaced".getBytes()))).as(who + " STOR").isFalse();
        assertThat(ftp.getReplyCode()).as(ftp.getReplyString()).isBetween(500, 599);
        assertThat(ftp.appendFile(path, new ByteArrayInputStream("appended".getBytes()))).as(who + " APPE").isFalse();
        assertThat(ftp.storeFile(PUBLISHED + "/" + c.number() + "r1.txt", new ByteArrayInputStream("new".getBytes())))
            .as(who + " STOR of a new name").isFalse();
        for (String command : List.of("DELE " + path, "RNFR " + path, "MKD " + PUBLISHED + "/x", "RMD " + PUBLISHED,
            "SITE CHMOD 777 " + path, "MFMT 20200101000000 " + path)) {
          ftp.sendCommand(command);
          assertThat(ftp.getReplyCode()).as(who + " " + command + ": " + ftp.getReplyString()).isBetween(500, 599);
        }
        var read = new ByteArrayOutputStream();
        assertThat(ftp.retrieveFile(path, read)).isTrue();
        assertThat(read.toString()).isEqualTo("published bytes");
        assertThat(ftp.listNames(PUBLISHED)).as("the folder as published").anyMatch(n -> n.endsWith(name))
            .noneMatch(n -> n.contains("r1.")).allMatch(n -> n.endsWith(name) || n.endsWith("MANIFEST.json")
                || n.endsWith("in.zip"));
        ftp.logout();
      } finally {
        ftp.disconnect();
      }
    }
  }

  @Test
  void aFileNameWithCarriageReturnOrNulIsRefusedAndNeverEchoedAsALineOfItsOwn() throws Exception {
    Contribution c = desk.allocate("hostile", "open", allocation(), author);
    try (RawFtp ftp = signedInRaw()) {
      assertThat(ftp.command("TYPE I")).startsWith("200 ");
      // A bare CR inside the line: the name is refused, the reply one line with the CR shown as "?".
      String reply = ftp.command("STOR " + INCOMING + "/" + c.number() + ".txt\r226 Transfer complete forged");
      assertThat(reply).startsWith("5").doesNotContain("\r").doesNotStartWith("226");
      assertThat(ftp.command("NOOP")).as("the next reply is the NOOP's").startsWith("200 ");
      assertThat(ftp.command("STOR " + INCOMING + "/" + c.number() + "\u0000.txt")).startsWith("501 ");
      assertThat(ftp.command("NOOP")).startsWith("200 ");
      String listing = ftp.command("MLST " + INCOMING + "/" + c.number() + ".txt\rtype=file; forged");
      assertThat(listing).startsWith("5").doesNotContain("\r");
    }
    assertThat(desk.get(c.number()).toString()).doesNotContain(".txt\r");
  }

  @Test
  void twoSessionsOfOneDelegateStoringOneNameAtOnceKeepOneWholeFileWithItsOwnDigest() throws Exception {
    Contribution c = desk.allocate("hostile", "open", allocation(), author);
    String path = INCOMING + "/" + c.number() + ".pdf";
    byte[] first = filled((byte) 'a', 1_500_000);
    byte[] second = filled((byte) 'b', 1_200_000);
    FTPClient one = signIn("hostile-author", "author-pass");
    FTPClient two = signIn("hostile-author", "author-pass");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      var a = CompletableFuture.supplyAsync(() -> store(one, path, first, together), pool);
      var b = CompletableFuture.supplyAsync(() -> store(two, path, second, together), pool);
      List<Integer> replies = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
      assertThat(replies).as("each upload answered, none cut or half-kept").allMatch(r -> r == 226 || r == 550);
      var read = new ByteArrayOutputStream();
      assertThat(one.retrieveFile(path, read)).as(one.getReplyString()).isTrue();
      byte[] kept = read.toByteArray();
      assertThat(kept).as("one of the two, whole").satisfiesAnyOf(k -> assertThat(k).isEqualTo(first), k -> assertThat(k).isEqualTo(second));
      one.sendCommand("HASH " + path);
      assertThat(one.getReplyString()).as("the register's digest is the kept file's")
          .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kept)));
    } finally {
      pool.shutdownNow();
      one.disconnect();
      two.disconnect();
    }
  }

  private static int store(FTPClient ftp, String path, byte[] bytes, CyclicBarrier together) {
    try {
      together.await(10, TimeUnit.SECONDS);
      ftp.storeFile(path, new ByteArrayInputStream(bytes));
      return ftp.getReplyCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] filled(byte b, int length) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, b);
    return bytes;
  }

  private RawFtp signedInRaw() throws IOException {
    RawFtp ftp = new RawFtp(server.port());
    assertThat(ftp.reply()).startsWith("220 ");
    assertThat(ftp.command("USER hostile-author")).startsWith("331 ");
    assertThat(ftp.command("PASS author-pass")).startsWith("230 ");
    return ftp;
  }

  private FTPClient signIn(String username, String password) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(10_000);
    ftp.setDataTimeout(Duration.ofSeconds(10));
    ftp.connect(InetAddress.getByName("127.0.0.1"), server.port());
    assertThat(ftp.login(username, password)).as(ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  private static Allocation allocation() {
    return new Allocation("A hostile-client contribution", "An organization", List.of(), null, List.of());
  }
}
