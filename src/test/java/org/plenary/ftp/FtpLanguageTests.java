package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.apache.commons.net.ftp.FTPClient;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;

/**
 * RFC 2640 with a real client (Apache Commons Net): FEAT names the six languages, {@code LANG}
 * turns the sentences of the replies into the language asked for, in UTF-8, while the codes and the
 * parts clients parse (227, 229, 257) keep their format; without LANG the replies stay English.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-ftp;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.contributions.max-size=2MB",
    "plenary.ftp.failed-sign-in-delay=20ms",
    "plenary.ftp.data-timeout=5s"})
class FtpLanguageTests {

  @Autowired FtpServer server;
  @Autowired MessageSource messages;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  @Test
  void theDesksRefusalOfAnUploadIsSaidInTheSessionsLanguage() throws Exception {
    if (groups.find("ftplang").isEmpty()) {
      groups.create(new GroupDraft("ftplang", "FG FtpLang", "Focus Group on FTP Languages", null, null, "English", 12,
          null, null, List.of(), List.of(), List.of()));
      meetings.schedule("ftplang", new MeetingDraft("open", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
          "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
          LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
      accounts.create(new NewAccount("ftplang-a", "a@ftplang.example", "A", null, null, Set.of()), "a-pass-123", false);
      accounts.create(new NewAccount("ftplang-b", "b@ftplang.example", "B", null, null, Set.of()), "b-pass-123", false);
    }
    PlenaryUser a = tokens.authenticate(tokens.issue(accounts.find("ftplang-a").orElseThrow().id(), "test").token())
        .orElseThrow();
    String number = desk.allocate("ftplang", "open", new Allocation("Langues", "Orange", List.of(), null, List.of()), a)
        .number();
    FTPClient ftp = connect();
    assertThat(ftp.sendCommand("LANG", "fr")).isEqualTo(200);
    assertThat(ftp.login("ftplang-b", "b-pass-123")).isTrue();
    assertThat(ftp.getReplyString()).startsWith("230 Connecté en tant que ftplang-b.");
    ftp.enterLocalPassiveMode();
    assertThat(ftp.storeFile("/t/fg/ftplang/docs/incoming/" + number + ".docx",
        new java.io.ByteArrayInputStream("x".getBytes()))).isFalse();
    assertThat(ftp.getReplyString()).startsWith("553 " + number + " ne vous est pas attribué.");
    ftp.disconnect();
  }

  @Test
  void featListsTheSixLanguagesEnglishFirst() throws Exception {
    FTPClient ftp = connect();
    assertThat(ftp.features()).isTrue();
    assertThat(ftp.getReplyString()).contains(" LANG EN*;FR;ES;RU;ZH;AR");
    ftp.disconnect();
  }

  @Test
  void langFrenchAnswersInFrenchAndKeepsCodesAndParsedFormats() throws Exception {
    FTPClient ftp = connect();
    assertThat(ftp.sendCommand("LANG", "fr")).isEqualTo(200);
    assertThat(ftp.getReplyString()).isEqualTo("200 Langue choisie\u202f: français.");
    assertThat(ftp.login("anonymous", "guest@example.org")).isTrue();
    assertThat(ftp.getReplyString()).isEqualTo("230 " + say("ftp.pass.anonymous", Locale.FRENCH) + "");
    assertThat(ftp.getReplyString()).startsWith("230 Connexion anonyme");
    assertThat(ftp.printWorkingDirectory()).isEqualTo("/");
    assertThat(ftp.getReplyString()).isEqualTo("257 \"/\" est le dossier courant.");
    assertThat(ftp.changeWorkingDirectory("/t")).isTrue();
    assertThat(ftp.getReplyString()).isEqualTo("250 Le dossier courant est maintenant /t.");
    assertThat(ftp.changeWorkingDirectory("/nowhere")).isFalse();
    assertThat(ftp.getReplyString()).isEqualTo("550 Il n’y a pas de dossier /nowhere ici.");
    // The passive reply keeps "(h1,h2,h3,h4,p1,p2)" and the extended one "(|||port|)": the listings still work.
    ftp.enterLocalPassiveMode();
    assertThat(ftp.listNames("/t")).contains("fg");
    assertThat(ftp.getReplyString()).startsWith("226 Transfert terminé.");
    assertThat(ftp.sendCommand("PASV")).isEqualTo(227);
    assertThat(ftp.getReplyString()).matches("227 Passage en mode passif \\(\\d+,\\d+,\\d+,\\d+,\\d+,\\d+\\)\\.");
    assertThat(ftp.sendCommand("EPSV")).isEqualTo(229);
    assertThat(ftp.getReplyString()).matches("229 Passage en mode passif étendu \\(\\|\\|\\|\\d+\\|\\)\\.");
    ftp.setUseEPSVwithIPv4(true);
    assertThat(ftp.listNames("/t")).contains("fg");
    ftp.disconnect();
  }

  @Test
  void langChineseAndArabicRepliesAreUtf8() throws Exception {
    FTPClient ftp = connect();
    assertThat(ftp.sendCommand("LANG", "zh-CN")).isEqualTo(200);
    assertThat(ftp.getReplyString()).isEqualTo("200 语言已设为中文。");
    assertThat(ftp.sendCommand("NOOP")).isEqualTo(200);
    assertThat(ftp.sendCommand("PWD")).isEqualTo(530);
    assertThat(ftp.getReplyString()).isEqualTo("530 请先用 USER 和 PASS 登录。");
    assertThat(ftp.sendCommand("LANG", "AR")).isEqualTo(200);
    assertThat(ftp.getReplyString()).isEqualTo("200 " + say("ftp.lang", Locale.forLanguageTag("ar")) + "");
    assertThat(ftp.sendCommand("XYZZY")).isEqualTo(500);
    assertThat(ftp.getReplyString()).isEqualTo("500 الأمر XYZZY غير معروف هنا؛ يسرد HELP الأوامر.");
    ftp.disconnect();
  }

  @Test
  void unknownLanguageIs504AndRepliesStayInTheLanguageBefore() throws Exception {
    FTPClient ftp = connect();
    assertThat(ftp.sendCommand("LANG", "de")).isEqualTo(504);
    assertThat(ftp.getReplyString()).startsWith("504 Language de is not offered");
    assertThat(ftp.sendCommand("LANG", "ru")).isEqualTo(200);
    assertThat(ftp.sendCommand("LANG", "x-klingon")).isEqualTo(504);
    assertThat(ftp.getReplyString()).startsWith("504 Язык x-klingon не предлагается");
    assertThat(ftp.sendCommand("LANG")).isEqualTo(200);
    assertThat(ftp.getReplyString()).isEqualTo("200 Language set to English.");
    ftp.disconnect();
  }

  @Test
  void withoutLangTheRepliesStayEnglish() throws Exception {
    FTPClient ftp = connect();
    assertThat(ftp.getReplyString()).startsWith("220 Plenary FTP gateway.");
    assertThat(ftp.login("anonymous", "guest@example.org")).isTrue();
    assertThat(ftp.getReplyString()).isEqualTo("230 Signed in anonymously: you may read every public folder.");
    assertThat(ftp.printWorkingDirectory()).isEqualTo("/");
    assertThat(ftp.getReplyString()).isEqualTo("257 \"/\" is the current folder.");
    var out = new ByteArrayOutputStream();
    assertThat(ftp.retrieveFile("/t/missing.pdf", out)).isFalse();
    assertThat(ftp.getReplyString()).isEqualTo("550 There is no file or folder /t/missing.pdf here.");
    ftp.disconnect();
  }

  private String say(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }

  private FTPClient connect() throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setControlEncoding(StandardCharsets.UTF_8.name());
    ftp.setDefaultTimeout(10_000);
    ftp.setDataTimeout(Duration.ofSeconds(10));
    ftp.connect(InetAddress.getByName("127.0.0.1"), server.port());
    return ftp;
  }
}
