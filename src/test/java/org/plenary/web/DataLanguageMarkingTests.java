package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Data in a known language shown on a page in another is marked with that language by the layout's one
 * {@code data(text, language)} fragment, beyond headings and breadcrumbs: the home page's table of groups (acronym and
 * name, in the group's working language) and the search's result numbers (in their group's). A folder listing's
 * heading isolates its path as data, left to right. Before, the groups' cells said only {@code translate="no"} (a
 * name not to translate, but English read with a Chinese voice), the hits' numbers were bare and the listing's path sat unisolated in an Arabic sentence.
 */
@DemoTest
class DataLanguageMarkingTests {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;

  @Test
  void theHomePagesGroupsAreMarkedWithTheirWorkingLanguage() throws Exception {
    String zh = page(get("/"), "zh");
    assertThat(zh).contains("<a href=\"/groups/cloud\"><bdi lang=\"en\" dir=\"ltr\">FG Cloud</bdi></a>")
        .containsPattern("<td translate=\"no\"><bdi lang=\"en\" dir=\"ltr\">Focus Group on [^<]+</bdi></td>");
    // On a page in the group's own language the value stands alone.
    assertThat(page(get("/"), "en")).contains("<a href=\"/groups/cloud\">FG Cloud</a>");
  }

  @Test
  void theSearchsResultNumbersAreMarkedWithTheirGroupsLanguage() throws Exception {
    // The demo's documents reach the index on a thread of its own after the start: waited for, not assumed.
    String ru = "";
    for (long until = System.nanoTime() + 30_000_000_000L; !ru.contains("<h2><a ") && System.nanoTime() < until; ) {
      ru = page(get("/search").param("q", "cloud").with(user(users.loadUserByUsername("tsb"))), "ru");
      Thread.sleep(ru.contains("<h2><a ") ? 0 : 500);
    }
    assertThat(ru).containsPattern("<h2><a href=\"[^\"]+\"><bdi lang=\"en\" dir=\"ltr\">FG-Cloud-[^<]+</bdi></a> <bdi>");
  }

  @Test
  void aFolderListingsHeadingIsolatesItsPath() throws Exception {
    String ar = page(get("/t/fg/cloud/docs/").with(user(users.loadUserByUsername("tsb"))), "ar");
    assertThat(ar).contains("<h1>فهرس <bdi dir=\"ltr\" class=\"ltr\" translate=\"no\">/t/fg/cloud/docs/</bdi></h1>");
  }

  private String page(MockHttpServletRequestBuilder request, String language) throws Exception {
    return mvc.perform(request.locale(Locale.forLanguageTag(language))).andExpect(status().isOk()).andReturn()
        .getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
