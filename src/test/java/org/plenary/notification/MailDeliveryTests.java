package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingAnnounced;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's delivery over a real SMTP server (GreenMail): a message the server could not take is
 * sent again later with its attachment, and an event delivered twice mails nobody twice.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-mail-delivery;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=17025",
    "plenary.mail.from=tsb@plenary.example",
    "plenary.base-url=https://plenary.example",
    "plenary.ftp.enabled=false",
    "plenary.ftp.port=2121"})
class MailDeliveryTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(17025, "127.0.0.1", "smtp"));

  @Autowired Mailer mailer;
  @Autowired Outbox outbox;
  @Autowired OutboxDelivery delivery;
  @Autowired MeetingAnnouncements announcements;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;

  @Test
  void aMailTheServerRefusedAtFirstIsSentAgainLaterWithItsAttachment() throws Exception {
    byte[] pdf = new byte[40_000];
    ThreadLocalRandom.current().nextBytes(pdf);
    smtp.stop();
    mailer.sendEach("Test:retry", List.of("focal@retry.example"),
        words -> new MailWords.Letter("Circular 7", "The circular is attached.\n"),
        language -> new Mailer.Attachment("circular-7.pdf", "application/pdf", pdf));
    MailMessage refused = only("Circular 7");
    assertThat(refused.status()).as("kept for another attempt").isEqualTo(MailMessage.Status.KEPT);
    assertThat(refused.error()).isNotBlank();
    assertThat(outbox.attempts(refused.id())).isEqualTo(1);
    assertThat(nextAttempt(refused.id())).isBetween(Instant.now().plusSeconds(30), Instant.now().plusSeconds(61));

    smtp.start();
    // Other tests' mails may still be in the outbox (a mail in flight when their server stopped): count only this one.
    assertThat(delivery.deliverLeftovers(Instant.now().plus(Duration.ofMinutes(3)))).isPositive();

    MimeMessage mail = received("retry.example");
    assertThat(mail.getSubject()).isEqualTo("Circular 7");
    assertThat(attachment(mail, "circular-7.pdf")).as("the same file as the first attempt").isEqualTo(pdf);
    assertThat(outbox.find(refused.id()).orElseThrow().status()).isEqualTo(MailMessage.Status.SENT);
  }

  @Test
  void aQuotedAddressWithACommaIsMailedWholeOnTheRetryToo() throws Exception {
    String quoted = "\"Smith, John\"@comma.example";
    smtp.stop();
    mailer.sendEach("Test:comma", List.of(quoted, "other@comma.example"),
        words -> new MailWords.Letter("Comma retry", "body\n"));
    MailMessage refused = only("Comma retry");
    assertThat(refused.to()).as("read back as kept").containsExactly(quoted, "other@comma.example");
    assertThat(refused.toLine()).isEqualTo(quoted + ", other@comma.example");

    smtp.start();
    delivery.deliverLeftovers(Instant.now().plus(Duration.ofMinutes(3)));
    assertThat(outbox.find(refused.id()).orElseThrow().status()).isEqualTo(MailMessage.Status.SENT);
    MimeMessage[] mails = smtp.getReceivedMessagesForDomain("comma.example");
    assertThat(mails).isNotEmpty();
    assertThat(List.of(mails[0].getRecipients(jakarta.mail.Message.RecipientType.TO)).stream()
        .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress()).toList())
        .containsExactly(quoted, "other@comma.example");
  }

  @Test
  void aMessageKeptBeforeOneAddressALineIsSplitOutsideQuotes() {
    var old = new MailMessage(1, Instant.now(), "\"Smith, John\"@x.example, b@y.example", "s", "b",
        MailMessage.Status.KEPT, null, null);
    assertThat(old.to()).containsExactly("\"Smith, John\"@x.example", "b@y.example");
    assertThat(new MailMessage(2, Instant.now(), "a@x.example", "s", "b", MailMessage.Status.KEPT, null, null).to())
        .containsExactly("a@x.example");
  }

  @Test
  void aMailStillRefusedAtItsFifthAttemptStaysFailed() {
    smtp.stop();
    mailer.sendEach("Test:refused", List.of("someone@refused.example"),
        words -> new MailWords.Letter("Never taken", "body\n"));
    MailMessage refused = only("Never taken");
    for (int attempt = 2; attempt <= SmtpHandover.MAX_ATTEMPTS; attempt++) {
      assertThat(outbox.find(refused.id()).orElseThrow().status()).isEqualTo(MailMessage.Status.KEPT);
      delivery.deliverLeftovers(Instant.now().plus(Duration.ofDays(1)));
      assertThat(outbox.attempts(refused.id())).isEqualTo(attempt);
    }
    assertThat(outbox.find(refused.id()).orElseThrow().status()).isEqualTo(MailMessage.Status.FAILED);
    delivery.deliverLeftovers(Instant.now().plus(Duration.ofDays(2)));
    assertThat(outbox.attempts(refused.id())).as("a failed message is not tried again").isEqualTo(SmtpHandover.MAX_ATTEMPTS);
  }

  @Test
  void anAnnouncementDeliveredAgainMailsTheListOnce() throws Exception {
    groups.create(new GroupDraft("twice", "FG Twice", "Focus Group on Twice", null, null, "English", 12,
        "tsb@plenary.example", "fg-twice@lists.plenary.example", List.of(), List.of(), List.of()));
    Meeting meeting = meetings.schedule("twice", new MeetingDraft(null, LocalDate.now().plusDays(60),
        LocalDate.now().plusDays(61), "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", true,
        true, null, null, null, null, LatePolicy.FLAG, List.of(), List.of()));
    assertThat(smtp.waitForIncomingEmail(20_000, 1)).as("the announcement").isTrue();

    // What a node does with an event publication left incomplete when it starts: the listener runs again.
    MeetingAnnouncements listener = AopTestUtils.getTargetObject(announcements);
    var again = new MeetingAnnounced(groups.get("twice").id(), meeting.id());
    transaction.executeWithoutResult(status -> listener.on(again));
    listener.on(again);

    assertThat(smtp.getReceivedMessagesForDomain("lists.plenary.example")).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE recipients = 'fg-twice@lists.plenary.example'")
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void anOccasionMailsEachRecipientOnceWhoeverElseItMails() throws Exception {
    mailer.sendEach("Test:once", List.of("a@one.example", "b@two.example"), words -> new MailWords.Letter("Once", "body\n"));
    mailer.sendEach("Test:once", List.of("A@one.example", "b@two.example"), words -> new MailWords.Letter("Once", "body\n"));
    mailer.sendEach("Test:once", List.of("a@one.example", "c@three.example"), words -> new MailWords.Letter("Once", "body\n"));
    mailer.sendEach("Test:other", List.of("a@one.example"), words -> new MailWords.Letter("Other", "body\n"));

    assertThat(subjectsTo("a@one.example")).containsExactlyInAnyOrder("Once", "Other");
    assertThat(subjectsTo("b@two.example")).containsExactly("Once");
    assertThat(subjectsTo("c@three.example")).containsExactly("Once");
  }

  @Test
  void aBatchMailsEachOccasionsRecipientsOnceAfterCommitAndNothingWhenDeliveredAgain() throws Exception {
    var batch = List.of(
        new Mailer.Outgoing("Test:batch:1", List.of("x@batch.example", "y@batch.example"), words -> new MailWords.Letter("Batch 1", "one\n")),
        new Mailer.Outgoing("Test:batch:2", List.of("x@batch.example", "X@batch.example"), words -> new MailWords.Letter("Batch 2", "two\n")),
        new Mailer.Outgoing("Test:batch:3", List.of("z@batch.example"), words -> new MailWords.Letter("Batch 3", "three\n")));
    mailer.sendEach("Test:batch:3", List.of("z@batch.example"), words -> new MailWords.Letter("Batch 3 before", "three\n"));
    assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();

    transaction.executeWithoutResult(status -> {
      mailer.sendAll(batch);
      assertThat(smtp.getReceivedMessagesForDomain("batch.example")).as("nothing handed over before the commit").hasSize(1);
    });
    mailer.sendAll(batch);

    assertThat(smtp.waitForIncomingEmail(20_000, 4)).isTrue();
    assertThat(subjectsTo("x@batch.example")).containsExactlyInAnyOrder("Batch 1", "Batch 2");
    assertThat(subjectsTo("y@batch.example")).containsExactly("Batch 1");
    assertThat(subjectsTo("z@batch.example")).containsExactly("Batch 3 before");
    assertThat(jdbc.sql("SELECT occasion || ' ' || recipient FROM mail_deliveries WHERE occasion LIKE 'Test:batch:%'")
        .query(String.class).list()).containsExactlyInAnyOrder("Test:batch:1 x@batch.example",
        "Test:batch:1 y@batch.example", "Test:batch:2 x@batch.example", "Test:batch:3 z@batch.example");
    assertThat(jdbc.sql("SELECT status FROM mail_messages WHERE subject LIKE 'Batch%'").query(String.class).list())
        .containsOnly("SENT").hasSize(3);
  }

  @Test
  void aQuotedNameNeitherStartsAHeaderNorReversesTheRestOfItsLine() throws Exception {
    // A name stored before web.StoredText: a line break to start a header of its own, a RIGHT-TO-LEFT OVERRIDE left open.
    String name = "Mallory\u202E\r\nBcc: victim@evil.example";
    mailer.sendEach("Test:hostile", List.of("ana@bücher.example"), words -> words.letter("notification.registration.received",
            new Object[] {name, "FG Cloud", "2701-gva"}, name, "FG Cloud", "Geneva", "1–2 June 2027",
            "https://plenary.example/registrations/1"),
        language -> new Mailer.Attachment("Circular\u202Efdp.exe\r\nX-Evil: 1.pdf", "application/pdf", new byte[] {1}));

    assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
    MimeMessage mail = received("xn--bcher-kva.example");
    assertThat(List.of(mail.getAllRecipients()).stream().map(Object::toString))
        .as("the domain in ASCII, and nobody else").containsExactly("ana@xn--bcher-kva.example");
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(mail.getHeader("X-Evil")).isNull();
    assertThat(smtp.getReceivedMessagesForDomain("evil.example")).isEmpty();
    assertThat(mail.getSubject()).doesNotContain("\r", "\n")
        .contains("Mallory\u202E Bcc: victim@evil.example\u202C, FG Cloud 2701-gva");
    assertThat(jdbc.sql("SELECT subject FROM mail_messages WHERE subject LIKE 'Registration received: Mallory%'")
        .query(String.class).single()).as("the outbox's subject is one line too").doesNotContain("\r", "\n");
    var texts = new java.util.ArrayList<String>();
    var files = new java.util.ArrayList<String>();
    parts(mail, texts, files);
    assertThat(texts).as("the override is closed where the name ends").singleElement().asString()
        .contains("victim@evil.example\u202C registered for the FG Cloud meeting");
    assertThat(files).containsExactly("Circular-fdp.exe-X-Evil- 1.pdf");
  }

  @Test
  void aQuotedNameWritesNoLinesOfItsOwnIntoTheBodyButAReasonKeepsItsLines() throws Exception {
    // A participant's own full name, typed with line breaks of every kind: a paragraph of their making in the
    // registration mail Plenary sends to the focal points of their organization.
    String name = "Mallory\n\nThe secretariat asks you to confirm your password at https://evil.example/\r\n"
        + "\u2028Sent by\u0085the secretariat\u2029\u000B";
    mailer.sendEach("Test:paragraph", List.of("focal@paragraph.example"), words -> words.letter(
        "notification.registration.received", new Object[] {name, "FG Cloud", "2701-gva"}, name, "FG Cloud", "Geneva",
        "1–2 June 2027", "https://plenary.example/registrations/1"));
    mailer.sendEach("Test:reason", List.of("owner@reason.example"), words -> words.letter(
        "notification.registration.rejected", new Object[] {"FG Cloud", "2701-gva"}, "FG Cloud", "1–2 June 2027",
        new MailWords.Block("Not a member.\nAsk your focal point.")));

    assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();
    var texts = new java.util.ArrayList<String>();
    parts(received("paragraph.example"), texts, new java.util.ArrayList<>());
    String body = texts.get(0).replace("\r\n", "\n");
    assertThat(body.lines().findFirst().orElseThrow()).as("the name and the sentence quoting it, on one line")
        .startsWith("Mallory The secretariat asks you to confirm your password at https://evil.example/ Sent by the secretariat")
        .contains("registered for the FG Cloud meeting");
    assertThat(body).doesNotContain("\u2028", "\u2029", "\u0085", "\u000B", "\n\nThe secretariat");
    var reasons = new java.util.ArrayList<String>();
    parts(received("reason.example"), reasons, new java.util.ArrayList<>());
    assertThat(reasons.get(0).replace("\r\n", "\n")).as("a reason written over several lines keeps them")
        .contains("Not a member.\nAsk your focal point.");
  }

  /** The plain texts and the names of the files of a message, however its parts nest. */
  private static void parts(Part part, List<String> texts, List<String> files) throws Exception {
    if (part.isMimeType("multipart/*")) {
      var parts = (Multipart) part.getContent();
      for (int i = 0; i < parts.getCount(); i++) {
        parts(parts.getBodyPart(i), texts, files);
      }
    } else if (part.getFileName() != null) {
      files.add(part.getFileName());
    } else if (part.isMimeType("text/plain")) {
      texts.add((String) part.getContent());
    }
  }

  /** The subjects of the distinct messages sent to this address (GreenMail keeps a copy per recipient). */
  private static List<String> subjectsTo(String address) throws Exception {
    var subjects = new java.util.LinkedHashMap<String, String>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (List.of(mail.getAllRecipients()).stream().anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
        subjects.put(mail.getMessageID(), mail.getSubject());
      }
    }
    return List.copyOf(subjects.values());
  }

  private MailMessage only(String subject) {
    return jdbc.sql("SELECT id FROM mail_messages WHERE subject = ?").param(subject).query(Long.class).list().stream()
        .map(id -> outbox.find(id).orElseThrow()).reduce((a, b) -> {
          throw new AssertionError("more than one message " + subject);
        }).orElseThrow();
  }

  private Instant nextAttempt(long id) {
    return jdbc.sql("SELECT next_attempt_at FROM mail_messages WHERE id = ?").param(id)
        .query(OffsetDateTime.class).single().toInstant();
  }

  private static MimeMessage received(String domain) {
    MimeMessage[] mails = smtp.getReceivedMessagesForDomain(domain);
    assertThat(mails).hasSize(1);
    return mails[0];
  }

  private static byte[] attachment(MimeMessage mail, String name) throws Exception {
    var parts = (Multipart) mail.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && name.equals(part.getFileName())) {
        var bytes = new ByteArrayOutputStream();
        part.getInputStream().transferTo(bytes);
        return bytes.toByteArray();
      }
    }
    throw new AssertionError("no attachment " + name);
  }
}
