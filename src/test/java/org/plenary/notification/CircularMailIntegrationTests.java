package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.CircularDesk;
import org.plenary.meeting.CircularDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.pdf.PdfText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** An issued circular reaches the group's list and each focal point over SMTP (GreenMail), its PDF attached. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-circular-mail;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=3025",
    "plenary.mail.from=tsb@plenary.example",
    "plenary.base-url=https://plenary.example",
    "plenary.ftp.enabled=false",
    "plenary.ftp.port=2121"})
class CircularMailIntegrationTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired CircularDesk circulars;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired Outbox outbox;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void mailsTheIssuedCircularWithItsPdfToTheListAndEveryFocalPoint() throws Exception {
    var orange = organizations.create("Orange Mail", OrganizationCategory.SECTOR_MEMBER, "FR");
    var etri = organizations.create("ETRI Mail", OrganizationCategory.SECTOR_MEMBER, "KR");
    organizations.appointFocalPoint(orange, accounts.create(new NewAccount("focal-o", "focal@orange.example", "Focal O",
        orange, "FR", Set.of()), "focal-pass", false));
    organizations.appointFocalPoint(etri, accounts.create(new NewAccount("focal-e", "focal@etri.example", "Focal E",
        etri, "KR", Set.of()), "focal-pass", false));
    jdbc.sql("UPDATE accounts SET language = 'fr' WHERE username = 'focal-e'").update();
    groups.create(new GroupDraft("circ", "FG Circ", "Focus Group on Circulars", null, null, "English", 12,
        "tsb@plenary.example", "fg-circ@lists.plenary.example", List.of(), List.of(), List.of()));
    var meeting = meetings.schedule("circ", new MeetingDraft(null, LocalDate.of(2042, 6, 14), LocalDate.of(2042, 6, 16),
        "Europe/Zurich", "ITU Headquarters, Geneva", null, "gva", LocalTime.of(9, 30), null, null, null, "English", true,
        true, null, null, null, null, LatePolicy.FLAG, List.of(), List.of()));
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    smtp.purgeEmailFromAllMailboxes();

    var draft = circulars.draft("circ", meeting.code(), new CircularDraft("TSB Circular 777", LocalDate.of(2042, 4, 1),
        "The Director", "", List.of()), "tsb");
    circulars.issue(draft.id(), Map.of(), "tsb");

    assertThat(smtp.waitForIncomingEmail(10_000, 3)).isTrue();
    MimeMessage[] mails = smtp.getReceivedMessages();
    var recipients = new ArrayList<String>();
    for (MimeMessage mail : mails) {
      recipients.add(mail.getAllRecipients()[0].toString());
      assertThat(mail.getAllRecipients()).hasSize(1);
      boolean french = mail.getAllRecipients()[0].toString().equals("focal@etri.example");
      assertThat(mail.getSubject()).isEqualTo(french
          ? "Circulaire TSB 777\u202f: réunion du FG Circ, ITU Headquarters, Geneva, 14–16 juin 2042"
          : "TSB Circular 777: FG Circ meeting, ITU Headquarters, Geneva, 14–16 June 2042");
      Multipart parts = (Multipart) mail.getContent();
      String body = (String) text(parts).getContent();
      assertThat(body).contains("https://plenary.example/circulars/" + draft.id().value(),
          (french ? "zh\u202f: " : "zh: ") + "https://plenary.example/circulars/" + draft.id().value() + ".pdf?lang=zh",
          "https://plenary.example/groups/circ/circulars.atom");
      BodyPart pdf = attachment(parts);
      // The attachment is named and written in the recipient's language, the number as a native reader says it.
      assertThat(pdf.getFileName()).isEqualTo(french ? "Circulaire TSB 777-fr.pdf" : "TSB Circular 777-en.pdf");
      assertThat(pdf.getContentType()).startsWith("application/pdf");
      assertThat(PdfText.of(pdf.getInputStream().readAllBytes()).stripped())
          .contains(french ? "Circulaire TSB 777" : "TSB Circular 777");
    }
    assertThat(recipients).containsExactlyInAnyOrder("fg-circ@lists.plenary.example", "focal@orange.example",
        "focal@etri.example");
    // The outbox keeps, in the attachment's place, a line in the recipient's language.
    var kept = outbox.latest(10).stream().filter(m -> m.subject().contains(" 777")).toList();
    assertThat(kept).filteredOn(m -> m.recipients().equals("focal@etri.example")).singleElement()
        .satisfies(m -> assertThat(m.body()).contains("Pièce jointe\u202f: Circulaire TSB 777-fr.pdf (").doesNotContain("Attached"));
    assertThat(kept).filteredOn(m -> m.recipients().equals("focal@orange.example")).singleElement()
        .satisfies(m -> assertThat(m.body()).contains("Attached: TSB Circular 777-en.pdf ("));
  }

  private static BodyPart text(Multipart parts) throws Exception {
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.getContent() instanceof Multipart inner) {
        return text(inner);
      }
      if (part.isMimeType("text/plain") && part.getFileName() == null) {
        return part;
      }
    }
    throw new AssertionError("no text part in " + Arrays.toString(new Object[] {parts}));
  }

  private static BodyPart attachment(Multipart parts) throws Exception {
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).getFileName() != null) {
        return parts.getBodyPart(i);
      }
    }
    throw new AssertionError("no attachment");
  }
}
