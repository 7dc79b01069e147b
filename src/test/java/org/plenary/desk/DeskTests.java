package org.plenary.desk;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.ContributionDesk;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Attendance;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationForm;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Each role's desk, page and API, and the focal point's decisions in place. */
@DemoTest
class DeskTests {

  private static final AtomicInteger NEXT = new AtomicInteger();

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired RegistrationDesk registrations;
  @Autowired ContributionDesk contributions;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;

  private String code;

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    code = DemoMeetings.upcoming(groups, meetings);
  }

  /** An organization with its focal point and two participants, fresh for each test. */
  record Cast(OrganizationId organization, String focal, String first, String second) {}

  @Test
  void aParticipantSeesTheirRegistrationTheirDocumentAndTheNextDeadlineWithItsTimeZone() throws Exception {
    Cast cast = cast();
    register(cast.first(), cast.organization(), Attendance.REMOTE);
    register(cast.second(), cast.organization(), Attendance.IN_PERSON);
    String number = contributions.allocate("cloud", code, new Allocation("Desk test", "Orange", List.of(), null, List.of()),
        as(cast.first())).number();

    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(cast.first())))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.roles[0]").value("PARTICIPANT"))
        .andExpect(jsonPath("$.registrations[0].state").value("SUBMITTED"))
        // What a page marks in an item's words (the group's acronym and language) is not part of the API.
        .andExpect(jsonPath("$.registrations[0].marks").doesNotExist())
        .andExpect(jsonPath("$.deadlines[0].marks").doesNotExist())
        .andExpect(jsonPath("$.documents[0].title").value(number + " Desk test"))
        .andExpect(jsonPath("$.documents[0].state").value("ALLOCATED"))
        .andExpect(jsonPath("$.documents[0].timeZone").value("Europe/Zurich"))
        .andExpect(jsonPath("$.deadlines[0].state").value("CONTRIBUTIONS"))
        .andExpect(jsonPath("$.toDecide").isEmpty())
        .andExpect(jsonPath("$.incoming").isEmpty());
    // Visa support closes before contributions, but only for those who attend in person.
    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(cast.second())))
        .andExpect(jsonPath("$.deadlines[0].state").value("VISA_SUPPORT"));
    mvc.perform(get("/desk").with(user(users.loadUserByUsername(cast.first()))))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Your next deadlines"), containsString("waiting for approval"),
            containsString("number allocated, not uploaded yet"), containsString("CET (Europe/Zurich)"),
            containsString("href=\"/documents/" + number + "\""), not(containsString("SUBMITTED")),
            not(containsString("ALLOCATED")), not(containsString("Registrations to decide")))));
    // The registration's meeting is named in the reader's language, its dates too.
    mvc.perform(get("/desk").with(user(users.loadUserByUsername(cast.first()))).locale(java.util.Locale.FRENCH))
        .andExpect(content().string(allOf(containsString("Réunion du <span lang=\"en\">FG Cloud</span> <span translate=\"no\">" + code + "</span>, "),
            not(containsString("FG Cloud meeting " + code)))));
  }

  @Test
  void theFocalPointApprovesOneAndThenSeveralAtOnceWithoutLeavingTheDesk() throws Exception {
    Cast cast = cast();
    long first = register(cast.first(), cast.organization(), Attendance.REMOTE).id();
    long second = register(cast.second(), cast.organization(), Attendance.REMOTE).id();
    String third = account("p3-" + NEXT.incrementAndGet(), cast.organization());
    long thirdId = register(third, cast.organization(), Attendance.REMOTE).id();
    var focal = user(users.loadUserByUsername(cast.focal()));

    mvc.perform(get("/desk").with(focal))
        .andExpect(content().string(allOf(containsString("Registrations to decide"),
            containsString("value=\"approve:" + first + "\""), containsString("Approve the selected registrations"))));
    mvc.perform(get("/").with(focal)).andExpect(content().string(containsString("To decide <span class=\"count\">3</span>")));

    mvc.perform(post("/desk/registrations").with(focal).with(csrf()).param("action", "approve:" + first))
        .andExpect(redirectedUrl("/desk#decide"))
        .andExpect(flash().attribute("notice", containsString("Approved")));
    mvc.perform(post("/desk/registrations").with(focal).with(csrf()).param("action", "reject:" + thirdId))
        .andExpect(flash().attribute("problem", containsString("Say why the registration is rejected.")));
    mvc.perform(post("/desk/registrations").with(focal).with(csrf()).param("action", "approve-selected")
            .param("selected", String.valueOf(second)).param("selected", String.valueOf(thirdId)))
        .andExpect(flash().attribute("notice", allOf(containsString("Approved"), containsString("-0"))));

    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(cast.focal())))
        .andExpect(jsonPath("$.roles", hasItem("FOCAL_POINT")))
        .andExpect(jsonPath("$.toDecide").isEmpty());
    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(cast.second())))
        .andExpect(jsonPath("$.registrations[0].state").value("APPROVED"));
  }

  @Test
  void enterInARejectReasonRejectsThatRowOnly() throws Exception {
    Cast cast = cast();
    long first = register(cast.first(), cast.organization(), Attendance.REMOTE).id();
    long second = register(cast.second(), cast.organization(), Attendance.REMOTE).id();
    var focal = user(users.loadUserByUsername(cast.focal()));

    // The reason and its Reject button belong to the row's own form, whose first (default) button is that Reject.
    String page = mvc.perform(get("/desk").with(focal)).andReturn().getResponse().getContentAsString();
    String reason = page.substring(page.indexOf("<input type=\"text\" name=\"reasons[" + first + "]\""));
    org.assertj.core.api.Assertions.assertThat(reason.substring(0, reason.indexOf('>')))
        .contains("form=\"reject-form-" + first + "\"");
    String reject = page.substring(page.indexOf("value=\"reject:" + first + "\""));
    org.assertj.core.api.Assertions.assertThat(reject.substring(0, reject.indexOf('>')))
        .contains("form=\"reject-form-" + first + "\"");
    org.assertj.core.api.Assertions.assertThat(page).contains("id=\"reject-form-" + first + "\"");
    // A browser that sends the table's form instead (its hidden default button, action none): the row with a reason.
    mvc.perform(post("/desk/registrations").with(focal).with(csrf()).param("action", "none")
            .param("reasons[" + first + "]", "Not a member of the delegation.").param("reasons[" + second + "]", " "))
        .andExpect(flash().attribute("notice", containsString("Rejected")))
        .andExpect(flash().attribute("problem", org.hamcrest.Matchers.nullValue()));
    org.assertj.core.api.Assertions.assertThat(registrations.get(first, as(cast.focal())).status())
        .isEqualTo(org.plenary.registration.RegistrationStatus.REJECTED);
    org.assertj.core.api.Assertions.assertThat(registrations.get(second, as(cast.focal())).status())
        .isEqualTo(org.plenary.registration.RegistrationStatus.SUBMITTED);
    // Nothing to go by: nothing is decided.
    mvc.perform(post("/desk/registrations").with(focal).with(csrf()).param("action", "none"))
        .andExpect(flash().attribute("problem", containsString("Choose Approve or Reject")));
  }

  @Test
  void aFocalPointCannotDecideForAnotherOrganizationFromTheDesk() throws Exception {
    Cast mine = cast();
    Cast other = cast();
    long theirs = register(other.first(), other.organization(), Attendance.REMOTE).id();
    mvc.perform(post("/desk/registrations").with(user(users.loadUserByUsername(mine.focal()))).with(csrf())
            .param("action", "approve:" + theirs))
        // Another organization's registration is unknown to this focal point, as an id never used.
        .andExpect(flash().attribute("problem", containsString("There is no registration " + theirs + ".")));
    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer(other.focal())))
        .andExpect(jsonPath("$.toDecide[0].id").value(theirs));
  }

  @Test
  void theSecretariatSeesEveryQueueAndTheChairTheirMeetings() throws Exception {
    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer("tsb")))
        .andExpect(jsonPath("$.roles", hasItem("SECRETARIAT")))
        .andExpect(jsonPath("$.incoming[*].title", hasItem("FG Cloud")))
        .andExpect(jsonPath("$.failedMails").value(0));
    mvc.perform(get("/desk").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("Incoming queues"), containsString("Visa requests waiting"),
            containsString("Registrations waiting longer than 7 days"), containsString("0 mails failed to send"))));
    mvc.perform(get("/api/v1/me/desk").header("Authorization", tokens.bearer("chair")))
        .andExpect(jsonPath("$.roles", hasItem("MANAGEMENT")))
        .andExpect(jsonPath("$.meetings[*].code", hasItem(code)))
        .andExpect(jsonPath("$.meetings[0].language").doesNotExist())
        .andExpect(jsonPath("$.incoming").isEmpty());
    mvc.perform(get("/desk").with(user(users.loadUserByUsername("chair"))))
        .andExpect(content().string(allOf(containsString("Your groups&#39; coming meetings"),
            containsString("/groups/cloud/meetings/" + code + "/agenda"))));
  }

  @Test
  void theDeskIsForSignedInPeople() throws Exception {
    mvc.perform(get("/api/v1/me/desk")).andExpect(status().isUnauthorized());
    mvc.perform(get("/desk")).andExpect(redirectedUrl("/sign-in"));
  }

  @Test
  void theRegistrationPageShowsAnExistingRegistrationAndAClosedMeetingInsteadOfTheForm() throws Exception {
    Cast cast = cast();
    long id = register(cast.first(), cast.organization(), Attendance.REMOTE).id();
    var first = user(users.loadUserByUsername(cast.first()));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/register").with(first))
        .andExpect(content().string(allOf(containsString("You are registered for this meeting"),
            containsString("href=\"/registrations/" + id + "\""), not(containsString("name=\"fullName\"")))));
    mvc.perform(get("/groups/cloud/meetings/1006-gva/register").with(first))
        .andExpect(content().string(allOf(containsString("Pre-registration is closed"),
            containsString("Tuesday 1 June 2010, 23:59 CEST (Europe/Zurich)"), not(containsString("name=\"fullName\"")))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/register").with(user(users.loadUserByUsername(cast.second()))))
        .andExpect(content().string(allOf(containsString("name=\"fullName\""), containsString("Meeting <span translate=\"no\">" + code + "</span>"))));
  }

  private Cast cast() {
    int n = NEXT.incrementAndGet();
    OrganizationId organization = organizations.create("Desk Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String focal = account("dfocal" + n, organization);
    organizations.appointFocalPoint(organization, accounts.find(focal).orElseThrow().id());
    return new Cast(organization, focal, account("dfirst" + n, organization), account("dsecond" + n, organization));
  }

  private String account(String username, OrganizationId organization) {
    accounts.create(new NewAccount(username, username + "@example.org", "Person " + username, organization, "FR", Set.of()),
        username + "-pass", false);
    return username;
  }

  private Registration register(String username, OrganizationId organization, Attendance attendance) {
    var form = new RegistrationForm();
    form.setFullName("Person " + username);
    form.setEmail(username + "@example.org");
    form.setOrganizationId(organization.value());
    form.setCountryCode("FR");
    form.setAttendance(attendance);
    return registrations.register("cloud", code, form, as(username));
  }

  private PlenaryUser as(String username) {
    return (PlenaryUser) users.loadUserByUsername(username);
  }
}
