package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringWriter;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfTextExtractor;
import org.plenary.pdf.PdfWords;
import org.plenary.web.ApiTokens;
import org.plenary.web.Dispositions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The confirmation and the visa letter in the participant's language (their account's) and in the
 * one asked for with {@code ?lang=}: read back with PDFBox ({@link PdfTextExtractor}) and compared,
 * in logical order, with the sentences of the {@code pdf} bundle, the letter's legal wording included.
 */
@DemoTest
class DocumentLanguagesTests {

  private static final Locale CHINESE = Locale.CHINESE;
  private static final Locale ARABIC = Locale.forLanguageTag("ar");

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccountDirectory accounts;
  @Autowired JdbcClient jdbc;
  @Autowired MessageSource messages;
  @Autowired MeetingCatalog meetings;
  @Autowired org.plenary.group.GroupCatalog groups;

  @Test
  void confirmationAndLetterComeInTheParticipantsChineseAndInArabicWhenAsked() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    LocalDate start = meetings.get("cloud", code).startDate();
    long orange = organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange")).findFirst()
        .orElseThrow().id().value();
    if (accounts.find("lin").isEmpty()) {
      accounts.create(new NewAccount("lin", "lin@orange.example", "Lin Wei", new OrganizationId(orange), "CN",
          java.util.Set.of()), "lin-pass-123", false);
      jdbc.sql("UPDATE accounts SET language = 'zh' WHERE username = 'lin'").update();
    }
    String lin = tokens.bearer("lin");
    var meeting = meetings.get("cloud", code);
    var group = groups.get(meeting.groupId());
    String registration = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations")
            .header("Authorization", lin).contentType(MediaType.APPLICATION_JSON)
            .content("{\"fullName\": \"Lin Wei\", \"email\": \"lin@orange.example\", \"organizationId\": " + orange
                + ", \"countryCode\": \"CN\", \"attendance\": \"IN_PERSON\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    long registrationId = Long.parseLong(registration.replaceAll(".*\"id\":(\\d+).*", "$1"));
    String number = mvc.perform(post("/api/v1/registrations/" + registrationId + "/approve")
            .header("Authorization", tokens.bearer("focal")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()
        .replaceAll(".*\"registrationNumber\":\"([^\"]+)\".*", "$1");

    var confirmation = mvc.perform(get("/api/v1/registrations/" + registrationId + "/confirmation.pdf")
        .header("Authorization", lin)).andExpect(status().isOk()).andReturn().getResponse();
    // Named in the participant's language too, the ASCII name and the number unchanged.
    assertThat(Dispositions.of(confirmation.getHeader("Content-Disposition")))
        .isEqualTo(new Dispositions("inline", "registration-" + number + ".pdf", "注册确认-" + number + ".pdf"));
    String chinese = text(confirmation.getContentAsByteArray());
    var zh = new PdfWords(messages, CHINESE);
    assertThat(chinese).contains(flat(zh.say("pdf.confirmation.title", number)), flat(zh.say("pdf.confirmation.union")),
        flat(zh.labelled(zh.say("pdf.confirmation.number"), number)), flat(zh.say("pdf.confirmation.attendance.IN_PERSON")),
        flat(zh.labelled(zh.say("pdf.confirmation.country"), zh.country("CN"))), flat(zh.say("pdf.confirmation.showAtDesk")),
        flat(meeting.dates(CHINESE)));
    assertThat(chinese).contains("注册确认", "中国").doesNotContain("Registration");

    String arabic = text(mvc.perform(get("/api/v1/registrations/" + registrationId + "/confirmation.pdf")
        .queryParam("lang", "ar").header("Authorization", lin)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray());
    var ar = new PdfWords(messages, ARABIC);
    // Whole sentences read back in logical order; a line that starts with a Latin value ("2701-GVA-0001  :رقم التسجيل"
    // painted right to left) comes back from PDFBox with its runs left to right, so labels and values are checked apart.
    assertThat(arabic).contains(flat(ar.say("pdf.confirmation.union")), flat(ar.say("pdf.confirmation.showAtDesk")),
        flat(ar.labelled(ar.say("pdf.confirmation.attendance"), ar.say("pdf.confirmation.attendance.IN_PERSON"))),
        flat(ar.labelled(ar.say("pdf.confirmation.country"), ar.country("CN"))), flat(ar.say("pdf.confirmation.number")), number,
        "تأكيدالتسجيل");
    assertThat(arabic).doesNotContain("Registration", "Participant", "Show this");

    String filed = mvc.perform(post("/api/v1/registrations/" + registrationId + "/visa").header("Authorization", lin)
            .contentType(MediaType.APPLICATION_JSON).content("""
                {"fullName": "Lin Wei", "function": "Engineer", "birthDate": "1984-03-07", "birthPlace": "Chengdu",
                 "nationality": "Chinese", "passportNumber": "E7654321", "issuingCountry": "China",
                 "issuedOn": "2022-01-01", "expiresOn": "%s", "mission": "Embassy of Switzerland in Beijing"}"""
                .formatted(start.plusYears(2))))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    long id = Long.parseLong(filed.replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1"));
    String approved = mvc.perform(post("/api/v1/visa/" + id + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String reference = approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");

    String letterZh = text(mvc.perform(get("/api/v1/visa/" + id + "/letter.pdf").header("Authorization", lin))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
    assertThat(letterZh).contains(flat(zh.say("pdf.visa.union")), flat(zh.say("pdf.visa.heading", "Lin Wei")),
        flat(zh.say("pdf.visa.body", number, group.name(), group.acronym(), meeting.venueName(),
            meeting.dates(CHINESE))),
        flat(zh.labelled(zh.say("pdf.visa.birthDate"), zh.date(LocalDate.of(1984, 3, 7)))),
        flat(zh.say("pdf.visa.mission", "Embassy of Switzerland in Beijing")), reference, "E7654321");

    var letter = mvc.perform(get("/api/v1/visa/" + id + "/letter.pdf").queryParam("lang", "ar")
        .header("Authorization", lin)).andExpect(status().isOk()).andReturn().getResponse();
    assertThat(Dispositions.of(letter.getHeader("Content-Disposition")))
        .isEqualTo(new Dispositions("inline", "visa-support-" + id + ".pdf", "رسالة-دعم-التأشيرة-" + id + ".pdf"));
    String letterAr = text(letter.getContentAsByteArray());
    assertThat(letterAr).contains(flat(ar.say("pdf.visa.union")), reference, flat(ar.say("pdf.visa.passportNumber")),
        "E7654321", flat(ar.labelled(ar.say("pdf.visa.birthDate"), ar.date(LocalDate.of(1984, 3, 7)))), "يشهد مكتب تقييس الاتصالات بأن الشخص المذكور أدناه مسجل".replace(" ", ""));
    assertThat(letterAr).doesNotContain("Visa", "Telecommunication");
  }

  /** The extracted text without its spaces and line breaks, in logical order. */
  private static String text(byte[] pdf) throws Exception {
    var file = Files.createTempFile("plenary-pdf", ".pdf");
    try {
      Files.write(file, pdf);
      var out = new StringWriter();
      PdfTextExtractor.extract(file, out);
      return flat(out.toString());
    } finally {
      Files.delete(file);
    }
  }

  /** Lines wrap anywhere in Chinese and at spaces elsewhere: compared without white space. */
  private static String flat(String text) {
    return text.replaceAll("[\\s\\u2066-\\u2069]+", "");
  }
}
