package org.plenary.attack;

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

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Circular;
import org.plenary.meeting.CircularDesk;
import org.plenary.meeting.CircularDraft;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Circulars under attack: a draft is invisible to anyone but the secretariat on every channel (page,
 * PDF, API, list, feed), participants cannot draft or issue, an issued circular cannot be edited or
 * issued twice, and text the secretariat types reaches the page escaped.
 */
@DemoTest
class CircularAttackTests {

  @Autowired MockMvc mvc;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;
  @Autowired CircularDesk desk;
  @Autowired MeetingCatalog meetings;
  String code;
  Circular draft;

  @BeforeEach
  void draft() {
    code = DemoMeetings.upcoming(groups, meetings);
    draft = desk.draft("cloud", code, new CircularDraft("TSB Circular " + System.nanoTime(), LocalDate.now(),
        "<script>alert('signatory')</script>", "", List.of("<img src=x onerror=alert(1)> secret draft paragraph")), "tsb");
  }

  @Test
  void aDraftIsUnknownToStrangersAndParticipantsOnEveryChannel() throws Exception {
    long id = draft.id().value();
    for (RequestPostProcessor who : List.of(anonymous(), as("alice"), as("chair"), as("focal"))) {
      mvc.perform(get("/circulars/" + id).with(who)).andExpect(status().isNotFound());
      mvc.perform(get("/circulars/" + id + ".pdf").with(who)).andExpect(status().isNotFound());
      mvc.perform(get("/api/v1/circulars/" + id).with(who)).andExpect(status().isNotFound());
      mvc.perform(get("/api/v1/circulars/" + id + ".pdf").with(who)).andExpect(status().isNotFound());
      mvc.perform(get("/api/v1/groups/cloud/meetings/" + code + "/circulars").with(who))
          .andExpect(content().string(not(containsString("secret draft paragraph"))))
          .andExpect(content().string(not(containsString("\"id\":" + id + ","))));
      mvc.perform(get("/groups/cloud/meetings/" + code).with(who))
          .andExpect(content().string(not(containsString("/circulars/" + id + "\""))));
      mvc.perform(get("/groups/cloud/circulars.atom").with(who))
          .andExpect(content().string(not(containsString("/circulars/" + id + "<"))));
    }
    mvc.perform(get("/circulars/" + id).with(as("tsb"))).andExpect(status().isOk());
  }

  @Test
  void participantsAndGroupManagementCannotDraftIssueOrEdit() throws Exception {
    long id = draft.id().value();
    String body = "{\"number\":\"TSB Circular 999\",\"dated\":\"2030-01-01\",\"signatory\":\"Mallory\"}";
    for (String who : List.of("alice", "chair", "focal")) {
      String token = tokens.bearer(who);
      mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/circulars").header("Authorization", token)
          .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
      mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", token)
          .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
      mvc.perform(post("/circulars/" + id + "/issue").with(as(who)).with(csrf())).andExpect(status().isForbidden());
      mvc.perform(post("/circulars/" + id + "/edit").with(as(who)).with(csrf()).param("number", "X")
          .param("dated", "2030-01-01").param("signatory", "Mallory")).andExpect(status().isForbidden());
    }
    mvc.perform(post("/api/v1/circulars/" + id + "/issue").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/circulars/" + id + "/issue").with(as("tsb"))).andExpect(status().isForbidden());
  }

  @Test
  void anIssuedCircularCannotBeEditedNorIssuedTwice() throws Exception {
    desk.issue(draft.id(), Map.of(), "tsb");
    long id = draft.id().value();
    String sha256 = desk.sha256s(draft.id()).get("en");
    mvc.perform(post("/circulars/" + id + "/edit").with(as("tsb")).with(csrf()).param("number", "TSB Circular 1")
            .param("dated", "2030-01-01").param("signatory", "Mallory"))
        .andExpect(status().isConflict());
    mvc.perform(post("/api/v1/circulars/" + id + "/issue").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("cannot change")));
    org.assertj.core.api.Assertions.assertThat(desk.sha256s(draft.id())).containsEntry("en", sha256);
    org.assertj.core.api.Assertions.assertThat(desk.get(draft.id(), false).signatory()).contains("signatory");
  }

  @Test
  void textTheSecretariatTypesIsEscapedOnThePage() throws Exception {
    mvc.perform(get("/circulars/" + draft.id().value()).with(as("tsb")))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(not(containsString("<script>alert")), not(containsString("<img src=x")),
            containsString("&lt;script&gt;alert"), containsString("&lt;img src=x"))));
  }

  private static RequestPostProcessor anonymous() {
    return request -> request;
  }

  private RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }
}
