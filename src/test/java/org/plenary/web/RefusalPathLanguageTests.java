package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.pdf.PdfText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The refusals, unknown things and field errors of the output, archive and account modules, the
 * folder listings and the output PDFs are said in the reader's language (French, Arabic, Chinese),
 * never in the English of the exception; API field names and codes stay as they are.
 */
@DemoTest
class RefusalPathLanguageTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;

  @Test
  void theOutputRefusalsAreFrenchAndArabicProblems() throws Exception {
    String chair = tokens.bearer("chair");
    mvc.perform(get("/api/v1/groups/cloud/deliverables/987654").header("Accept-Language", "ar"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.title").value("غير موجود"))
        .andExpect(jsonPath("$.detail").value("ليس لدى الفريق FG Cloud ناتج 987654."));
    mvc.perform(post("/api/v1/groups/cloud/deliverables").header("Authorization", tokens.bearer("bob"))
            .header("Accept-Language", "fr").contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\":\"Essai\",\"kind\":\"GUIDELINE\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("Seuls la direction du groupe ou le secrétariat peuvent modifier ses livrables."));

    String list = mvc.perform(get("/api/v1/groups/cloud/deliverables")).andReturn().getResponse().getContentAsString();
    List<Integer> unversioned = JsonPath.read(list, "$[?(@.state == 'DRAFT' && @.versions.length() == 0)].id");
    mvc.perform(post("/api/v1/groups/cloud/deliverables/" + unversioned.getFirst() + "/agreement")
            .header("Authorization", chair).header("Accept-Language", "fr").contentType(MediaType.APPLICATION_JSON)
            .content("{\"meeting\":\"1006-gva\",\"decision\":\"Approuvé.\",\"consensus\":true}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(allOf(containsString("n’a encore aucune version"),
            not(containsString("has no version yet")))));
    mvc.perform(post("/api/v1/groups/cloud/deliverables/" + unversioned.getFirst() + "/transfer")
            .header("Authorization", chair).header("Accept-Language", "ar").contentType(MediaType.APPLICATION_JSON)
            .content("{\"on\":\"2011-01-01\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("مشروع: يجب الاتفاق عليه في اجتماع قبل إحالته إلى الفريق الأم.")));

    String terms = mvc.perform(get("/api/v1/groups/cloud/terms")).andReturn().getResponse().getContentAsString();
    List<Integer> agreed = JsonPath.read(terms, "$[?(@.term == 'cloud computing')].id");
    mvc.perform(post("/api/v1/groups/cloud/terms/" + agreed.getFirst() + "/agreement").header("Authorization", chair)
            .header("Accept-Language", "fr").contentType(MediaType.APPLICATION_JSON).content("{\"meeting\":\"1006-gva\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.title").value("Conflit"))
        .andExpect(jsonPath("$.detail").value("«\u202fcloud computing\u202f» a déjà été approuvé à la réunion 1006-gva."));
  }

  @Test
  void theOutputFieldErrorsAreArabicAndTheirFieldNamesDoNotChange() throws Exception {
    mvc.perform(post("/api/v1/groups/cloud/terms").header("Authorization", tokens.bearer("chair"))
            .header("Accept-Language", "ar").contentType(MediaType.APPLICATION_JSON).content("{\"term\":\"\",\"definition\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(allOf(hasItem("term"), hasItem("definition"))))
        .andExpect(jsonPath("$.errors[*].message").value(allOf(hasItem("أدخل المصطلح."), hasItem("أدخل التعريف."))));
  }

  @Test
  void theArchiveAndAccountRefusalsAreFrenchAndArabic() throws Exception {
    mvc.perform(get("/api/v1/groups/cloud/changes").param("limit", "0").header("Accept-Language", "fr"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("limit"))
        .andExpect(jsonPath("$.errors[0].message").value("Demandez de 1 à 1000 changements à la fois."));
    mvc.perform(post("/api/v1/organizations/987654/focal-points/bob").header("Authorization", tokens.bearer("tsb"))
            .header("Accept-Language", "ar"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("لا توجد منظمة 987654."));
    mvc.perform(post("/admin/accounts/987654/roles").with(user(users.loadUserByUsername("tsb"))).with(csrf())
            .header("Accept-Language", "fr"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(allOf(containsString("Il n’existe pas de compte 987654."),
            not(containsString("No account")))));
  }

  @Test
  void aFolderListingIsInTheReadersLanguageAndNeverRevalidatedToAnotherLanguage() throws Exception {
    String folder = "/t/fg/cloud/docs/1006-gva/in/";
    var french = mvc.perform(get(folder).header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(header().string("Vary", allOf(containsString("Accept-Language"), containsString("Cookie"))))
        .andExpect(header().string("Content-Language", "fr"))
        .andExpect(content().string(allOf(containsString("Index de " + folder), containsString("<th scope=\"col\">Nom</th>"),
            containsString("<th scope=\"col\">Taille</th>"), not(containsString("Index of")))))
        .andReturn().getResponse();
    var english = mvc.perform(get(folder).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Index of " + folder), containsString("<th scope=\"col\">Name</th>"))))
        .andReturn().getResponse();
    assertThat(french.getHeader("ETag")).isNotEqualTo(english.getHeader("ETag"));
    // A cache holding the French page asks with its ETag on behalf of an English reader: the page is sent again, in English.
    mvc.perform(get(folder).header("Accept-Language", "en").header("If-None-Match", french.getHeader("ETag")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Index of " + folder)));
    mvc.perform(get(folder).header("Accept-Language", "fr").header("If-None-Match", french.getHeader("ETag")))
        .andExpect(status().isNotModified());
    mvc.perform(get("/t/fg/cloud/docs/").header("Accept-Language", "zh"))
        .andExpect(content().string(allOf(containsString("/t/fg/cloud/docs/ 的索引"), containsString("<th scope=\"col\">名称</th>"))));
    mvc.perform(post(folder + "x.docx").header("Accept-Language", "fr"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.detail").value(containsString("Ces dossiers sont en lecture seule")));
  }

  @Test
  void theTerminologyAndProgressReportPdfsAreInTheLanguageAskedFor() throws Exception {
    byte[] french = mvc.perform(get("/api/v1/groups/cloud/terms.pdf").header("Accept-Language", "fr"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertThat(PdfText.of(french).stripped()).contains("Terminologie du FG Cloud", "Statut", "Approuvé à la réunion 1006-gva")
        .doesNotContain("Terminology of", "Status");
    byte[] chinese = mvc.perform(get("/api/v1/groups/cloud/terms.pdf").queryParam("lang", "zh").header("Accept-Language", "fr"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertThat(PdfText.of(chinese).stripped()).contains("FG Cloud 术语", "状态").doesNotContain("Statut");
    byte[] report = mvc.perform(get("/api/v1/groups/cloud/progress-report.pdf").param("from", "2010-01-01")
            .param("to", "2011-12-31").queryParam("lang", "fr").header("Authorization", tokens.bearer("chair")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertThat(PdfText.of(report).stripped().replaceAll("\\s+", " "))
        .contains("Rapport d’activité du FG Cloud", "Réunions tenues", "Livrables", "Rapport technique")
        .doesNotContain("Meetings held", "Progress report of", "Technical report");
  }
}
