package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.AgendaItem;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Announcements go through a real SMTP server (GreenMail) and stay in the outbox marked SENT. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-mail;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=14025",
    "plenary.mail.from=tsb@plenary.example",
    "plenary.base-url=https://plenary.example",
    "plenary.ftp.enabled=false",
    "plenary.ftp.port=2121"})
class MeetingAnnouncementsIntegrationTests {

  // A port of its own (CircularMailIntegrationTests has 3025): the test classes run in parallel forks.
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(14025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired JdbcClient jdbc;
  @Autowired ContributionDesk desk;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  @Test
  void announcesANewMeetingToTheGroupsMailingListOverSmtp() throws Exception {
    groups.create(new GroupDraft("mailtest", "FG Mail", "Focus Group on Mail", null, null, "English", 12,
        "tsb@plenary.example", "fg-mail@lists.plenary.example", List.of(), List.of(), List.of()));
    meetings.schedule("mailtest", new MeetingDraft(null, LocalDate.of(2040, 6, 14), LocalDate.of(2040, 6, 16),
        "Europe/Zurich", "ITU Headquarters, Geneva", "Place des Nations", "gva", LocalTime.of(9, 30),
        LocalTime.of(8, 30), "Montbrillant building entrance", null, "English", true, true, null, null, null, null, LatePolicy.FLAG,
        List.of(), List.of()));

    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("FG Mail meeting, ITU Headquarters, Geneva, 14–16 June 2040");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("fg-mail@lists.plenary.example");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("tsb@plenary.example");
    String body = (String) mail.getContent();
    assertThat(body).contains("Registration begins at 08:30 at Montbrillant building entrance.");
    assertThat(body).contains("Contributions: Monday 4 June 2040, 23:59 CEST (Europe/Zurich)");
    assertThat(body).contains("https://plenary.example/groups/mailtest/meetings/4006-gva");

    // The listener commits its outbox row just after the SMTP server accepted the message.
    java.time.Instant until = java.time.Instant.now().plusSeconds(10);
    List<String> status = List.of();
    while (!status.equals(List.of("SENT")) && java.time.Instant.now().isBefore(until)) {
      Thread.sleep(50);
      status = jdbc.sql("SELECT status FROM mail_messages WHERE subject LIKE 'FG Mail%'").query(String.class).list();
    }
    assertThat(status).containsExactly("SENT");
  }

  @Test
  void confirmsANumberAndSaysHowToUploadThenReportsTheRejection() throws Exception {
    groups.create(new GroupDraft("numbers", "FG Numbers", "Focus Group on Numbers", null, null, "English", 12, null, null,
        List.of(), List.of(), List.of()));
    meetings.schedule("numbers", new MeetingDraft("next", java.time.LocalDate.now().plusDays(30),
        java.time.LocalDate.now().plusDays(31), "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English",
        false, true, null, null, null, null, LatePolicy.FLAG, List.of(), List.of()));
    accounts.create(new NewAccount("delegate", "delegate@orange.example", "Delegate", null, null, java.util.Set.of()),
        "delegate-pass", false);
    accounts.create(new NewAccount("clerk", "clerk@plenary.example", "Clerk", null, null,
        java.util.Set.of(org.plenary.account.Role.SECRETARIAT)), "clerk-pass", false);
    var delegate = tokens.authenticate(tokens.issue(accounts.find("delegate").orElseThrow().id(), "t").token()).orElseThrow();
    var clerk = tokens.authenticate(tokens.issue(accounts.find("clerk").orElseThrow().id(), "t").token()).orElseThrow();

    var contribution = desk.allocate("numbers", "next", new Allocation("Proposal", "Orange", List.of(), null, List.of()), delegate);
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage allocated = smtp.getReceivedMessages()[0];
    assertThat(allocated.getSubject()).isEqualTo("Document number FG-Numbers-I-0001: Proposal");
    assertThat(allocated.getAllRecipients()[0].toString()).isEqualTo("delegate@orange.example");
    assertThat((String) allocated.getContent()).contains("has the number FG-Numbers-I-0001",
        "ftp://plenary.example:2121/t/fg/numbers/docs/incoming/", "https://plenary.example/documents/FG-Numbers-I-0001");

    desk.upload(contribution.number(), contribution.number() + ".txt",
        new java.io.ByteArrayInputStream("draft".getBytes()), delegate);
    desk.reject(contribution.number(), "Please use the template.", clerk);
    assertThat(smtp.waitForIncomingEmail(10_000, 3)).isTrue();
    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
        .contains("Received: FG-Numbers-I-0001.txt", "Rejected: FG-Numbers-I-0001.txt");
    MimeMessage rejected = java.util.Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> { try { return m.getSubject().startsWith("Rejected"); } catch (Exception e) { return false; } })
        .findFirst().orElseThrow();
    assertThat((String) rejected.getContent()).contains("Reason: Please use the template.");

    // A version the secretariat takes back is told to its sender, as a rejection is.
    desk.upload(contribution.number(), contribution.number() + ".txt",
        new java.io.ByteArrayInputStream("a wrong file".getBytes()), delegate);
    desk.takeBack(contribution.number(), List.of(), clerk);
    assertThat(smtp.waitForIncomingEmail(10_000, 5)).isTrue();
    MimeMessage takenBack = java.util.Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> { try { return m.getSubject().startsWith("Taken back"); } catch (Exception e) { return false; } })
        .findFirst().orElseThrow();
    assertThat(takenBack.getSubject()).isEqualTo("Taken back: FG-Numbers-I-0001.txt");
    assertThat(takenBack.getAllRecipients()[0].toString()).isEqualTo("delegate@orange.example");
    assertThat((String) takenBack.getContent()).contains("by Clerk", "The number FG-Numbers-I-0001 stays allocated",
        "https://plenary.example/documents/FG-Numbers-I-0001");
  }

  @Test
  void agendaChangesAreNotAnnouncedAgain() throws Exception {
    groups.create(new GroupDraft("quiet", "FG Quiet", "Focus Group on Quiet", null, null, "English", 12, null,
        "fg-quiet@lists.plenary.example", List.of(), List.of(), List.of()));
    meetings.schedule("quiet", new MeetingDraft(null, LocalDate.of(2041, 3, 1), LocalDate.of(2041, 3, 2),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null, null, LatePolicy.FLAG,
        List.of(), List.of()));
    meetings.replaceAgenda("quiet", "4103-gva", List.of(new AgendaItem("Opening", null)));

    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    Thread.sleep(500);
    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
        .containsExactly("FG Quiet meeting, Geneva, 1–2 March 2041");
  }
}
