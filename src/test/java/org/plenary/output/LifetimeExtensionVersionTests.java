package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A lifetime extension is recorded on the lifetime its recorder saw: the same decision sent twice (two tabs,
 * two managers, a form sent again) extended the group twice, its end moved a year where the parent group
 * gave six months. The page's form carries the extensions it showed; one recorded since refuses the other.
 */
@DemoTest
class LifetimeExtensionVersionTests {

  private static final Pattern SEEN = Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"");

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired MilestonePlan plan;
  @Autowired org.plenary.web.ApiTokens tokens;

  @Test
  void theSameDecisionSentTwiceExtendsTheLifetimeOnce() throws Exception {
    var tsb = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get("/groups/cloud/deliverables").with(tsb)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    Matcher seen = SEEN.matcher(page.substring(page.indexOf("/lifetime-extensions\"")));
    assertThat(seen.find()).as("the extension form carries the extensions it showed").isTrue();
    int before = plan.lifetime("cloud").extensions().size();

    for (int tab = 0; tab < 2; tab++) {
      var sent = mvc.perform(post("/groups/cloud/lifetime-extensions").with(tsb).with(csrf())
          .param("months", "6").param("decidedBy", "TSAG, TD 123").param("decidedOn", "2011-01-20")
          .param("editVersion", seen.group(1)));
      if (tab == 1) {
        sent.andExpect(flash().attribute("problem", containsString("was recorded since you opened the page")));
      }
    }
    assertThat(plan.lifetime("cloud").extensions()).hasSize(before + 1);
  }

  @Test
  void theApiGivesTheLifetimeWithAnETagAndRecordsAnExtensionOnTheOneRead() throws Exception {
    String tsb = tokens.bearer("tsb");
    var read = mvc.perform(get("/api/v1/groups/cloud/lifetime").header("Authorization", tsb))
        .andExpect(status().isOk()).andReturn().getResponse();
    String etag = read.getHeader("ETag");
    int before = plan.lifetime("cloud").extensions().size();
    assertThat(etag).isEqualTo("\"v" + plan.lifetime("cloud").version() + "\"");
    String decision = "{\"months\": 6, \"decidedBy\": \"TSAG, TD 456\", \"decidedOn\": \"2011-02-01\"}";

    mvc.perform(post("/api/v1/groups/cloud/lifetime-extensions").header("Authorization", tsb).header("If-Match", etag)
            .contentType("application/json").content(decision))
        .andExpect(status().isCreated()).andExpect(header().string("ETag", "\"v" + plan.lifetime("cloud").version() + "\""))
        .andExpect(jsonPath("$.extensions.length()").value(before + 1)).andExpect(jsonPath("$.version").doesNotExist());
    // The same decision sent again on the lifetime first read: refused, recorded once.
    mvc.perform(post("/api/v1/groups/cloud/lifetime-extensions").header("Authorization", tsb).header("If-Match", etag)
            .contentType("application/json").content(decision))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString("was recorded since you opened the page")));
    assertThat(plan.lifetime("cloud").extensions()).hasSize(before + 1);

    String after = mvc.perform(get("/api/v1/groups/cloud/lifetime").header("Authorization", tsb))
        .andReturn().getResponse().getHeader("ETag");
    assertThat(after).isNotEqualTo(etag);
    mvc.perform(post("/api/v1/groups/cloud/lifetime-extensions").header("Authorization", tokens.bearer("alice"))
            .contentType("application/json").content(decision))
        .andExpect(status().isForbidden());
  }
}
