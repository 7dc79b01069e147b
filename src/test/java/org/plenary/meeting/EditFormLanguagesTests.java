package org.plenary.meeting;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The edit forms in the reader's language, each offering a field per other language for the content. */
@DemoTest
class EditFormLanguagesTests {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;

  @Test
  void theGroupFormOffersTheNameAndEachClauseInTheOtherLanguagesInFrench() throws Exception {
    mvc.perform(get("/groups/cloud/edit").with(as("tsb")).header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Traductions"), containsString("Nom en français"),
            containsString("name=\"translations[fr].name\""), containsString("value=\"Groupe sp&eacute;cialis&eacute; sur l&#39;informatique en nuage\""),
            containsString("name=\"translations[ar].termsOfReference[18].heading\""), containsString("Titre de la section 1 en arabe"))));
  }

  @Test
  void aDateFieldHoldsTheIsoDayThatTheBrowsersDateInputShowsInEveryLanguage() throws Exception {
    // <input type="date"> takes only yyyy-MM-dd: "6/14/10" or "14/06/2010" showed an empty field, and a save cleared it.
    for (String language : new String[] {"en", "fr", "ar", "zh"}) {
      mvc.perform(get("/groups/cloud/edit").with(as("tsb")).header("Accept-Language", language))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString("name=\"milestones[0].dueOn\" value=\"2010-06-14\"")));
    }
  }

  @Test
  void theMeetingFormAndTheAgendaEditorOfferTranslationsInArabic() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva/edit").with(as("tsb")).header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("المعلومات العملية بلغات أخرى"),
            containsString("name=\"translations[fr].practicalInfo\""))));
    mvc.perform(get("/groups/cloud/meetings/1006-gva/agenda").with(as("tsb")).header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("عنوان البند 2 بلغات أخرى"),
            containsString("name=\"items[1].translations[fr]\" value=\"M&eacute;thodes de travail\""))));
  }

  @Test
  void theAgendaEditorGivesTheScriptItsNumberedTextsAsArabicPatternsToRenumberMovedRows() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva/agenda").with(as("tsb")).header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("data-label-for=\"items1.title\" data-pattern=\"عنوان البند \u2068{n}\u2069\""),
            containsString("data-label-for=\"items1.translationsfr\""),
            containsString("data-pattern=\"عنوان البند \u2068{n}\u2069 بلغات أخرى\""))));
  }

  @Test
  void aFieldErrorOfTheGroupFormIsInTheReadersLanguage() throws Exception {
    mvc.perform(post("/groups/new").with(as("tsb")).with(csrf()).header("Accept-Language", "fr")
            .param("slug", "errors-fr").param("acronym", "").param("name", "x").param("workingLanguage", "English")
            .param("lifetimeMonths", "12"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Indiquez le sigle du groupe, par exemple FG Cloud.")));
  }

  private RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }
}
