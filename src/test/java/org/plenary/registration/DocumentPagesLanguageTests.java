package org.plenary.registration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The pages of registration, visa support, the hotel form, contributions and the desk in French and
 * Arabic (the reader's language from {@code Accept-Language}): their words, field errors and the
 * refusals of the contribution desk come from the bundles; Arabic pages are right to left.
 */
@DemoTest
class DocumentPagesLanguageTests {

  private static final Locale ARABIC = Locale.forLanguageTag("ar");

  @Autowired MockMvc mvc;
  @Autowired GroupCatalog groups;
  @Autowired UserDetailsService users;
  @Autowired MeetingCatalog meetings;

  private String code;

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    code = DemoMeetings.upcoming(groups, meetings);
  }

  @Test
  void theRegistrationFormSpeaksFrenchWithItsFieldErrors() throws Exception {
    String form = "/groups/cloud/meetings/" + code + "/register";
    mvc.perform(get(form).with(as("chair")).locale(Locale.FRENCH))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("lang=\"fr\""), containsString("dir=\"ltr\""),
            containsString("Inscription à la réunion du <span lang=\"en\">FG Cloud</span>"), containsString("Nom complet"),
            containsString("La préinscription se termine le"), containsString("Membres de Secteur et aux Associés"),
            containsString("En présentiel"), containsString(">S’inscrire</button>"),
            not(containsString("Full name")), not(containsString("Pre-registration closes")))));
    mvc.perform(post(form).with(as("chair")).with(csrf()).locale(Locale.FRENCH)
            .param("fullName", "").param("email", "pas une adresse").param("countryCode", "").param("attendance", ""))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Indiquez votre nom tel qu’il doit figurer sur la liste des participants."),
            containsString("Indiquez comment vous participerez."))));
  }

  /**
   * The chair's registration form sent empty, too long and with a line break in its one-line name, in Spanish and
   * Russian: the error stands beside the field, in the page's language (not the English one), the field says it is
   * invalid and which sentence describes it, and what was typed is kept.
   */
  @Test
  void aBadNameIsRefusedBesideItsFieldInSpanishAndRussianWithWhatWasTypedKept() throws Exception {
    String form = "/groups/cloud/meetings/" + code + "/register";
    String tooLong = "Ñandú Жук ".repeat(21);
    for (String typed : new String[] {"", tooLong, "Ana\nPérez"}) {
      String english = fullNameError(form, typed, Locale.ENGLISH);
      for (Locale language : new Locale[] {Locale.forLanguageTag("es"), Locale.forLanguageTag("ru")}) {
        String page = mvc.perform(post(form).with(as("chair")).with(csrf()).locale(language)
                .param("fullName", typed).param("email", "chair@example.org").param("countryCode", "CH")
                .param("attendance", "IN_PERSON"))
            .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String shown = typed.isEmpty() ? "" : org.springframework.web.util.HtmlUtils.htmlEscape(typed.replace("\n", " "));
        org.assertj.core.api.Assertions.assertThat(page).as("%s, %s", language, typed)
            .containsPattern("<input type=\"text\" aria-invalid=\"true\" aria-describedby=\"fullName-error\""
                + " id=\"fullName\" name=\"fullName\" value=\"[^\"]*\">")
            .containsPattern("<p class=\"error\" id=\"fullName-error\">[^<]+</p>");
        String error = page.replaceFirst("(?s).*<p class=\"error\" id=\"fullName-error\">([^<]+)</p>.*", "$1");
        org.assertj.core.api.Assertions.assertThat(error).as("%s, %s", language, typed).isNotEqualTo(english);
        if (!typed.isEmpty()) {
          org.assertj.core.api.Assertions.assertThat(page).as("%s, %s", language, typed)
              .containsAnyOf("value=\"" + org.springframework.web.util.HtmlUtils.htmlEscape(typed) + "\"",
                  "value=\"" + shown + "\"");
        }
      }
    }
  }

  private String fullNameError(String form, String typed, Locale language) throws Exception {
    String page = mvc.perform(post(form).with(as("chair")).with(csrf()).locale(language).param("fullName", typed)
            .param("email", "chair@example.org").param("countryCode", "CH").param("attendance", "IN_PERSON"))
        .andReturn().getResponse().getContentAsString();
    return page.replaceFirst("(?s).*<p class=\"error\" id=\"fullName-error\">([^<]+)</p>.*", "$1");
  }

  @Test
  void theDeskAndTheVisaVerificationAreArabicAndRightToLeft() throws Exception {
    mvc.perform(get("/desk").with(as("focal")).locale(ARABIC))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("lang=\"ar\""), containsString("dir=\"rtl\""),
            containsString("مواعيدك النهائية القادمة"), containsString("تسجيلاتك"), containsString("تسجيلات بانتظار القرار"),
            not(containsString("Your next deadlines")), not(containsString("Registrations to decide")))));
    mvc.perform(get("/visa/verify").param("reference", "1006-GVA-V-0000-AAAA-BBBB-CCCC-DDDD").locale(ARABIC))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("dir=\"rtl\""), containsString("التحقق من رسالة دعم التأشيرة"),
            containsString("لا توجد رسالة بهذا المرجع."), not(containsString("No letter has this reference")))));
  }

  @Test
  void theHotelFormIsArabicAndItsRulesAnswerInFrench() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva/hotel-form").with(as("alice")).locale(ARABIC))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("استمارة تأكيد حجز الفندق"), containsString("عدد الغرف"),
            containsString("نزّل الاستمارة (PDF)"), not(containsString("Number of rooms")))));
    String otherMeetingsHotel = String.valueOf(meetings.upcoming().stream().filter(m -> !m.hotels().isEmpty())
        .findFirst().orElseThrow().hotels().get(0).id());
    mvc.perform(post("/groups/cloud/meetings/1006-gva/hotel-form").with(csrf()).locale(Locale.FRENCH)
            .param("hotel", otherMeetingsHotel).param("room", "SINGLE").param("rooms", "1").param("arrival", "2010-06-15")
            .param("departure", "2010-06-14").param("familyName", "").param("firstName", "Bob"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Indiquez votre nom de famille."),
            containsString("Formulaire de confirmation de réservation d’hôtel"))));
    mvc.perform(post("/groups/cloud/meetings/1006-gva/hotel-form").with(csrf()).locale(Locale.FRENCH)
            .param("hotel", otherMeetingsHotel).param("room", "SINGLE").param("rooms", "1").param("arrival", "2010-06-15")
            .param("departure", "2010-06-14").param("familyName", "Durand").param("firstName", "Bob"))
        .andExpect(content().string(allOf(containsString("Choisissez l’un des 4 hôtels de la réunion."),
            containsString("Le départ doit suivre l’arrivée."))));
  }

  @Test
  void contributionPagesAndTheDesksRefusalsSpeakTheReadersLanguage() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents").locale(Locale.FRENCH))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Documents de la réunion <span translate=\"no\">" + code + "</span> du <span lang=\"en\">FG Cloud</span>"),
            containsString("Demander un numéro de document"), containsString("Filtrer par numéro, titre ou source"))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents/new").with(as("alice")).locale(ARABIC))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("dir=\"rtl\""), containsString("اطلب رقم وثيقة"),
            containsString("احصل على الرقم"))));
    String location = mvc.perform(post("/groups/cloud/meetings/" + code + "/documents/new").with(as("alice")).with(csrf())
            .param("title", "Langues").param("source", "Orange"))
        .andReturn().getResponse().getRedirectedUrl();
    String number = location.substring(location.lastIndexOf('/') + 1);
    mvc.perform(get("/documents/" + number).with(as("alice")).locale(Locale.FRENCH))
        .andExpect(content().string(allOf(containsString("Nommez le fichier <strong><span>" + number + "</span>"),
            containsString("Téléverser"), containsString("Journal d’audit"))));
    mvc.perform(multipart("/documents/" + number + "/files").file(new MockMultipartFile("file", "FG-Cloud-I-9999.docx",
            "application/octet-stream", "x".getBytes())).with(as("alice")).with(csrf()).locale(Locale.FRENCH))
        .andExpect(flash().attribute("problem",
            "Le fichier de " + number + " doit s’appeler " + number + ".docx, et non FG-Cloud-I-9999.docx."));
    mvc.perform(multipart("/documents/" + number + "/files").file(new MockMultipartFile("file", number + ".docx",
            "application/octet-stream", "x".getBytes())).with(as("bob")).with(csrf()).locale(ARABIC))
        .andExpect(flash().attribute("problem", "الرقم " + number + " غير مخصص لك."));
  }

  private RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }
}
