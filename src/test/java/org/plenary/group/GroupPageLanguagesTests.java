package org.plenary.group;

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

/** The group page in the reader's language, with the group's content in it when given, else in English and saying so. */
@DemoTest
class GroupPageLanguagesTests {

  @Autowired MockMvc mvc;

  @Test
  void frenchReaderSeesFrenchWordsAndTheFrenchNameOfFgCloud() throws Exception {
    mvc.perform(get("/groups/cloud").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("<html lang=\"fr\" dir=\"ltr\""), containsString("Langue de travail"), containsString("Mandat"),
            containsString("Direction"), containsString("Président"),
            containsString("<span lang=\"fr\">Groupe spécialisé sur l&#39;informatique en nuage</span>"),
            containsString("14 juin 2010"),
            containsString("Affiché en anglais, langue de travail du groupe"),
            containsString("<dt>Langue de travail</dt><dd>anglais</dd>"),
            containsString("<section id=\"tor-1\" class=\"tor\" lang=\"en\">"),
            not(containsString("<dt>Working language</dt>")))));
  }

  @Test
  void arabicReaderSeesArabicWordsRightToLeftAndTheEnglishNameSaidToBeTheWorkingLanguage() throws Exception {
    mvc.perform(get("/groups/cloud").header("Accept-Language", "ar"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("<html lang=\"ar\" dir=\"rtl\""), containsString("لغة العمل"), containsString("الاختصاصات"),
            containsString("<span lang=\"en\">Focus Group on Cloud Computing</span>"),
            containsString("يُعرض النص بلغة عمل الفريق (الإنجليزية)"),
            not(containsString("Terms of reference")))));
  }

  @Test
  void englishReaderSeesTheWorkingLanguageWithoutANotice() throws Exception {
    mvc.perform(get("/groups/cloud").header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<span lang=\"en\">Focus Group on Cloud Computing</span>"),
            containsString("Terms of reference"), not(containsString("id=\"content-language\"")))));
  }

  @Test
  void chineseReaderSeesTheChineseName() throws Exception {
    mvc.perform(get("/groups/cloud").header("Accept-Language", "zh-CN"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("<span lang=\"zh\">云计算焦点组</span>"),
            containsString("职责范围"), containsString("工作语言"))));
  }
}
