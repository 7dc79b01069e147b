package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An open re-issue request is work on each desk it concerns — the participant's and their focal point's (waiting for
 * the secretariat), the secretariat's (to re-issue or decline) — and the navigation's counts are the lengths of the
 * desk's lists they link to, for each role. Before, the desk, its JSON and the "Visa requests" count left them out:
 * a secretariat with only asks to settle saw nothing waiting anywhere but on the visa list itself.
 */
@DemoTest
class ReissueAskDeskTests {

  private static final Pattern BADGE = Pattern.compile(
      "<a href=\"(/desk#decide|/desk#incoming|/secretariat/visa)\">[^<]*(?:<span class=\"count\">(\\d+)</span>)?");

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired UserDetailsService users;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void anOpenReissueRequestIsOnEachDeskItConcernsAndEachBadgeCountsItsList() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    OrganizationId org = organizations.create("Reissue Desk Org", OrganizationCategory.SECTOR_MEMBER, "FR");
    var scenario = new VisaScenario(mvc, tokens, accounts);
    String participant = scenario.account("rdp", org);
    String focal = scenario.account("rdf", org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = scenario.filedRequest(participant, focal, org, code);
    mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk());
    // A registration of the organization left waiting: the focal point's "To decide" has something to count.
    String waiting = scenario.account("rdw", org);
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations")
            .header("Authorization", tokens.bearer(waiting)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"fullName\": \"Person rdw\", \"email\": \"rdw@example.org\", \"organizationId\": " + org.value()
                + ", \"countryCode\": \"FR\", \"attendance\": \"REMOTE\"}"))
        .andExpect(status().isCreated());
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue-requests").header("Authorization", tokens.bearer(participant))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"The embassy wants a later date.\"}"))
        .andExpect(status().isCreated());

    // Each desk it concerns lists it, with the asker's reason and the request's page.
    String asked = "[?(@.kind == 'REISSUE_REQUEST' && @.id == " + visa + ")]";
    for (var mine : Map.of(participant, "visaRequests", focal, "peopleVisaRequests", "tsb", "visaWaiting").entrySet()) {
      String desk = desk(mine.getKey());
      List<Map<String, Object>> items = JsonPath.read(desk, "$." + mine.getValue() + asked);
      assertThat(items).as("%s's %s", mine.getKey(), mine.getValue()).singleElement().satisfies(item -> {
        assertThat(item).containsEntry("state", "OPEN").containsEntry("reason", "The embassy wants a later date.")
            .containsEntry("link", "/visa/" + visa);
      });
    }
    assertThat(page("tsb")).contains("new letter asked for</strong><span> — <bdi>The embassy wants a later date.</bdi>");
    assertThat(page(participant)).contains("new letter asked for");

    // For each role, each count the navigation shows is the length of the list it links to (none shown for none).
    for (String who : List.of(participant, focal, "tsb")) {
      String desk = desk(who);
      Map<String, Integer> badges = badges(page(who));
      int incoming = JsonPath.<List<Integer>>read(desk, "$.incoming[*].count").stream().mapToInt(Integer::intValue).sum();
      assertThat(badges.getOrDefault("/desk#decide", 0)).as(who + ": To decide")
          .isEqualTo((int) JsonPath.<Integer>read(desk, "$.toDecide.length()"));
      assertThat(badges.getOrDefault("/desk#incoming", 0)).as(who + ": Incoming").isEqualTo(incoming);
      assertThat(badges.getOrDefault("/secretariat/visa", 0)).as(who + ": Visa requests")
          .isEqualTo(who.equals("tsb") ? (int) JsonPath.<Integer>read(desk, "$.visaWaiting.length()") : 0);
    }
    assertThat(badges(page(focal))).containsEntry("/desk#decide", 1);
    assertThat(badges(page("tsb")).get("/secretariat/visa")).isPositive();
  }

  /**
   * Every letter the visa desk asks the secretariat to re-issue is counted by the navigation and listed on the personal
   * desk, each once, with the meeting's visa deadline as its due date like the requests waiting: a letter whose meeting
   * moved, one whose facts are unknown and one asked for again. Before, the count and the desk held only the asked one,
   * and without a date.
   */
  @Test
  void everyLetterToReissueIsCountedAndListedWithTheVisaDeadline() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    OrganizationId org = organizations.create("Reissue Count Org", OrganizationCategory.SECTOR_MEMBER, "FR");
    var scenario = new VisaScenario(mvc, tokens, accounts);
    String focal = scenario.account("rkf", org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long moved = approved(scenario, scenario.account("rkm", org), focal, org, code);
    long unknown = approved(scenario, scenario.account("rku", org), focal, org, code);
    String asker = scenario.account("rka", org);
    long asked = approved(scenario, asker, focal, org, code);
    jdbc.sql("UPDATE visa_requests SET letter_venue = 'Palais des Nations', letter_starts = ?, letter_ends = ? WHERE id = ?")
        .params(java.time.LocalDate.of(2042, 3, 3), java.time.LocalDate.of(2042, 3, 5), moved).update();
    jdbc.sql("UPDATE visa_requests SET letter_venue = NULL, letter_starts = NULL, letter_ends = NULL,"
        + " letter_facts_unknown = TRUE WHERE id = ?").param(unknown).update();
    mvc.perform(post("/api/v1/visa/" + asked + "/reissue-requests").header("Authorization", tokens.bearer(asker))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"The embassy wants a later date.\"}"))
        .andExpect(status().isCreated());
    try {
      String desk = desk("tsb");
      String closes = JsonPath.<List<String>>read(desk, "$.visaWaiting[?(@.id == " + moved + ")].due").get(0);
      assertThat(closes).as("a letter to re-issue has a due date").isNotNull();
      for (var item : Map.of(moved, "LETTER_TO_REISSUE/MOVED", unknown, "LETTER_TO_REISSUE/FACTS_UNKNOWN",
          asked, "REISSUE_REQUEST/OPEN").entrySet()) {
        List<Map<String, Object>> found = JsonPath.read(desk, "$.visaWaiting[?(@.id == " + item.getKey() + ")]");
        assertThat(found).as(item.getValue()).singleElement().satisfies(i -> {
          assertThat(i.get("kind") + "/" + i.get("state")).isEqualTo(item.getValue());
          assertThat(i).containsEntry("link", "/visa/" + item.getKey()).containsEntry("due", closes);
        });
      }
      List<String> dues = JsonPath.read(desk, "$.visaWaiting[*].due");
      assertThat(dues).as("sorted by due date").isSortedAccordingTo(
          java.util.Comparator.nullsLast(java.util.Comparator.comparing(java.time.Instant::parse)));
      String page = page("tsb");
      assertThat(page).contains("meeting moved since the letter was approved", "what the letter states is not known");
      int listed = JsonPath.<Integer>read(desk, "$.visaWaiting.length()");
      assertThat(badges(page).get("/secretariat/visa")).as("the badge: the desk's list").isEqualTo(listed);
      String visaDesk = mvc.perform(get("/secretariat/visa").with(user(users.loadUserByUsername("tsb"))))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
      assertThat(visaDesk.split("<li><a href=\"/visa/", -1).length - 1).as("the visa desk's items").isEqualTo(listed);
    } finally {
      for (long letter : List.of(moved, unknown, asked)) {
        mvc.perform(post("/api/v1/visa/" + letter + "/reissue").header("Authorization", tokens.bearer("tsb")))
            .andExpect(status().isOk());
      }
    }
  }

  private long approved(VisaScenario scenario, String participant, String focal, OrganizationId org, String code)
      throws Exception {
    long visa = scenario.filedRequest(participant, focal, org, code);
    mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk());
    return visa;
  }

  private String desk(String username) throws Exception {
    return mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(username)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private String page(String username) throws Exception {
    return mvc.perform(get("/desk").with(user(users.loadUserByUsername(username))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  /** The navigation's counts by the link that carries them (a link without a count is there as nothing waits). */
  private static Map<String, Integer> badges(String page) {
    var counts = new java.util.HashMap<String, Integer>();
    Matcher m = BADGE.matcher(page.substring(0, page.indexOf("</nav>")));
    while (m.find()) {
      counts.put(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }
    return counts;
  }
}
