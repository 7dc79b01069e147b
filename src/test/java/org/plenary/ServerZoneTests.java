package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "Not in the future" and "not over yet" do not depend on the server's zone. The clock stands at 11:00
 * UTC: 23:00 the day before in Etc/GMT+12 and 01:00 the day after in Pacific/Kiritimati, two dates
 * apart; the clock's own zone (what {@code Clock.systemDefaultZone()} gave a server there) is switched
 * between the two.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-server-zone;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class ServerZoneTests {

  static final Instant NOW = LocalDate.now(ZoneOffset.UTC).atTime(11, 0).toInstant(ZoneOffset.UTC);

  /** A clock standing at {@link #NOW} in a zone the test sets, as a server's default zone. */
  static final class ServerClock extends Clock {
    static volatile ZoneId zone = ZoneId.of("Etc/GMT+12");

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return Clock.fixed(NOW, other);
    }

    @Override
    public Instant instant() {
      return NOW;
    }
  }

  @TestBean Clock clock;

  static Clock clock() {
    return new ServerClock();
  }

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccountDirectory accounts;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;

  @Test
  void aPassportIssuedTodayInKiritimatiIsNotInTheFutureForAServerAtGmtMinus12() throws Exception {
    ServerClock.zone = ZoneId.of("Etc/GMT+12");
    LocalDate kiritimati = LocalDate.now(Clock.fixed(NOW, ZoneId.of("Pacific/Kiritimati")));
    String code = DemoMeetings.upcoming(groups, meetings);
    LocalDate end = meetings.get("cloud", code).endDate();
    long orange = organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange")).findFirst()
        .orElseThrow().id().value();
    accounts.create(new NewAccount("zone-delegate", "zone@orange.example", "Teuea Toatu", new OrganizationId(orange), "KI",
        Set.of()), "zone-pass-2026", false);
    String delegate = tokens.bearer("zone-delegate");
    String registration = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations")
            .header("Authorization", delegate).contentType(MediaType.APPLICATION_JSON)
            .content("{\"fullName\": \"Teuea Toatu\", \"email\": \"zone@orange.example\", \"organizationId\": " + orange
                + ", \"countryCode\": \"FR\", \"attendance\": \"IN_PERSON\"}"))
        .andReturn().getResponse().getContentAsString();
    long id = Long.parseLong(registration.replaceAll(".*\"id\":(\\d+).*", "$1"));
    mvc.perform(post("/api/v1/registrations/" + id + "/approve").header("Authorization", tokens.bearer("focal")))
        .andExpect(status().isOk());
    String visa = "/api/v1/registrations/" + id + "/visa";

    // Two days after Kiritimati's today is in the future everywhere.
    mvc.perform(post(visa).header("Authorization", delegate).contentType(MediaType.APPLICATION_JSON)
            .content(form(kiritimati.plusDays(1), kiritimati.plusDays(1), end.plusYears(1))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", hasItem("birthDate")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("issuedOn")));
    // Issued today where the delegate is: the server's date (two days earlier) does not refuse it.
    mvc.perform(post(visa).header("Authorization", delegate).contentType(MediaType.APPLICATION_JSON)
            .content(form(LocalDate.of(1980, 2, 29), kiritimati, end.plusYears(1))))
        .andExpect(status().isCreated());
  }

  @Test
  void aMeetingGoingOnAtGmtMinus12IsUpcomingForAServerInKiritimati() {
    ServerClock.zone = ZoneId.of("Pacific/Kiritimati");
    LocalDate there = LocalDate.now(Clock.fixed(NOW, ZoneId.of("Etc/GMT+12")));
    groups.create(new org.plenary.group.GroupDraft("zone", "FG Zone", "Focus Group on Zones", null, null, "English", 12,
        null, null, List.of(), List.of(), List.of()));
    var meeting = meetings.schedule("zone", new MeetingDraft(null, there, there, "Etc/GMT+12", "Baker Island", null, "bak",
        null, null, null, null, "English", false, true, null, null, null, null, LatePolicy.FLAG, List.of(), List.of()));
    assertThat(meeting.isUpcoming(NOW)).as("its only day goes on until midnight at GMT-12").isTrue();
    assertThat(meetings.upcoming()).as("meetings not over").anyMatch(m -> m.id().equals(meeting.id()));
  }

  private static String form(LocalDate birth, LocalDate issued, LocalDate expires) {
    return """
        {"fullName": "Teuea Toatu", "function": "Engineer", "birthDate": "%s", "birthPlace": "Tabwakea",
         "nationality": "I-Kiribati", "passportNumber": "K1234567", "issuingCountry": "Kiribati", "issuedOn": "%s",
         "expiresOn": "%s", "mission": "Embassy of Switzerland"}""".formatted(birth, issued, expires);
  }
}
