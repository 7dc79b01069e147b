package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The API's register pages by a cursor: following {@code Link: rel="next"} lists every number once. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:plenary-register-paging;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class RegisterPagingTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;

  private String register;

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    register = "/api/v1/groups/cloud/meetings/" + DemoMeetings.upcoming(groups, meetings) + "/contributions";
  }

  @Test
  void followingTheNextLinksListsTheWholeRegisterOnceInOrder() throws Exception {
    String alice = tokens.bearer("alice");
    for (int i = 0; i < 7; i++) {
      mvc.perform(post(register).header("Authorization", alice).contentType(MediaType.APPLICATION_JSON)
          .content("{\"title\": \"Paged " + i + "\", \"source\": \"Orange\"}")).andExpect(status().isCreated());
    }
    List<String> whole = numbers(mvc.perform(get(register)).andExpect(status().isOk()).andReturn());
    assertThat(whole).hasSizeGreaterThanOrEqualTo(7);

    List<String> paged = new ArrayList<>();
    String next = register + "?limit=3";
    int pages = 0;
    while (next != null) {
      MvcResult page = mvc.perform(get(next)).andExpect(status().isOk()).andReturn();
      List<String> numbers = numbers(page);
      assertThat(numbers).hasSizeBetween(1, 3);
      paged.addAll(numbers);
      String link = page.getResponse().getHeader("Link");
      next = link == null ? null : link.replaceAll("^<([^>]+)>; rel=\"next\"$", "$1");
      pages++;
    }
    assertThat(paged).isEqualTo(whole);
    assertThat(pages).isEqualTo((whole.size() + 2) / 3);
  }

  @Test
  void refusesALimitOutOfRangeAndACursorThatIsNotInTheRegister() throws Exception {
    mvc.perform(get(register + "?limit=0")).andExpect(status().isBadRequest());
    mvc.perform(get(register + "?limit=1001")).andExpect(status().isBadRequest());
    mvc.perform(get(register + "?limit=5&after=FG-Cloud-I-9999")).andExpect(status().isBadRequest());
  }

  private static List<String> numbers(MvcResult result) throws Exception {
    return JsonPath.read(result.getResponse().getContentAsString(), "$[*].number");
  }
}
