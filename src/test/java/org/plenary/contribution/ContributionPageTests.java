package org.plenary.contribution;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

/** The pages delegates and the secretariat use: number, upload, queue, publication. */
@DemoTest
class ContributionPageTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired UserDetailsService users;

  /**
   * The agenda items a document is filed under read in the reader's language where the chair gave one (the demo's
   * 1006-gva has "Working methods" in Chinese), else in the working language marked as such (lang="en"), on the
   * form that allocates a number and in the register's filter: they showed the working language's title, unmarked.
   */
  @Test
  void agendaItemsOnTheFormAndTheRegisterReadInTheReadersLanguage() throws Exception {
    for (String page : new String[] {"/documents/new", "/documents"}) {
      mvc.perform(get("/groups/cloud/meetings/1006-gva" + page).queryParam("lang", "zh").with(as("alice")))
          .andExpect(status().isOk()).andExpect(content().string(allOf(
              matchesPattern("(?s).*lang=\"zh\"[^>]*>2\\. 工作方法<.*"),
              matchesPattern("(?s).*lang=\"en\"[^>]*>1\\. Leadership positions: FG management panel<.*"),
              not(containsString(">2. Working methods<")))));
    }
  }

  @Test
  void aDelegateGetsANumberUploadsOnItsPageAndTheSecretariatPublishesFromTheQueue() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String form = "/groups/cloud/meetings/" + code + "/documents/new";
    mvc.perform(get(form)).andExpect(redirectedUrl("/sign-in"));
    mvc.perform(get(form).with(as("alice"))).andExpect(status().isOk())
        .andExpect(content().string(containsString("Review of contributions")));
    mvc.perform(post(form).with(as("alice")).with(csrf()).param("title", "").param("source", "Orange"))
        .andExpect(status().isOk()).andExpect(content().string(containsString("Give the title of the document.")));

    String first = allocate(form, "Use cases");
    String second = allocate(form, "Requirements");
    mvc.perform(get("/documents/" + first).with(as("alice")))
        .andExpect(content().string(allOf(containsString("Name the file <strong><span>" + first + "</span>"),
            containsString("/t/fg/cloud/docs/incoming"), containsString("upload-progress"))));
    mvc.perform(get("/documents/" + first).with(as("bob")))
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("upload-form"))));

    for (String number : new String[] {first, second}) {
      mvc.perform(multipart("/documents/" + number + "/files").file(new MockMultipartFile("file", number + ".docx",
              "application/octet-stream", "content".getBytes())).with(as("alice")).with(csrf()))
          .andExpect(redirectedUrl("/documents/" + number))
          .andExpect(flash().attribute("notice", containsString(number + ".docx received")));
    }
    mvc.perform(multipart("/documents/" + first + "/files").file(new MockMultipartFile("file", "FG-Cloud-I-9999.docx",
            "application/octet-stream", "x".getBytes())).with(as("alice")).with(csrf()))
        .andExpect(flash().attribute("problem", containsString("must be named " + first + ".docx")));

    mvc.perform(get("/groups/cloud/incoming").with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/groups/cloud/incoming").with(as("tsb")))
        .andExpect(content().string(allOf(containsString(first + ".docx"), containsString(second + ".docx"))));
    // Incoming belongs to no one meeting: each of its times names UTC; the hash is whole, the stylesheet shortens it.
    mvc.perform(get("/t/fg/cloud/docs/incoming/").with(as("tsb")).accept("text/html"))
        .andExpect(content().string(allOf(matchesPattern("(?s).*<td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC<td>.*"),
            containsString("<table class=\"listing\">"), not(containsString("Date (UTC)")))));
    // The folder as one ZIP is offered once something is published in it (in.zip answers 404 before).
    mvc.perform(get("/groups/cloud/meetings/1006-gva/documents"))
        .andExpect(content().string(allOf(containsString("/t/fg/cloud/docs/1006-gva/in/"), not(containsString("in.zip")))));
    mvc.perform(get("/groups/cloud/meetings/1006-gva")).andExpect(content().string(not(containsString("in.zip"))));
    mvc.perform(post("/groups/cloud/incoming/publish").with(as("tsb")).with(csrf()).param("number", first, second))
        .andExpect(flash().attribute("notice", "Published: " + first + ", " + second + "."));
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/in/").accept("text/html"))
        .andExpect(content().string(allOf(containsString("Index of /t/fg/cloud/docs/" + code + "/in/"),
            containsString(first + ".docx"), containsString("Use cases"))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents").param("item", "3"))
        .andExpect(content().string(allOf(containsString(first), containsString(second),
            containsString("/t/fg/cloud/docs/" + code + "/in.zip"))));
    // The meeting's folder, register and CSV show times in the meeting's zone with its abbreviation, and short hashes.
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/in/").accept("text/html"))
        .andExpect(content().string(allOf(containsString("<th scope=\"col\">Date (Europe/Zurich)</th>"),
            matchesPattern("(?s).*<td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d CES?T<td>.*"))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents"))
        .andExpect(content().string(allOf(containsString("(Europe/Zurich)</time>"), containsString("class=\"hash\""),
            containsString("(show the whole SHA-256)"))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents.csv"))
        .andExpect(content().string(allOf(containsString(",received,received_in_meeting_zone,published,published_in_meeting_zone,"),
            containsString(" (Europe/Zurich)\""))));
    mvc.perform(get("/groups/cloud/meetings/" + code))
        .andExpect(content().string(containsString("/groups/cloud/meetings/" + code + "/documents?item=3")));
  }

  @Test
  void folderErrorsAnswerInTheFormatAsked() throws Exception {
    mvc.perform(get("/t/fg/cloud/docs/incoming/FG-Cloud-I-9999.docx").accept("application/json"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("There is no file \"FG-Cloud-I-9999.docx\" here."));
    mvc.perform(get("/t/fg/nope/docs/").accept("text/html"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("There is no group &quot;nope&quot;.")));
  }

  /**
   * A file's size on its document's page and in the register groups its digits as the page's language does:
   * it printed "1234567" in every language.
   */
  @Test
  void fileSizesGroupTheirDigitsAsThePagesLanguageDoes() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String number = allocate("/groups/cloud/meetings/" + code + "/documents/new", "Sizes");
    mvc.perform(multipart("/documents/" + number + "/files").file(new MockMultipartFile("file", number + ".docx",
            "application/octet-stream", new byte[1_234_567])).with(as("alice")).with(csrf()))
        .andExpect(redirectedUrl("/documents/" + number));
    java.util.Map<String, String> sizes = java.util.Map.of("en", "1,234,567", "fr", "1\u202f234\u202f567",
        "es", "1.234.567", "ru", "1\u00a0234\u00a0567", "zh", "1,234,567", "ar", "1,234,567");
    sizes.forEach((language, size) -> {
      String shown = ">" + size + "<";
      try {
        for (String page : new String[] {"/documents/" + number, "/groups/cloud/meetings/" + code + "/documents"}) {
          mvc.perform(get(page).queryParam("lang", language).with(as("alice"))).andExpect(status().isOk())
              .andExpect(content().string(allOf(containsString(shown), not(containsString(">1234567<")))));
        }
      } catch (Exception e) {
        throw new AssertionError(language, e);
      }
    });
  }

  private String allocate(String form, String title) throws Exception {
    String location = mvc.perform(post(form).with(as("alice")).with(csrf()).param("title", title)
            .param("source", "France Telecom Orange").param("agendaItems", "3"))
        .andExpect(redirectedUrlPattern("/documents/FG-Cloud-I-*"))
        .andReturn().getResponse().getRedirectedUrl();
    return location.substring("/documents/".length());
  }

  private RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }
}
