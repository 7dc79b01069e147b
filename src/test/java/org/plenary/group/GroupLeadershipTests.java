package org.plenary.group;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who leads a group with an account is the secretariat's to decide (the parent group appoints its
 * chair and vice-chairs; a linked account manages the group): its management edits the rest, on the
 * API and on the page alike.
 */
@DemoTest
class GroupLeadershipTests {

  private static final String GROUP = """
      {"slug": "%s", "acronym": "FG %1$s", "name": "Focus Group on Leadership", "workingLanguage": "English",
       "lifetimeMonths": 12, "sections": [], "milestones": [],
       "leaders": [%s]}""";
  private static final String BOB_CHAIR = """
      {"role": "CHAIR", "personName": "Bob Chair", "organization": "Org", "countryCode": "CH", "username": "bob"}""";
  private static final String BOB_CHAIR_RENAMED = """
      {"role": "CHAIR", "personName": "Robert Chair", "organization": "Another Org", "countryCode": "FR", "username": "bob"}""";
  private static final String ALICE_VICE = """
      {"role": "VICE_CHAIR", "personName": "Alice Vice", "countryCode": "CH", "username": "alice"}""";
  private static final String UNLINKED_VICE = """
      {"role": "VICE_CHAIR", "personName": "Someone Without Account", "countryCode": "DE"}""";

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;

  @Test
  void theManagementEditsItsLeadersDetailsButOnlyTheSecretariatLinksAccountsOrChangesTheirRoles() throws Exception {
    create("lead-api", BOB_CHAIR);
    putAs("bob", "lead-api", BOB_CHAIR + "," + ALICE_VICE)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("leaders[1].username")))
        .andExpect(jsonPath("$.errors[0].message", containsString("Only the secretariat")));
    putAs("bob", "lead-api", BOB_CHAIR.replace("CHAIR", "VICE_CHAIR"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("leaders[0].username")));
    putAs("bob", "lead-api", UNLINKED_VICE)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("leaders")));
    putAs("bob", "lead-api", BOB_CHAIR_RENAMED.replace("\"bob\"", "\"BOB\"") + "," + UNLINKED_VICE)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.leadership[0].personName").value("Robert Chair"))
        .andExpect(jsonPath("$.leadership[1].personName").value("Someone Without Account"));
    putAs("tsb", "lead-api", BOB_CHAIR + "," + ALICE_VICE)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.leadership[1].username").value("alice"));
  }

  @Test
  void theEditPageRefusesTheSameAppointmentOnTheRowInTheReadersLanguage() throws Exception {
    create("lead-page", BOB_CHAIR);
    mvc.perform(get("/groups/lead-page/edit").with(user(users.loadUserByUsername("bob"))))
        .andExpect(content().string(containsString("linking an account to a leader")));
    mvc.perform(get("/groups/lead-page/edit").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(not(containsString("linking an account to a leader"))));
    mvc.perform(post("/groups/lead-page/edit").with(user(users.loadUserByUsername("bob"))).with(csrf())
            .header("Accept-Language", "fr")
            .param("acronym", "FG Lead").param("name", "Focus Group on Leadership").param("workingLanguage", "English")
            .param("lifetimeMonths", "12")
            .param("leaders[0].role", "CHAIR").param("leaders[0].personName", "Bob Chair").param("leaders[0].username", "bob")
            .param("leaders[1].role", "VICE_CHAIR").param("leaders[1].personName", "Alice").param("leaders[1].username", "alice"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("demandez-lui de lier")));
    mvc.perform(post("/groups/lead-page/edit").with(user(users.loadUserByUsername("bob"))).with(csrf())
            .param("acronym", "FG Lead").param("name", "Focus Group on Careful Leadership").param("workingLanguage", "English")
            .param("lifetimeMonths", "12")
            .param("leaders[0].role", "CHAIR").param("leaders[0].personName", "Bob Chair").param("leaders[0].username", "bob"))
        .andExpect(redirectedUrl("/groups/lead-page"));
  }

  private void create(String slug, String leaders) throws Exception {
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted(slug, leaders)))
        .andExpect(status().isCreated());
  }

  private org.springframework.test.web.servlet.ResultActions putAs(String who, String slug, String leaders) throws Exception {
    return mvc.perform(put("/api/v1/groups/" + slug).header("Authorization", tokens.bearer(who))
        .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted(slug, leaders)));
  }
}
