package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.Deadline;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.registration.Attendance;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationForm;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each mail is written in its recipient's language over real SMTP (GreenMail): a participant whose
 * account says {@code ru} reads the registration and document-number mails in Russian, an account
 * without a language reads English, and the group's list address gets the announcement in English.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-mail-language;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=13025",
    "plenary.mail.from=tsb@plenary.example",
    "plenary.base-url=https://plenary.example",
    "plenary.ftp.enabled=false",
    "plenary.ftp.port=2121"})
class RecipientLanguageMailTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(13025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired RegistrationDesk registrations;
  @Autowired ContributionDesk contributions;
  @Autowired JdbcClient jdbc;
  @Autowired Recipients recipients;

  @Test
  void anAddressIsMatchedToItsAccountWhateverItsCase() {
    accounts.create(new NewAccount("olga", "Olga.Ivanova@Rostelecom.example", "Ольга Иванова", null, "RU", Set.of()),
        "olga-pass-1", false);
    accounts.create(new NewAccount("pierre", "pierre@orange.example", "Pierre Martin", null, "FR", Set.of()),
        "pierre-pass-1", false);
    jdbc.sql("UPDATE accounts SET language = 'ru' WHERE username = 'olga'").update();
    jdbc.sql("UPDATE accounts SET language = 'fr' WHERE username = 'pierre'").update();
    assertThat(recipients.languages(List.of("OLGA.IVANOVA@ROSTELECOM.EXAMPLE", "Pierre@Orange.example",
        "fg-lang@lists.plenary.example")))
        .containsOnly(java.util.Map.entry("olga.ivanova@rostelecom.example", "ru"), java.util.Map.entry("pierre@orange.example", "fr"));
  }

  @Test
  void aRussianParticipantReadsRussianAnEnglishOneEnglishAndTheListEnglish() throws Exception {
    var org = organizations.create("Rostelecom Lang", OrganizationCategory.SECTOR_MEMBER, "RU");
    accounts.create(new NewAccount("ivan", "ivan@rostelecom.example", "Иван Петров", org, "RU", Set.of()), "ivan-pass-1", false);
    accounts.create(new NewAccount("emma", "emma@rostelecom.example", "Emma Stone", org, "GB", Set.of()), "emma-pass-1", false);
    jdbc.sql("UPDATE accounts SET language = 'ru' WHERE username = 'ivan'").update();
    groups.create(new GroupDraft("lang", "FG Lang", "Focus Group on Languages", null, null, "English", 12,
        "tsb@plenary.example", "fg-lang@lists.plenary.example", List.of(), List.of(), List.of()));
    var meeting = meetings.schedule("lang", new MeetingDraft(null, LocalDate.now().plusDays(40), LocalDate.now().plusDays(42),
        "Europe/Zurich", "ITU Headquarters, Geneva", null, "gva", null, null, null, null, "English", false, true, null,
        null, LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of()));
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage announcement = smtp.getReceivedMessages()[0];
    assertThat(announcement.getSubject()).startsWith("FG Lang meeting, ITU Headquarters, Geneva");
    assertThat(body(announcement)).contains("Details, registration and documents:");
    smtp.purgeEmailFromAllMailboxes();

    var form = new RegistrationForm();
    form.setFullName("Иван Петров");
    form.setEmail("ivan@rostelecom.example");
    form.setOrganizationId(org.value());
    form.setCountryCode("RU");
    form.setAttendance(Attendance.IN_PERSON);
    registrations.register("lang", meeting.code(), form, user("ivan"));
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage received = mailTo("ivan@rostelecom.example");
    assertThat(received.getSubject()).isEqualTo("Регистрация получена: Иван Петров, FG Lang " + meeting.code());
    assertThat(body(received)).contains("зарегистрировался(-лась) на собрание FG Lang",
        "Координатор организации или секретариат утверждает регистрацию здесь");
    smtp.purgeEmailFromAllMailboxes();

    String ivans = contributions.allocate("lang", meeting.code(), allocation("Языки"), user("ivan")).number();
    String emmas = contributions.allocate("lang", meeting.code(), allocation("Languages"), user("emma")).number();
    assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
    MimeMessage toIvan = mailTo("ivan@rostelecom.example");
    assertThat(toIvan.getSubject()).isEqualTo("Номер документа " + ivans + ": Языки");
    assertThat(body(toIvan)).contains("присвоен номер " + ivans, "Назовите файл " + ivans + ".docx")
        .doesNotContain("Name the file");
    // The deadline is written in the recipient's language, though the mail is sent outside any request.
    var deadline = meeting.deadline(Deadline.Kind.CONTRIBUTIONS);
    assertThat(body(toIvan)).contains(deadline.display(java.util.Locale.forLanguageTag("ru")))
        .doesNotContain(deadline.display(java.util.Locale.ENGLISH));
    MimeMessage toEmma = mailTo("emma@rostelecom.example");
    assertThat(toEmma.getSubject()).isEqualTo("Document number " + emmas + ": Languages");
    assertThat(body(toEmma)).contains("Name the file " + emmas + ".docx");
  }

  /**
   * A title at its longest (500 characters) is allocated and mailed: its mail's subject ("Document number …: " and the
   * title) is cut to the outbox's 500 with an ellipsis. It was refused with the allocation, a 400 naming no field.
   */
  @Test
  void aTitleAtItsLongestIsAllocatedAndItsMailsSubjectCutShort() throws Exception {
    var org = organizations.create("Longest Title Telecom", OrganizationCategory.SECTOR_MEMBER, "FR");
    accounts.create(new NewAccount("longest", "longest@title.example", "Long Title", org, "FR", Set.of()), "longest-pass-1", false);
    groups.create(new GroupDraft("longest", "FG Longest", "Focus Group on Long Titles", null, null, "English", 12,
        "tsb@plenary.example", null, List.of(), List.of(), List.of()));
    var meeting = meetings.schedule("longest", new MeetingDraft(null, LocalDate.now().plusDays(40), LocalDate.now().plusDays(42),
        "Europe/Zurich", "ITU Headquarters", null, "gva", null, null, null, null, "English", false, true, null,
        null, LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of()));
    smtp.purgeEmailFromAllMailboxes();
    String title = "Reference architecture ".repeat(22).substring(0, 499) + "Z";
    String number = contributions.allocate("longest", meeting.code(), allocation(title), user("longest")).number();
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    String subject = mailTo("longest@title.example").getSubject();
    assertThat(subject).hasSize(500).startsWith("Document number " + number + ": Reference architecture").endsWith("\u2026");
  }

  @Test
  void aChineseAndAnArabicParticipantReadTheDeadlinesZoneWithTheirOwnComma() throws Exception {
    var org = organizations.create("Punctuation Telecom", OrganizationCategory.SECTOR_MEMBER, "CN");
    accounts.create(new NewAccount("li", "li@punct.example", "李明", org, "CN", Set.of()), "li-pass-12", false);
    accounts.create(new NewAccount("amal", "amal@punct.example", "أمل", org, "EG", Set.of()), "amal-pass-12", false);
    jdbc.sql("UPDATE accounts SET language = 'zh' WHERE username = 'li'").update();
    jdbc.sql("UPDATE accounts SET language = 'ar' WHERE username = 'amal'").update();
    groups.create(new GroupDraft("punct", "FG Punct", "Focus Group on Punctuation", null, null, "English", 12,
        "tsb@plenary.example", null, List.of(), List.of(), List.of()));
    var meeting = meetings.schedule("punct", new MeetingDraft(null, LocalDate.now().plusDays(40), LocalDate.now().plusDays(42),
        "Europe/Zurich", "ITU Headquarters", null, "gva", null, null, null, null, "English", false, true, null,
        null, LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of()));
    smtp.purgeEmailFromAllMailboxes();
    contributions.allocate("punct", meeting.code(), allocation("标点"), user("li"));
    contributions.allocate("punct", meeting.code(), allocation("ترقيم"), user("amal"));
    assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
    assertThat(body(mailTo("li@punct.example"))).contains("，Europe/Zurich）").doesNotContain(", Europe/Zurich)")
        .doesNotContain(" (");
    assertThat(body(mailTo("amal@punct.example"))).contains("، Europe/Zurich)").doesNotContain(", Europe/Zurich)");
  }

  private static String body(MimeMessage message) throws Exception {
    return message.getContent().toString();
  }

  private MimeMessage mailTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow();
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  private static Allocation allocation(String title) {
    return new Allocation(title, "Rostelecom", List.of(), null, List.of());
  }
}
