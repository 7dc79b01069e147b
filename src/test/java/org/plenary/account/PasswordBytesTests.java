package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * bcrypt reads the first 72 bytes of a password and ignores the rest: a longer one would match every password sharing
 * its first 72 bytes. Such a password is refused where it is typed, naming the field, counted in UTF-8 bytes.
 */
@DemoTest
class PasswordBytesTests {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;

  @Test
  void aTokenRequestWithAPasswordPastWhatBcryptReadsIsRefusedNamingIt() throws Exception {
    // 25 Chinese characters: 25 characters, 75 bytes.
    mvc.perform(post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"password-bytes\",\"password\":\"" + "密".repeat(25) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("password"))
        .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("72 bytes")));
    // 24 of them are 72 bytes: not refused for their length (a wrong password).
    mvc.perform(post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"password-bytes\",\"password\":\"" + "密".repeat(24) + "\"}"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void aNewPasswordPastWhatBcryptReadsIsAFieldErrorNotASilentlyCutOne() throws Exception {
    String longer = "alice-demo-" + "x".repeat(62);
    String page = mvc.perform(post("/account/password").with(user(users.loadUserByUsername("alice"))).with(csrf())
            .param("currentPassword", "alice-demo").param("newPassword", longer).param("confirmation", longer))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("72 bytes").contains("aria-invalid=\"true\"");
  }
}
