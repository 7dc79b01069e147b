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
  @Autowired org.plenary.account.AccountDirectory accounts;
  @Autowired org.plenary.account.OrganizationDirectory organizations;
  @Autowired org.plenary.registration.RegistrationDesk registrations;
  @Autowired org.plenary.group.GroupCatalog groups;
  @Autowired org.plenary.meeting.MeetingCatalog meetings;

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

  /**
   * Beyond headings and breadcrumbs, the cells and lists of the desk (each role's: the secretariat's queues, the
   * chair's meetings, the focal point's decisions, a participant's registrations and documents), of the group's page
   * (its parent, leaders' organizations, venues), the home page (a group's parent), a meeting's page (hotels,
   * collocated groups), the deliverables and the living list: on pages in Chinese, Russian and Arabic, English data is
   * marked with its language inside its cell ({@link EnglishWithoutLang}). The desk named its meetings "FG Cloud 会议"
   * with the acronym unmarked, the home page's parent "TSAG" had no lang, and cells carried the lang themselves.
   */
  @Test
  void englishDataInTheCellsAndListsOfPagesInOtherScriptsIsMarkedWithItsLanguage() throws Exception {
    var pages = new java.util.LinkedHashMap<String, java.util.List<String>>();
    pages.put("tsb", java.util.List.of("/desk", "/groups/cloud", "/", "/groups/cloud/meetings/1006-gva",
        "/groups/cloud/deliverables", "/groups/cloud/living-list"));
    pages.put("chair", java.util.List.of("/desk"));
    // A participant registered for the coming meeting, and the focal point who decides it: their desks name the meeting.
    String participant = "mk" + System.nanoTime() % 1_000_000_000;
    String focal = participant + "focal";
    var organization = organizations.create("Marking Org " + participant, org.plenary.account.OrganizationCategory.SECTOR_MEMBER, "FR");
    for (String username : java.util.List.of(participant, focal)) {
      accounts.create(new org.plenary.account.NewAccount(username, username + "@example.org", "Person " + username,
          organization, "FR", java.util.Set.of()), username + "-pass", false);
    }
    organizations.appointFocalPoint(organization, accounts.find(focal).orElseThrow().id());
    var form = new org.plenary.registration.RegistrationForm();
    form.setFullName("Person " + participant);
    form.setEmail(participant + "@example.org");
    form.setOrganizationId(organization.value());
    form.setCountryCode("FR");
    form.setAttendance(org.plenary.registration.Attendance.IN_PERSON);
    registrations.register("cloud", org.plenary.DemoMeetings.upcoming(groups, meetings), form,
        (org.plenary.account.PlenaryUser) users.loadUserByUsername(participant));
    pages.put(focal, java.util.List.of("/desk"));
    pages.put(participant, java.util.List.of("/desk"));
    pages.put("alice", java.util.List.of("/desk"));
    var faults = new java.util.ArrayList<String>();
    for (var reader : pages.entrySet()) {
      for (String path : reader.getValue()) {
        for (String language : java.util.List.of("zh", "ru", "ar")) {
          String html = page(get(path).with(user(users.loadUserByUsername(reader.getKey()))), language);
          EnglishWithoutLang.in(html).forEach(f -> faults.add(reader.getKey() + " " + path + " in " + language + ": " + f));
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void theMarkupCheckFindsEnglishWithoutLangAndCellsMarkedAsAWhole() {
    String html = """
        <html lang="zh"><body><main><h1>小组 <bdi lang="en" dir="ltr">FG Cloud</bdi></h1><table><tr>
        <td>FG Cloud 会议</td><td lang="en">Hotel Warwick</td><td><span lang="en">Geneva</span></td>
        <td><bdi>Alice Example</bdi></td><td translate="no">TSAG board</td><td>2702-gva ITU</td>
        <td><time>2027年2月1日 23:59 CEST (Europe/Zurich)</time></td><td>（时区 Europe/Zurich）</td></tr></table>
        <ul><li><a href="/x">Cloud Security Alliance</a></li></ul><p>Outside the cells and lists</p></main></body></html>""";
    assertThat(EnglishWithoutLang.in(html)).containsExactly("<td> \"FG Cloud 会议\"",
        "<td> \"Hotel Warwick\" (lang on the <td> itself, not on an element inside it)", "<a> \"Cloud Security Alliance\"");
  }

  private String page(MockHttpServletRequestBuilder request, String language) throws Exception {
    return mvc.perform(request.locale(Locale.forLanguageTag(language))).andExpect(status().isOk()).andReturn()
        .getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
