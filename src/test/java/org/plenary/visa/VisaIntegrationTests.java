package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.OrganizationDirectory;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Visa support from request to letter, who may read the passport, and the purge after the meeting. */
@DemoTest
class VisaIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired OrganizationDirectory organizations;
  @Autowired JdbcClient jdbc;
  @Autowired VisaRequests requests;
  @Autowired VisaPurge purge;
  @Autowired MeetingCatalog meetings;
  @Autowired org.plenary.group.GroupCatalog groups;
  @Autowired org.plenary.account.AccountDirectory accounts;

  @Test
  void aDelegateGetsAVerifiableLetterAndOnlyThoseWhoNeedItSeeThePassport() throws Exception {
    // The demo's next meeting, with the dates it was given when this context started (maybe yesterday).
    var next = meetings.get("cloud", org.plenary.DemoMeetings.upcoming(groups, meetings));
    String code = next.code();
    LocalDate end = next.endDate();
    long orange = organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange")).findFirst()
        .orElseThrow().id().value();
    if (accounts.find("carla").isEmpty()) {
      accounts.create(new org.plenary.account.NewAccount("carla", "carla@orange.example", "Carla Petit",
          new org.plenary.account.OrganizationId(orange), "FR", java.util.Set.of()), "carla-pass", false);
    }
    String bob = tokens.bearer("carla");
    String registration = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations").header("Authorization", bob)
            .contentType(MediaType.APPLICATION_JSON).content("{\"fullName\": \"Bob Durand\", \"email\": \"bob@orange.example\", "
                + "\"organizationId\": " + orange + ", \"countryCode\": \"FR\", \"attendance\": \"IN_PERSON\"}"))
        .andReturn().getResponse().getContentAsString();
    long registrationId = Long.parseLong(registration.replaceAll(".*\"id\":(\\d+).*", "$1"));
    String visaPath = "/api/v1/registrations/" + registrationId + "/visa";
    mvc.perform(post(visaPath).header("Authorization", bob).contentType(MediaType.APPLICATION_JSON)
            .content(form("1980-02-29", "2031-01-01")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("needs an approved registration")));
    mvc.perform(post("/api/v1/registrations/" + registrationId + "/approve").header("Authorization", tokens.bearer("focal")))
        .andExpect(status().isOk());

    mvc.perform(post(visaPath).header("Authorization", bob).contentType(MediaType.APPLICATION_JSON)
            .content(form(LocalDate.now().plusDays(3).toString(), end.minusDays(1).toString())))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("birthDate")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("expiresOn")));
    String filed = mvc.perform(post(visaPath).header("Authorization", bob).contentType(MediaType.APPLICATION_JSON)
            .content(form("1980-02-29", end.plusMonths(1).toString())))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.warnings[0]").value(containsString("less than 3 months after the meeting")))
        .andReturn().getResponse().getContentAsString();
    long id = Long.parseLong(filed.replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1"));
    mvc.perform(post(visaPath).header("Authorization", bob).contentType(MediaType.APPLICATION_JSON)
        .content(form("1980-02-29", "2040-01-01"))).andExpect(status().isConflict());

    assertThat(jdbc.sql("SELECT passport FROM visa_requests WHERE id = ?").param(id).query(String.class).single())
        .doesNotContain("X1234567").doesNotContain("Lyon");
    mvc.perform(get("/api/v1/visa/" + id).header("Authorization", tokens.bearer("alice"))).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/visa/" + id).header("Authorization", tokens.bearer("chair"))).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/visa/" + id).header("Authorization", tokens.bearer("focal")))
        .andExpect(jsonPath("$.passport.number").value("X1234567"));

    mvc.perform(post("/api/v1/visa/" + id + "/approve").header("Authorization", bob)).andExpect(status().isForbidden());
    String approved = mvc.perform(post("/api/v1/visa/" + id + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(jsonPath("$.reference").value(org.hamcrest.Matchers.matchesPattern(
            code.toUpperCase() + "-V-%04d(-[0-9A-HJKMNP-TV-Z]{4}){4}".formatted(id))))
        .andReturn().getResponse().getContentAsString();
    String reference = approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    byte[] letter = mvc.perform(get("/api/v1/visa/" + id + "/letter.pdf").header("Authorization", bob))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    try (var pdf = Loader.loadPDF(letter)) {
      assertThat(new PDFTextStripper().getText(pdf)).contains(reference, "Bob Durand", "X1234567", "Lyon",
          "29 February 1980", "Embassy of Switzerland in Paris", "(FG Cloud)");
    }
    mvc.perform(get("/api/v1/visa/verify/" + reference))
        .andExpect(jsonPath("$.fullName").value("Bob Durand"))
        .andExpect(content().string(not(containsString("X1234567"))));
    mvc.perform(get("/visa/verify").param("reference", reference))
        .andExpect(content().string(containsString("is a valid letter for")))
        .andExpect(content().string(not(containsString("X1234567"))));
    assertThat(requests.reads(id)).contains("focal api", "carla letter");
  }

  @Test
  void purgesPassportDetailsAfterTheMeeting() {
    long account = jdbc.sql("SELECT id FROM accounts WHERE username = 'alice'").query(Long.class).single();
    var past = meetings.get("cloud", "1006-gva");
    long registration = jdbc.sql("""
            INSERT INTO registrations (meeting_id, account_id, full_name, email, category, country_code, first_time,
              attendance, status, submitted_at)
            VALUES (?, ?, 'Alice', 'alice@example.org', 'SECTOR_MEMBER', 'FR', FALSE, 'IN_PERSON', 'APPROVED', ?)""")
        .params(past.id().value(), account, Instant.parse("2010-05-01T10:00:00Z").atOffset(java.time.ZoneOffset.UTC))
        .update(new org.springframework.jdbc.support.GeneratedKeyHolder());
    long registrationId = jdbc.sql("SELECT MAX(id) FROM registrations").query(Long.class).single();
    long id = requests.insert(registrationId, past.id(), "Alice", null, "Paris", "sealed", Instant.parse("2010-05-02T10:00:00Z"));

    assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
    assertThat(requests.encryptedPassport(id)).isEmpty();
    assertThat(requests.find(id).orElseThrow().purgedAt()).isNotNull();
  }

  private static String form(String birthDate, String expires) {
    return """
        {"fullName": "Bob Durand", "function": "Engineer", "birthDate": "%s", "birthPlace": "Lyon",
         "nationality": "French", "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
         "expiresOn": "%s", "mission": "Embassy of Switzerland in Paris"}""".formatted(birthDate, expires);
  }
}
