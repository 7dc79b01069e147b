package org.plenary.output;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The living list, terminology and deliverables forms post and come back to their page: a refused one
 * comes back with what was typed in its fields, not empty, and only in the form that was sent.
 */
@DemoTest
class OutputFormsKeepTypedTests {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;

  @Test
  void aRefusedLivingListEntryComesBackWithWhatWasTyped() throws Exception {
    String page = refusedThenShown(post("/groups/cloud/living-list").param("organization", "")
        .param("bodyGroup", "SC 38 typed here").param("topics", "Cloud typed topics"), "/groups/cloud/living-list");
    org.hamcrest.MatcherAssert.assertThat(page, allOf(containsString("value=\"SC 38 typed here\""),
        containsString("value=\"Cloud typed topics\"")));
  }

  @Test
  void aRefusedTermComesBackWithItsDefinitionAndARefusedSupersessionOnlyInItsOwnRow() throws Exception {
    String page = refusedThenShown(post("/groups/cloud/terms").param("term", "")
        .param("definition", "A definition typed here").param("note", "A note typed here"), "/groups/cloud/terms");
    org.hamcrest.MatcherAssert.assertThat(page, allOf(containsString(">A definition typed here</textarea>"),
        containsString("value=\"A note typed here\"")));
    String superseded = refusedThenShown(post("/groups/cloud/terms/1/supersession").param("by", "no such term typed"),
        "/groups/cloud/terms");
    org.hamcrest.MatcherAssert.assertThat(superseded, allOf(containsString("value=\"no such term typed\""),
        not(containsString(">A definition typed here</textarea>"))));
  }

  @Test
  void aRefusedLifetimeExtensionComesBackWithItsDecision() throws Exception {
    String page = refusedThenShown(post("/groups/cloud/lifetime-extensions").param("months", "")
        .param("decidedBy", "TSAG meeting typed here"), "/groups/cloud/deliverables");
    org.hamcrest.MatcherAssert.assertThat(page, containsString("value=\"TSAG meeting typed here\""));
  }

  /** Sends the form as the secretariat, follows the redirect with its flash, and gives the page. */
  private String refusedThenShown(MockHttpServletRequestBuilder form, String back) throws Exception {
    var tsb = user(users.loadUserByUsername("tsb"));
    MvcResult sent = mvc.perform(form.with(tsb).with(csrf())).andExpect(redirectedUrl(back)).andReturn();
    var flash = sent.getFlashMap();
    org.hamcrest.MatcherAssert.assertThat("a problem is shown", flash.get("problem"), org.hamcrest.Matchers.notNullValue());
    // As a browser does: the redirect is followed in the same session (kept in the database), where the flash waits.
    var session = sent.getResponse().getCookie("SESSION");
    var request = get(back).with(tsb);
    return mvc.perform(session == null ? request.flashAttrs(flash) : request.cookie(session))
        .andExpect(content().string(containsString("role=\"alert\""))).andReturn().getResponse().getContentAsString();
  }
}
