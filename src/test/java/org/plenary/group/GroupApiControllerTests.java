package org.plenary.group;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@DemoTest
class GroupApiControllerTests {

  private static final String GROUP = """
      {"slug": "%s", "acronym": "FG %1$s", "name": "Focus Group on Testing", "parentSlug": "tsag",
       "workingLanguage": "English", "lifetimeMonths": 18,
       "sections": [{"heading": "1 Scope", "body": "Testing **everything**."}],
       "leaders": [{"role": "CHAIR", "personName": "Chair Person", "countryCode": "CH", "username": "%s"}],
       "milestones": [{"dueOn": "2040-01-01", "title": "Final report"}]}""";

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;

  @Test
  void anyoneReadsGroupsWithTermsOfReferenceLeadershipAndLifetime() throws Exception {
    mvc.perform(get("/api/v1/groups"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].slug", hasItem("cloud")));
    mvc.perform(get("/api/v1/groups/cloud"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.acronym").value("FG Cloud"))
        .andExpect(jsonPath("$.parent").value("tsag"))
        .andExpect(jsonPath("$.termsOfReference.length()").value(19))
        .andExpect(jsonPath("$.termsOfReference[0].heading").value("1 Scope"))
        .andExpect(jsonPath("$.leadership[0].role").value("CHAIR"))
        .andExpect(jsonPath("$.leadership[0].personName").value("Vladimir Belenkovich"))
        .andExpect(jsonPath("$.leadership.length()").value(6))
        .andExpect(jsonPath("$.lifetime.startsOn").value("2010-06-14"))
        .andExpect(jsonPath("$.lifetime.endsOn").value("2011-06-13"))
        .andExpect(jsonPath("$.milestones[1].dueOn").value("2011-02-08"));
  }

  @Test
  void theSecretariatCreatesAGroupThatItsChairThenEdits() throws Exception {
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("alice"))
            .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("testing", "bob")))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("testing", "bob")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.leadership[0].username").value("bob"))
        .andExpect(jsonPath("$.lifetime.months").value(18));
    mvc.perform(put("/api/v1/groups/testing").header("Authorization", tokens.bearer("alice"))
            .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("testing", "bob")))
        .andExpect(status().isForbidden());
    mvc.perform(put("/api/v1/groups/testing").header("Authorization", tokens.bearer("bob"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(GROUP.formatted("ignored", "bob").replace("Focus Group on Testing", "Focus Group on Careful Testing")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.slug").value("testing"))
        .andExpect(jsonPath("$.name").value("Focus Group on Careful Testing"));
  }

  @Test
  void refusesUnknownAccountsCountriesParentsAndSlugs() throws Exception {
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(GROUP.formatted("ghosts", "nobody")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("leaders[0].username")));
    // A code that is no ISO 3166-1 code is refused on the request, before any account is looked up.
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(GROUP.formatted("ghosts", "nobody").replace("\"CH\"", "\"XX\"")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("leaders[0].countryCode")));
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("Bad Slug!", "bob")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("slug"));
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(GROUP.formatted("cloud", "bob")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message").value("A group with the slug \"cloud\" already exists."));
    mvc.perform(post("/api/v1/groups").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(GROUP.formatted("orphan", "bob").replace("\"tsag\"", "\"nowhere\"")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("parentSlug"));
  }
}
