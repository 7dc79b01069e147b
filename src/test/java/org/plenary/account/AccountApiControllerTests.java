package org.plenary.account;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@DemoTest
class AccountApiControllerTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;

  @Test
  void administratorsOpenAccountsAndOrganizationsOverTheApi() throws Exception {
    String account = "{\"username\": \"delegate42\", \"email\": \"delegate42@example.org\", \"displayName\": \"Delegate 42\","
        + " \"countryCode\": \"CH\", \"password\": \"a-fine-password\", \"oneTimePassword\": false}";
    mvc.perform(post("/api/v1/accounts").header("Authorization", tokens.bearer("alice"))
        .contentType(MediaType.APPLICATION_JSON).content(account)).andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/accounts").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(account))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.username").value("delegate42"))
        .andExpect(jsonPath("$.mustChangePassword").value(false));
    mvc.perform(post("/api/v1/accounts").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(account))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message").value("That username or e-mail address already has an account."));
    mvc.perform(post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\": \"delegate42\", \"password\": \"a-fine-password\"}"))
        .andExpect(status().isCreated());
    mvc.perform(post("/api/v1/organizations").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"Swisscom\", \"category\": \"SECTOR_MEMBER\", \"countryCode\": \"CH\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.category").value("SECTOR_MEMBER"));
    mvc.perform(get("/api/v1/organizations")).andExpect(jsonPath("$[*].name", hasItem("Swisscom")));
  }
}
