package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
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

/**
 * A venue behind one NAT: 200 delegates share one public address, each listing the incoming folder and downloading a
 * small document, all at once, against a passive range of 100 ports (the README recommends 50000-50100), whose cap per
 * address is half of it. Measured on loopback with Commons Net; every reply that is not a success is counted by code.
 * The connection cap per address is raised to let them all in (at its default, 20, the 21st delegate is refused at
 * connect with 421 before any passive port is asked for: the README's FTP configuration says so).
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-venue-nat;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/venue-nat-${random.uuid}",
    "plenary.ftp.passive-ports=19900-19999",
    "plenary.ftp.max-connections-per-address=250",
    "plenary.sign-in.max-failures-per-address=1000"})
class FtpVenueBehindOneAddressTests {

  static final int DELEGATES = 200;
  static final int ROUNDS = 3;

  @Autowired FtpServer server;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  @Test
  void twoHundredDelegatesBehindOneAddressListAndDownloadWithoutA425() throws Exception {
    groups.create(new GroupDraft("nat", "FG NAT", "Focus Group behind one address", null, null, "English", 12, null, null,
        List.of(), List.of(), List.of()));
    meetings.schedule("nat", new MeetingDraft("m1", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
        LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
    accounts.create(new NewAccount("nat-author", "author@nat.example", "Author", null, null, Set.of()), "author-pass", false);
    var author = tokens.authenticate(tokens.issue(accounts.find("nat-author").orElseThrow().id(), "t").token()).orElseThrow();
    Contribution c = desk.allocate("nat", "m1", new Allocation("Small", "Org", List.of(), null, List.of()), author);
    byte[] small = new byte[20_000];
    new java.util.Random(3).nextBytes(small);
    desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(small), author);
    String folder = "/t/fg/nat/docs/incoming";
    String file = folder + "/" + c.number() + ".pdf";

    Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch ready = new CountDownLatch(DELEGATES);
    CountDownLatch go = new CountDownLatch(1);
    try (var delegates = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int d = 0; d < DELEGATES; d++) {
        delegates.submit(() -> {
          FTPClient ftp = new FTPClient();
          ftp.setDefaultTimeout(60_000);
          try {
            ftp.connect("127.0.0.1", server.port());
            ready.countDown();
            go.await();
            if (!ftp.login("anonymous", "delegate@venue.example")) {
              refused.computeIfAbsent("sign-in " + ftp.getReplyCode(), k -> new AtomicInteger()).incrementAndGet();
              return null;
            }
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            for (int round = 0; round < ROUNDS; round++) {
              String[] names = ftp.listNames(folder);
              if (names == null) {
                refused.computeIfAbsent("list " + ftp.getReplyCode(), k -> new AtomicInteger()).incrementAndGet();
              }
              var out = new ByteArrayOutputStream();
              if (!ftp.retrieveFile(file, out) || out.size() != small.length) {
                refused.computeIfAbsent("retr " + ftp.getReplyCode(), k -> new AtomicInteger()).incrementAndGet();
              } else {
                done.incrementAndGet();
              }
            }
            ftp.logout();
          } catch (Exception e) {
            ready.countDown();
            refused.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
          } finally {
            try {
              ftp.disconnect();
            } catch (java.io.IOException ignored) {
              // closing
            }
          }
          return null;
        });
      }
      assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
      go.countDown();
    }
    System.out.println("venue behind one address: " + DELEGATES + " delegates x " + ROUNDS + " rounds, downloads done "
        + done.get() + ", refused " + refused);
    assertThat(refused).as("refusals by code").isEmpty();
    assertThat(done.get()).isEqualTo(DELEGATES * ROUNDS);
  }
}
