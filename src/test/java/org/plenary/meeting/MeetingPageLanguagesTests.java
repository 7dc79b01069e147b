package org.plenary.meeting;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.plenary.DemoMeetings;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.group.GroupCatalog;
import org.plenary.DemoTest;
import org.plenary.group.Days;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The meeting page in French and Arabic: translated words, agenda titles in the reader's language when given. */
@DemoTest
class MeetingPageLanguagesTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired org.springframework.security.core.userdetails.UserDetailsService users;

  @Test
  void theHomePageAndTheRegistrationFormWriteAComingMeetingsDatesInTheReadersLanguage() throws Exception {
    Meeting coming = DemoMeetings.upcomingMeeting(groups, meetings);
    for (Locale reader : new Locale[] {Locale.FRENCH, Locale.CHINESE, Locale.forLanguageTag("ar"), Locale.forLanguageTag("ru")}) {
      String dates = Days.range(coming.startDate(), coming.endDate(), reader);
      String english = coming.dates();
      mvc.perform(get("/").header("Accept-Language", reader.toLanguageTag()))
          .andExpect(status().isOk())
          .andExpect(content().string(allOf(containsString(dates), not(containsString(english)))));
      mvc.perform(get("/groups/cloud/meetings/" + coming.code() + "/register").header("Accept-Language", reader.toLanguageTag())
              .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername("alice"))))
          .andExpect(status().isOk())
          .andExpect(content().string(allOf(containsString(dates), not(containsString(english)))));
    }
  }

  @Test
  void frenchReaderSeesFrenchWordsAndTheFrenchAgendaTitlesWhereGiven() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("<html lang=\"fr\" dir=\"ltr\""), containsString("Projet d’ordre du jour"),
            containsString("Dates limites"), containsString("Hôtels offrant le tarif préférentiel"),
            containsString("<span class=\"title\" lang=\"fr\">Méthodes de travail</span>"),
            containsString("<span class=\"title\" lang=\"en\">Tools</span>"),
            containsString("14–16 juin 2010"),
            containsString("Affiché en anglais, langue de travail du groupe"),
            containsString("Informations pratiques"), containsString("id=\"practical-info\" lang=\"en\""),
            not(containsString("Draft agenda")))));
  }

  @Test
  void arabicReaderSeesArabicWordsRightToLeftWithTheEnglishAgendaMarkedEnglish() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva").header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("<html lang=\"ar\" dir=\"rtl\""), containsString("مشروع جدول الأعمال"),
            containsString("المواعيد النهائية"), containsString("رمز الاجتماع"),
            containsString("<span class=\"title\" lang=\"en\">Working methods</span>"),
            containsString("<bdi>1006-gva</bdi>"),
            containsString("يُعرض النص بلغة عمل الفريق (الإنجليزية)"),
            not(containsString("Deadlines")))));
  }

  @Test
  void chineseReaderSeesTheChineseAgendaTitles() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva").header("Accept-Language", "zh"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<span class=\"title\" lang=\"zh\">工作方法</span>"),
            containsString("<span class=\"title\" lang=\"zh\">审议文稿</span>"), containsString("议程草案"))));
  }

  @Test
  void englishReaderSeesTheWorkingLanguageAndNoNotice() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva").header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<span class=\"title\" lang=\"en\">Working methods</span>"),
            containsString("Draft agenda"), containsString("14–16 June 2010"),
            not(containsString("id=\"content-language\"")))));
  }

  @Test
  void theCircularPageSpeaksTheReadersLanguageAndOffersEachVersionNamedInItself() throws Exception {
    mvc.perform(get("/circulars/1").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Publiée le"), containsString("Texte"),
            containsString("Règles confirmées lors de la publication"), containsString(">العربية<"),
            containsString(">Français<"), containsString("PDF en arabe"), not(containsString("Issued on")))));
  }

  @Test
  void theCalendarFeedIsTitledInTheReadersLanguage() throws Exception {
    mvc.perform(get("/groups/cloud/meetings.ics").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("X-WR-CALNAME:Réunions du FG Cloud"),
            containsString("SUMMARY:Réunion du FG Cloud"))));
  }
}
