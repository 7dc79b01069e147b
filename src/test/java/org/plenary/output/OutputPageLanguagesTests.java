package org.plenary.output;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The deliverables, living list, terminology and search pages in French and Arabic. */
@DemoTest
class OutputPageLanguagesTests {

  @Autowired MockMvc mvc;

  @Test
  void theDeliverablesPageSpeaksFrenchAndArabic() throws Exception {
    mvc.perform(get("/groups/cloud/deliverables").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<html lang=\"fr\" dir=\"ltr\""),
            containsString("Livrables et jalons du FG Cloud"), containsString("Rapport technique"),
            containsString("Projet"), containsString("Jalons"), not(containsString(">Latest version<")))));
    mvc.perform(get("/groups/cloud/deliverables").header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<html lang=\"ar\" dir=\"rtl\""),
            containsString("النواتج والمعالم الرئيسية للفريق \u2068FG Cloud\u2069"), containsString("تقرير تقني"))));
  }

  @Test
  void theLivingListAndTerminologySpeakFrench() throws Exception {
    mvc.perform(get("/groups/cloud/living-list").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Liste évolutive des organismes de normalisation et forums, <span lang=\"en\">FG Cloud</span>")));
    mvc.perform(get("/groups/cloud/terms").header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("مصطلحات الفريق \u2068FG Cloud\u2069"),
            containsString("البحث في المصطلحات والتعاريف"))));
  }

  @Test
  void theSearchPageSpeaksFrenchAndArabic() throws Exception {
    mvc.perform(get("/search").param("q", "cloud").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Rechercher dans les documents"),
            containsString("Les plus pertinents d’abord"), not(containsString("Best first")))));
    mvc.perform(get("/search").header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<html lang=\"ar\" dir=\"rtl\""),
            containsString("البحث في الوثائق"))));
  }
}
