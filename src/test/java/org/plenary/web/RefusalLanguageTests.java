package org.plenary.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sentences of refusals and of unknown things (the error page, API problems, the search page, the
 * Atom feed) are said in the reader's language, not in the English of the exception's message.
 */
@DemoTest
class RefusalLanguageTests {

  @Autowired MockMvc mvc;
  @Autowired org.springframework.security.core.userdetails.UserDetailsService users;

  /**
   * A decision's reason past its bound on the API is refused in the reader's language with its bound and its length
   * (counted in characters, {@code 𠀀} one each), as on the pages: it was Bean Validation's English "size must be
   * between 0 and 1000" in every language.
   */
  @Test
  void aTooLongDecisionReasonIsRefusedInTheReadersLanguageWithItsLength() throws Exception {
    String reason = "{\"reason\":\"" + "\uD840\uDC00".repeat(1001) + "\"}";
    for (String path : java.util.List.of("/api/v1/registrations/999999/reject",
        "/api/v1/contributions/FG-Cloud-I-9999/reject")) {
      mvc.perform(post(path).with(user(users.loadUserByUsername("tsb"))).with(csrf())
              .contentType(MediaType.APPLICATION_JSON).content(reason).header("Accept-Language", "fr"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("reason"))
          .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("Ce champ prend au plus 1"),
              containsString("000 caractères\u202f; ce texte en a 1"), containsString("001. Raccourcissez-le"))));
    }
    mvc.perform(post("/api/v1/registrations/999999/reject").with(user(users.loadUserByUsername("tsb"))).with(csrf())
            .contentType(MediaType.APPLICATION_JSON).content(reason).header("Accept-Language", "ar"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("يقبل هذا الحقل"),
            not(containsString("size must be")))));
  }

  @Test
  void anUnknownMeetingIsNamedInFrenchOnTheErrorPage() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/9912-xxx").header("Accept-Language", "fr"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(allOf(containsString("n’a pas de réunion «\u202f9912-xxx\u202f»"),
            not(containsString("has no meeting")))));
  }

  @Test
  void anUnknownMeetingIsAnArabicProblemInTheApi() throws Exception {
    mvc.perform(get("/api/v1/groups/cloud/meetings/9912-xxx").header("Accept-Language", "ar"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("لا يوجد لدى الفريق \"cloud\" اجتماع \"9912-xxx\"."));
  }

  @Test
  void anUnknownHashAndAMalformedOneAreFrenchProblems() throws Exception {
    mvc.perform(get("/api/v1/verify").param("sha256", "0".repeat(64)).header("Accept-Language", "fr"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("Aucun fichier publié que vous pouvez lire n’a le SHA-256 " + "0".repeat(64) + "."));
    mvc.perform(get("/api/v1/verify").param("sha256", "nope").header("Accept-Language", "fr"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message").value(containsString("64 chiffres hexadécimaux")));
  }

  @Test
  void aSearchThatCannotBeParsedIsExplainedInFrench() throws Exception {
    mvc.perform(get("/search").param("q", "\"cloud AND").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("n’a pas pu être comprise"),
            not(containsString("could not be understood")))));
  }

  @Test
  void aWrongPasswordForATokenIsAFrenchProblem() throws Exception {
    mvc.perform(post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "fr")
            .content("{\"username\":\"refusal-language-nobody\",\"password\":\"wrong-wrong\"}"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("Nom d’utilisateur ou mot de passe incorrect."));
  }

  @Test
  void theAtomFeedIsTitledInFrench() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva/documents.atom").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<title>Documents du FG Cloud pour la réunion 1006-gva</title>"),
            not(containsString("documents for meeting")))));
  }
}
