package org.plenary.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** How a page's language is chosen, remembered and shown, and how the API's problems follow Accept-Language. */
@DemoTest
class LanguageTests {

  @Autowired MockMvc mvc;
  @Autowired AccountDirectory accounts;
  @Autowired UserDetailsService users;
  @Autowired ApiTokens tokens;

  @Test
  void choosesTheBestOfTheSixByTheQValuesOfAcceptLanguage() throws Exception {
    mvc.perform(get("/").header("Accept-Language", "de-CH, ru;q=0.5, fr-CA;q=0.8"))
        .andExpect(content().string(allOf(containsString("<html lang=\"fr\" dir=\"ltr\""),
            containsString("Groupes et réunions"))));
    mvc.perform(get("/").header("Accept-Language", "de, ja;q=0.9"))
        .andExpect(content().string(containsString("<html lang=\"en\" dir=\"ltr\"")));
    mvc.perform(get("/").header("Accept-Language", "zh-Hans-CN"))
        .andExpect(content().string(allOf(containsString("<html lang=\"zh\""), containsString("小组和会议"))));
  }

  @Test
  void langInTheAddressWinsOverTheBrowserAndIsRememberedInACookie() throws Exception {
    mvc.perform(get("/sign-in").queryParam("lang", "ar").header("Accept-Language", "fr"))
        .andExpect(cookie().value("plenary-lang", "ar"))
        .andExpect(content().string(allOf(containsString("<html lang=\"ar\" dir=\"rtl\""), containsString("تسجيل الدخول"))));
    mvc.perform(get("/sign-in").cookie(new Cookie("plenary-lang", "ru")).header("Accept-Language", "fr"))
        .andExpect(content().string(allOf(containsString("<html lang=\"ru\""), containsString("Имя пользователя"))));
    mvc.perform(get("/sign-in").queryParam("lang", "xx")).andExpect(cookie().doesNotExist("plenary-lang"));
  }

  @Test
  void everyPageOffersTheSixLanguagesNamedInThemselvesKeepingThePage() throws Exception {
    mvc.perform(get("/sign-in?error").header("Accept-Language", "es"))
        .andExpect(content().string(allOf(containsString("href=\"?error&amp;lang=fr\" lang=\"fr\" hreflang=\"fr\""),
            containsString(">Français</a>"),
            containsString(">English</a>"), containsString(">Español</a>"), containsString(">Русский</a>"),
            containsString(">中文</a>"), containsString(">العربية</a>"), containsString("aria-current=\"true\""))));
  }

  @Test
  void theAccountsLanguageWinsOverTheSwitcherAndIsChosenOnTheAccountPage() throws Exception {
    accounts.create(new NewAccount("lang-es", "lang-es@example.org", "Lengua", null, null, Set.of()), "lang-es-pass", false);
    mvc.perform(post("/account/language").with(as("lang-es")).with(csrf()).param("language", "es"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get("/account").with(as("lang-es")).queryParam("lang", "fr"))
        .andExpect(content().string(allOf(containsString("<html lang=\"es\""), containsString("Su cuenta"),
            containsString("selected=\"selected\">Español</option>"))));
    mvc.perform(post("/account/language").with(as("lang-es")).with(csrf()).param("language", ""));
    mvc.perform(get("/account").with(as("lang-es")).header("Accept-Language", "ru"))
        .andExpect(content().string(containsString("<html lang=\"ru\"")));
  }

  @Test
  void theApiShowsAndAcceptsThePreferredLanguage() throws Exception {
    accounts.create(new NewAccount("lang-api", "lang-api@example.org", "Api", null, null, Set.of()), "lang-api-pass", false);
    String bearer = tokens.bearer("lang-api");
    mvc.perform(put("/api/v1/account/language").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
        .content("{\"language\":\"zh-CN\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.language").value("zh"));
    mvc.perform(get("/api/v1/account").header("Authorization", bearer)).andExpect(jsonPath("$.language").value("zh"));
    mvc.perform(put("/api/v1/account/language").header("Authorization", bearer).header("Accept-Language", "fr")
        .contentType(MediaType.APPLICATION_JSON).content("{\"language\":\"de\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Saisie non valide"))
        .andExpect(jsonPath("$.errors[0].field").value("language"))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("six langues")));
  }

  @Test
  void problemsOfTheApiSpeakTheLanguageOfAcceptLanguageAndKeepTheirCodes() throws Exception {
    mvc.perform(get("/api/v1/account").header("Accept-Language", "ru"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.title").value("Вход не выполнен"))
        .andExpect(jsonPath("$.detail").value(containsString("Сначала войдите")));
    mvc.perform(post("/api/v1/accounts").header("Authorization", tokens.bearer("tsb")).header("Accept-Language", "es")
        .contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"\",\"email\":\"x\",\"displayName\":\"\",\"password\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Datos no válidos"))
        .andExpect(jsonPath("$.errors[?(@.field == 'username')].message").value("Elija un nombre de usuario."));
    mvc.perform(get("/api/v1/groups/no-such-group").header("Accept-Language", "zh"))
        .andExpect(jsonPath("$.title").value("未找到"));
  }

  @Test
  void errorPagesAndFieldErrorsAreInTheReadersLanguage() throws Exception {
    mvc.perform(get("/groups/no-such-group").header("Accept-Language", "fr").accept(MediaType.TEXT_HTML))
        .andExpect(status().isNotFound())
        .andExpect(content().string(allOf(containsString("404 — Introuvable"), containsString("Retour aux groupes et réunions"))));
    mvc.perform(post("/account/password").with(as("bob")).with(csrf()).header("Accept-Language", "fr")
        .param("currentPassword", "").param("newPassword", "").param("confirmation", ""))
        .andExpect(content().string(allOf(containsString("Saisissez votre mot de passe actuel."),
            containsString("Veuillez corriger les champs signalés ci-dessous"))));
  }

  @Test
  void thePseudoLocaleWrapsEveryMessageAndLeavesDataAlone() throws Exception {
    mvc.perform(get("/sign-in").queryParam("lang", "en-XA"))
        .andExpect(cookie().value("plenary-lang", "en-XA"))
        .andExpect(content().string(allOf(containsString("<html lang=\"en-XA\" dir=\"ltr\""), containsString("[!! Šíğñ íñ"),
            not(containsString(">Sign in<")))));
  }

  private RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }
}
