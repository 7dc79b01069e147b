package org.plenary.group;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Content in several languages through the API and back, and on the pages: run on H2 and on
 * PostgreSQL by the two subclasses.
 */
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
abstract class ContentTranslationScenarios {

  private static final String GROUP = """
      {"slug": "%s", "acronym": "FG %1$s", "name": "Focus Group on Languages", "workingLanguage": "English",
       "lifetimeMonths": 12,
       "sections": [{"heading": "1 Scope", "body": "Languages."}, {"heading": "2 Rationale", "body": "Reasons."}],
       "leaders": [], "milestones": [] %s}""";

  private static final String TRANSLATIONS = """
      , "translations": {
        "fr": {"name": "Groupe spécialisé sur les langues",
               "termsOfReference": [{"heading": "1 Domaine d'application", "body": "Les langues."}]},
        "zh-CN": {"name": "语言焦点组"}}""";

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;

  @Test
  void aGroupsTranslationsGoInThroughTheApiAndComeBackKeyedByLanguage() throws Exception {
    create("lingo");
    mvc.perform(get("/api/v1/groups/lingo"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Focus Group on Languages"))
        .andExpect(jsonPath("$.translations.fr.name").value("Groupe spécialisé sur les langues"))
        .andExpect(jsonPath("$.translations.fr.termsOfReference[0].heading").value("1 Domaine d'application"))
        .andExpect(jsonPath("$.translations.fr.termsOfReference.length()").value(1))
        .andExpect(jsonPath("$.translations.zh.name").value("语言焦点组"))
        .andExpect(jsonPath("$.translations.zh.termsOfReference.length()").value(0));
  }

  @Test
  void anUpdateWithoutTranslationsKeepsThemAndAnEmptyObjectClearsThem() throws Exception {
    create("keeps");
    update("keeps", "").andExpect(status().isOk())
        .andExpect(jsonPath("$.translations.fr.name").value("Groupe spécialisé sur les langues"));
    update("keeps", ", \"translations\": {}").andExpect(status().isOk())
        .andExpect(jsonPath("$.translations.fr").doesNotExist());
  }

  @Test
  void aTranslationIntoALanguageOutsideTheSixIsAProblem() throws Exception {
    create("strict");
    update("strict", ", \"translations\": {\"de\": {\"name\": \"Fokusgruppe\"}}")
        .andExpect(status().isBadRequest());
  }

  @Test
  void thePageShowsEachClauseInTheReadersLanguageWhenGivenElseTheWorkingLanguageAndSaysSo() throws Exception {
    create("shown");
    mvc.perform(get("/groups/shown").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("<span lang=\"fr\">Groupe spécialisé sur les langues</span>"),
            containsString("<section id=\"tor-1\" class=\"tor\" lang=\"fr\">"), containsString("1 Domaine d&#39;application"),
            containsString("<section id=\"tor-2\" class=\"tor\" lang=\"en\">"), containsString("2 Rationale"),
            containsString("Affiché en anglais, langue de travail du groupe"))));
    mvc.perform(get("/groups/shown").header("Accept-Language", "ru"))
        .andExpect(content().string(allOf(containsString("<span lang=\"en\">Focus Group on Languages</span>"),
            containsString("текст приведён на рабочем языке группы (английский)"))));
  }

  @Test
  void aMeetingsPracticalInformationAndAgendaTitlesGoInAndComeBackTranslated() throws Exception {
    create("meets");
    LocalDate start = LocalDate.now().plusDays(90);
    String meeting = """
        {"code": "lang", "startDate": "%s", "endDate": "%s", "venueName": "ITU Headquarters, Geneva",
         "venueCode": "gva", "timeZone": "Europe/Zurich", "languages": "English", "documentsPublic": true,
         "practicalInfo": "Take the tram.", "translations": {"fr": {"practicalInfo": "Prenez le tram."}}}"""
        .formatted(start, start.plusDays(1));
    mvc.perform(post("/api/v1/groups/meets/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(meeting))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.translations.fr.practicalInfo").value("Prenez le tram."));
    mvc.perform(put("/api/v1/groups/meets/meetings/lang/agenda").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("""
                {"items": [{"title": "Opening", "translations": {"fr": "Ouverture", "ar": "الافتتاح"}},
                           {"title": "Closing"}]}"""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.agenda[0].translations.fr").value("Ouverture"))
        .andExpect(jsonPath("$.agenda[0].translations.ar").value("الافتتاح"));
    String id = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/v1/groups/meets/meetings/lang"))
        .andReturn().getResponse().getContentAsString(), "$.agenda[0].id").toString();
    mvc.perform(put("/api/v1/groups/meets/meetings/lang/agenda").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("""
                {"items": [{"title": "Closing"}, {"id": %s, "title": "Opening of the meeting"}]}""".formatted(id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.agenda[1].title").value("Opening of the meeting"))
        .andExpect(jsonPath("$.agenda[1].translations.fr").value("Ouverture"));
    mvc.perform(get("/groups/meets/meetings/lang").header("Accept-Language", "fr"))
        .andExpect(content().string(allOf(
            containsString("<span class=\"title\" lang=\"fr\">Ouverture</span>"),
            containsString("<span class=\"title\" lang=\"en\">Closing</span>"),
            containsString("Prenez le tram."), containsString("id=\"content-language\""))));
    mvc.perform(get("/groups/meets/meetings/lang").header("Accept-Language", "ar"))
        .andExpect(content().string(allOf(containsString("<span class=\"title\" lang=\"ar\">الافتتاح</span>"),
            containsString("Take the tram."), not(containsString("Prenez")))));
  }

  private void create(String slug) throws Exception {
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted(slug, TRANSLATIONS)))
        .andExpect(status().isCreated());
  }

  private org.springframework.test.web.servlet.ResultActions update(String slug, String translations) throws Exception {
    return mvc.perform(put("/api/v1/groups/" + slug).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted(slug, translations)));
  }
}
