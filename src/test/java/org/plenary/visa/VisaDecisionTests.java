package org.plenary.visa;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The visa desk refuses a request or returns it for correction, with a reason the participant and focal point read. */
@DemoTest
class VisaDecisionTests {

  private static final AtomicInteger NEXT = new AtomicInteger();

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;

  private final String code = MeetingCatalog.deriveCode(LocalDate.now().plusWeeks(8), "gva");
  private final LocalDate end = LocalDate.now().plusWeeks(8).plusDays(2);

  @Test
  void aReturnedRequestShowsWhatToCorrectAndCanBeSentAgainThenRefused() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Desk Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vp" + n, org);
    String focal = account("vf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);

    mvc.perform(post("/api/v1/visa/" + visa + "/return").header("Authorization", tokens.bearer(participant))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/visa/" + visa + "/return").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \" \"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/visa/" + visa + "/return").with(user(users.loadUserByUsername("tsb"))).with(csrf())
            .param("reason", "The place of birth is missing its country."))
        .andExpect(redirectedUrl("/visa/" + visa));

    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername(participant))))
        .andExpect(content().string(allOf(containsString("returned to you for correction"),
            containsString("The place of birth is missing its country."), containsString("Correct and send again"),
            not(containsString("RETURNED")))));
    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(focal)))
        .andExpect(jsonPath("$.peopleVisaRequests[0].state").value("RETURNED"))
        .andExpect(jsonPath("$.peopleVisaRequests[0].reason").value("The place of birth is missing its country."));
    mvc.perform(get("/registrations/" + registrationOf(visa, participant) + "/visa").with(user(users.loadUserByUsername(participant))))
        .andExpect(content().string(allOf(containsString("returned your request for correction"),
            containsString("value=\"Embassy of Switzerland in Paris\""))));

    mvc.perform(post("/api/v1/registrations/" + registrationOf(visa, participant) + "/visa")
            .header("Authorization", tokens.bearer(participant)).contentType(MediaType.APPLICATION_JSON)
            .content(form("Lyon, France")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.request.id").value(visa))
        .andExpect(jsonPath("$.request.status").value("REQUESTED"));
    mvc.perform(post("/api/v1/visa/" + visa + "/refuse").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"The meeting is full.\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("REFUSED"))
        .andExpect(jsonPath("$.reason").value("The meeting is full."));
    mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isConflict());
    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(participant)))
        .andExpect(jsonPath("$.visaRequests[0].state").value("REFUSED"))
        .andExpect(jsonPath("$.visaRequests[0].reason").value("The meeting is full."));
  }

  @Test
  void theLogOfPassportReadsNamesWhoReadAndWhen() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Log Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vl" + n, org);
    String focal = account("vlf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer(focal))).andExpect(status().isOk());
    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("Who read the passport details"),
            containsString("Person " + focal), containsString("through the API"), containsString("(Europe/Zurich)"),
            not(containsString(focal + " api")))));
  }

  private long filedRequest(String participant, String focal, OrganizationId org) throws Exception {
    String created = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations")
            .header("Authorization", tokens.bearer(participant)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"fullName\": \"Person " + participant + "\", \"email\": \"p@example.org\", \"organizationId\": "
                + org.value() + ", \"countryCode\": \"FR\", \"attendance\": \"IN_PERSON\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    long registration = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
    mvc.perform(post("/api/v1/registrations/" + registration + "/approve").header("Authorization", tokens.bearer(focal)))
        .andExpect(status().isOk());
    String filed = mvc.perform(post("/api/v1/registrations/" + registration + "/visa")
            .header("Authorization", tokens.bearer(participant)).contentType(MediaType.APPLICATION_JSON)
            .content(form("Lyon")))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return Long.parseLong(filed.replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1"));
  }

  private long registrationOf(long visa, String participant) throws Exception {
    String json = mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer(participant)))
        .andReturn().getResponse().getContentAsString();
    return Long.parseLong(json.replaceAll(".*\"registrationId\":(\\d+).*", "$1"));
  }

  private String account(String username, OrganizationId organization) {
    accounts.create(new NewAccount(username, username + "@example.org", "Person " + username, organization, "FR", Set.of()),
        username + "-pass", false);
    return username;
  }

  private String form(String birthPlace) {
    return """
        {"fullName": "Person", "function": "Engineer", "birthDate": "1980-02-29", "birthPlace": "%s",
         "nationality": "French", "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
         "expiresOn": "%s", "mission": "Embassy of Switzerland in Paris"}""".formatted(birthPlace, end.plusYears(2));
  }
}
