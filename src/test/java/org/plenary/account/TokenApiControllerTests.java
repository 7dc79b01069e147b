package org.plenary.account;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@DemoTest
class TokenApiControllerTests {

  @Autowired MockMvc mvc;
  @Autowired AccountDirectory accounts;

  @Test
  void exchangesAPasswordForATokenThatTheApiAccepts() throws Exception {
    String response = mvc.perform(post("/api/v1/tokens").with(from("10.0.0.1")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\": \"tsb\", \"password\": \"tsb-demo\", \"name\": \"script\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.token").value(startsWith("plenary_")))
        .andExpect(jsonPath("$.username").value("tsb"))
        .andReturn().getResponse().getContentAsString();
    String token = response.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    mvc.perform(post("/api/v1/groups/tsag/meetings").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void givesTheSameAnswerForUnknownUsersAndWrongPasswords() throws Exception {
    for (String body : new String[] {"{\"username\": \"tsb\", \"password\": \"wrong\"}",
        "{\"username\": \"nobody\", \"password\": \"wrong\"}"}) {
      mvc.perform(post("/api/v1/tokens").with(from("10.0.0.2")).contentType(MediaType.APPLICATION_JSON).content(body))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.detail").value("Wrong username or password."));
    }
  }

  @Test
  void locksOutAUsernameAfterRepeatedFailuresFromAnyAddressButNotOtherUsernames() throws Exception {
    accounts.create(new NewAccount("token-locked", "token-locked@example.org", "Locked", null, null, java.util.Set.of()),
        "token-locked-pass", false);
    for (int i = 0; i < 5; i++) {
      mvc.perform(post("/api/v1/tokens").with(from("10.0.0.3")).contentType(MediaType.APPLICATION_JSON)
          .content("{\"username\": \"token-locked\", \"password\": \"guess" + i + "\"}")).andExpect(status().isUnauthorized());
    }
    for (String address : new String[] {"10.0.0.3", "10.0.0.4"}) {
      mvc.perform(post("/api/v1/tokens").with(from(address)).contentType(MediaType.APPLICATION_JSON)
              .content("{\"username\": \"token-locked\", \"password\": \"token-locked-pass\"}"))
          .andExpect(status().isTooManyRequests())
          .andExpect(header().exists("Retry-After"))
          .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Try again after")));
    }
    mvc.perform(post("/api/v1/tokens").with(from("10.0.0.3")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\": \"alice\", \"password\": \"alice-demo\"}"))
        .andExpect(status().isCreated());
  }

  @Test
  void theOpenApiDescriptionListsTheResources() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/tokens'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/groups/{slug}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/groups/{slug}/meetings'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/groups/{slug}/meetings/{code}/agenda'].put").exists());
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }
}
