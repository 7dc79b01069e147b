package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
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

/** The control connection's idle timeout (4 s here) counts silence outside transfers only. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-ftp-timeouts;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.idle-timeout=4s"})
class FtpTimeoutTests {

  @Autowired FtpServer server;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  /**
   * A download slower than the idle timeout, then a pause shorter than it: the session stays. The idle
   * clock ran from the last command line, so an event that fell during the transfer was skipped and the
   * next came one timeout after it, whenever the transfer ended: here 1 s after the "226" (the download
   * ends about 6.5 s after RETR, the clock's second tick is at 8 s), and a client that paused 2.5 s after
   * its download, well inside the 4 s allowed, found the session closed with 421.
   */
  @Test
  void theIdleTimeoutCountsFromTheEndOfTheLastTransfer() throws Exception {
    groups.create(new GroupDraft("idle", "FG Idle", "Focus Group on Idleness", null, null, "English", 12, null, null,
        List.of(), List.of(), List.of()));
    meetings.schedule("idle", new MeetingDraft("m1", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
        LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
    accounts.create(new NewAccount("idle-author", "author@idle.example", "Author", null, null, Set.of()), "author-pass",
        false);
    var author = tokens.authenticate(tokens.issue(accounts.find("idle-author").orElseThrow().id(), "t").token())
        .orElseThrow();
    Contribution c = desk.allocate("idle", "m1", new Allocation("Slow", "Org", List.of(), null, List.of()), author);
    byte[] content = new byte[16 * 1024 * 1024];
    new Random(3).nextBytes(content);
    String name = c.number() + ".zip";
    desk.upload(c.number(), name, new ByteArrayInputStream(content), author);

    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(20_000);
    ftp.setDataTimeout(Duration.ofSeconds(20));
    ftp.setReceieveDataSocketBufferSize(4096);
    ftp.connect(InetAddress.getByName("127.0.0.1"), server.port());
    try {
      assertThat(ftp.login("idle-author", "author-pass")).as(ftp.getReplyString()).isTrue();
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      long asked = System.nanoTime();
      InputStream in = ftp.retrieveFileStream("/t/fg/idle/docs/incoming/" + name);
      assertThat(in).as(ftp.getReplyString()).isNotNull();
      Thread.sleep(6_500); // the client reads nothing: the server waits with the rest of the file
      long read = in.transferTo(java.io.OutputStream.nullOutputStream());
      in.close();
      assertThat(read).isEqualTo(content.length);
      assertThat(ftp.completePendingCommand()).as(ftp.getReplyString()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("the download outlasted the idle timeout")
          .isBetween(Duration.ofMillis(6_400), Duration.ofMillis(7_900));
      Thread.sleep(2_500);
      assertThat(ftp.sendNoOp()).as("2.5 s after a transfer, within the 4 s allowed: %s", ftp.getReplyString()).isTrue();
      Thread.sleep(5_000);
      assertThatThrownBy(ftp::sendNoOp).as("silent for 5 s: 421, closed").isInstanceOf(FTPConnectionClosedException.class)
          .hasMessageContaining("421");
    } finally {
      ftp.disconnect();
    }
  }
}
