package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Files Plenary writes for a person are named in their language and keep an ASCII name with the same
 * number and codes (RFC 6266: {@code filename} and {@code filename*}); a CSV asked for in a language has its
 * header and its words (states, yes/no, categories) in it, the same CSV without {@code ?lang=} keeps the
 * column codes scripts read, and the numbers and codes are the same in both.
 */
@DemoTest
class DownloadLanguageTests {

  @Autowired MockMvc mvc;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired UserDetailsService users;

  @Test
  void theCircularTermsProgressReportAndHotelPdfsAreNamedInTheirLanguage() throws Exception {
    String circulars = mvc.perform(get("/api/v1/groups/cloud/meetings/1006-gva/circulars")).andReturn().getResponse()
        .getContentAsString();
    int c114 = JsonPath.<List<Integer>>read(circulars, "$[?(@.number == 'TSB Circular 114')].id").getFirst();
    assertThat(named(get("/circulars/" + c114 + ".pdf").queryParam("lang", "fr")))
        .isEqualTo(new Dispositions("inline", "TSB-Circular-114-fr.pdf", "Circulaire TSB 114-fr.pdf"));
    assertThat(named(get("/api/v1/circulars/" + c114 + ".pdf").queryParam("lang", "zh")).readable())
        .isEqualTo("电信标准化局第114号通函-zh.pdf");

    assertThat(named(get("/api/v1/groups/cloud/terms.pdf").queryParam("lang", "ar")))
        .isEqualTo(new Dispositions("inline", "cloud-terms.pdf", "cloud-المصطلحات-والتعاريف.pdf"));
    assertThat(named(get("/api/v1/groups/cloud/progress-report.pdf").param("from", "2010-01-01").param("to", "2011-12-31")
            .header("Authorization", tokens.bearer("chair")).header("Accept-Language", "ru")))
        .isEqualTo(new Dispositions("inline", "cloud-progress-report-2010-01-01-2011-12-31.pdf",
            "cloud-отчет-о-ходе-работы-2010-01-01-2011-12-31.pdf"));
    assertThat(named(get("/groups/cloud/progress-report.pdf").param("from", "2010-01-01").param("to", "2011-12-31")
            .with(user(users.loadUserByUsername("chair"))).locale(Locale.ENGLISH)))
        .isEqualTo(new Dispositions("inline", "cloud-progress-report-2010-01-01-2011-12-31.pdf",
            "cloud-progress-report-2010-01-01-2011-12-31.pdf"));

    long hotel = meetings.get("cloud", "1006-gva").hotels().getFirst().id();
    assertThat(named(post("/groups/cloud/meetings/1006-gva/hotel-form").with(csrf()).queryParam("lang", "es")
            .param("hotel", String.valueOf(hotel)).param("room", "SINGLE").param("rooms", "1")
            .param("arrival", "2010-06-13").param("departure", "2010-06-17").param("familyName", "García")
            .param("firstName", "Ana").param("email", "ana@example.org")))
        .isEqualTo(new Dispositions("attachment", "hotel-confirmation-1006-gva.pdf",
            "formulario-de-reserva-de-hotel-1006-gva.pdf"));
  }

  @Test
  void theRegisterCsvSpeaksTheLanguageAskedAndKeepsItsCodesWithoutOne() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String number = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/contributions")
            .header("Authorization", tokens.bearer("alice")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"Tableur\", \"source\": \"Orange\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()
        .replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");

    String codes = csv(get("/groups/cloud/meetings/" + code + "/documents.csv").locale(Locale.FRENCH));
    assertThat(codes.lines().findFirst().orElseThrow()).startsWith("number,title,source,agenda_items,status,");
    assertThat(row(codes, number)).contains(",ALLOCATED,", ",false,");

    String french = csv(get("/groups/cloud/meetings/" + code + "/documents.csv").queryParam("lang", "fr"));
    assertThat(french.lines().findFirst().orElseThrow())
        .startsWith("\"Numéro\",\"Titre\",\"Source\",\"Points de l’ordre du jour\",\"État\",")
        .contains("\"Reçu (heure de la réunion)\"", "\"Révision (version en attente)\"");
    assertThat(row(french, number)).startsWith("\"" + number + "\",\"Tableur\",\"Orange\"")
        .contains("\"numéro attribué, pas encore déposée\"", "\"non\"").doesNotContain("ALLOCATED", "false");

    String arabic = csv(get("/groups/cloud/meetings/" + code + "/documents.csv").queryParam("lang", "ar"));
    assertThat(arabic.lines().findFirst().orElseThrow()).startsWith("\"الرقم\",\"العنوان\"");
    assertThat(row(arabic, number)).contains("\"لا\"").doesNotContain("ALLOCATED");
  }

  @Test
  void theTermsAndLivingListCsvsNameTheirColumnsInTheLanguageAsked() throws Exception {
    String codes = csv(get("/api/v1/groups/cloud/terms.csv").header("Accept-Language", "zh"));
    assertThat(codes.lines().findFirst().orElseThrow()).isEqualTo("term,definition,source,note,status,agreed_at,"
        + "superseded_by,related,version,translations");
    assertThat(codes).containsAnyOf("\"PROPOSED\"", "\"AGREED\"");
    String chinese = csv(get("/api/v1/groups/cloud/terms.csv").queryParam("lang", "zh"));
    assertThat(chinese.lines().findFirst().orElseThrow()).startsWith("\"术语\",\"定义\",\"来源\"");
    assertThat(chinese).doesNotContain("\"PROPOSED\"", "\"AGREED\"");
    assertThat(chinese.lines().count()).isEqualTo(codes.lines().count());

    assertThat(csv(get("/api/v1/groups/cloud/living-list.csv").queryParam("lang", "ru")).lines().findFirst().orElseThrow())
        .isEqualTo("\"Организация\",\"Группа\",\"Веб-адрес\",\"Темы\",\"Контакт\",\"Последний пересмотр\","
            + "\"Заявления о взаимодействии\"");
    assertThat(csv(get("/api/v1/groups/cloud/living-list.csv")).lines().findFirst().orElseThrow())
        .isEqualTo("organization,group,url,topics,contact,last_reviewed,liaisons");
  }

  @Test
  void theRegisterPageLinksItsCsvInTheReadersLanguage() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    assertThat(mvc.perform(get("/groups/cloud/meetings/" + code + "/documents").locale(Locale.CHINESE)).andReturn()
        .getResponse().getContentAsString()).contains("/documents.csv?lang=zh\"");
  }

  private Dispositions named(RequestBuilder request) throws Exception {
    return Dispositions.of(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
        .getHeader(HttpHeaders.CONTENT_DISPOSITION));
  }

  private String csv(RequestBuilder request) throws Exception {
    var response = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
    response.setCharacterEncoding("UTF-8");
    return response.getContentAsString();
  }

  private static String row(String csv, String number) {
    return csv.lines().filter(l -> l.startsWith("\"" + number + "\"")).findFirst().orElseThrow();
  }
}
