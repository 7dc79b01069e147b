package org.plenary.visa;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Set;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationId;
import org.plenary.web.ApiTokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** What the visa tests set up through the API: accounts, meetings and visa requests filed by an approved participant. */
final class VisaScenario {

  /** The visa form's passport expires two years after the day every test meeting of this package ends by. */
  private static final LocalDate END = LocalDate.now().plusWeeks(8).plusDays(2);

  private final MockMvc mvc;
  private final ApiTokens tokens;
  private final AccountDirectory accounts;

  VisaScenario(MockMvc mvc, ApiTokens tokens, AccountDirectory accounts) {
    this.mvc = mvc;
    this.tokens = tokens;
    this.accounts = accounts;
  }

  /** An account of {@code organization} whose password is its name followed by {@code -pass}. */
  String account(String username, OrganizationId organization) {
    accounts.create(new NewAccount(username, username + "@example.org", "Person " + username, organization, "FR", Set.of()),
        username + "-pass", false);
    return username;
  }

  /** A visa request for meeting {@code code}, filed by {@code participant} once {@code focal} approved the registration. */
  long filedRequest(String participant, String focal, OrganizationId org, String code) throws Exception {
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

  /** A meeting of the cloud group eight weeks ahead, as the API takes it; without {@code code} for an edit. */
  static String meeting(String code, String venue) {
    LocalDate start = LocalDate.now().plusWeeks(8);
    return """
        {%s"startDate": "%s", "endDate": "%s", "venueName": "%s", "venueCode": "gva", "timeZone": "Europe/Zurich",
         "languages": "English", "documentsPublic": true}""".formatted(code == null ? "" : "\"code\": \"" + code + "\", ",
        start, start.plusDays(2), venue);
  }

  static String form(String birthPlace) {
    return """
        {"fullName": "Person", "function": "Engineer", "birthDate": "1980-02-29", "birthPlace": "%s",
         "nationality": "French", "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
         "expiresOn": "%s", "mission": "Embassy of Switzerland in Paris"}""".formatted(birthPlace, END.plusYears(2));
  }
}
