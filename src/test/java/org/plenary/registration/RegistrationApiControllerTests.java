package org.plenary.registration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Registration and its approval over the API, and the participant list, on the demo's upcoming meeting. */
@DemoTest
class RegistrationApiControllerTests {

  private static final String FORM = """
      {"fullName": "%s", "email": "%s", "organizationId": %s, "countryCode": "FR", "function": "Engineer",
       "firstTime": true, "attendance": "IN_PERSON"}""";

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  @Autowired OrganizationDirectory organizations;
  @Autowired UserDetailsService users;
  @Autowired RegistrationDesk desk;
  @Autowired org.plenary.account.AccountDirectory accounts;

  @Test
  void aFocalPointApprovesARegistrationOfTheirOrganizationAndNobodyElseDoes() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String path = "/api/v1/groups/cloud/meetings/" + code + "/registrations";
    long orange = organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange")).findFirst()
        .orElseThrow().id().value();
    String body = mvc.perform(post(path).header("Authorization", tokens.bearer("alice")).contentType(MediaType.APPLICATION_JSON)
            .content(FORM.formatted("Alice <script>alert(1)</script> Martin", "alice@orange.example", orange)))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.status").value("SUBMITTED"))
        .andExpect(jsonPath("$.category").value("SECTOR_MEMBER"))
        .andReturn().getResponse().getContentAsString();
    long id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));

    mvc.perform(post(path).header("Authorization", tokens.bearer("alice")).contentType(MediaType.APPLICATION_JSON)
            .content(FORM.formatted("Alice again", "alice@orange.example", orange)))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("already registered")));
    mvc.perform(post("/api/v1/registrations/" + id + "/approve").header("Authorization", tokens.bearer("bob")))
        .andExpect(status().isNotFound());
    mvc.perform(post("/api/v1/registrations/" + id + "/reject").header("Authorization", tokens.bearer("focal"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \" \"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/api/v1/registrations/" + id + "/approve").header("Authorization", tokens.bearer("focal")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("APPROVED"))
        .andExpect(jsonPath("$.registrationNumber").value(code.toUpperCase() + "-0001"))
        .andExpect(jsonPath("$.decidedBy").value("focal"));
    mvc.perform(post("/api/v1/registrations/" + id + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isConflict());
    byte[] pdf = mvc.perform(get("/api/v1/registrations/" + id + "/confirmation.pdf").header("Authorization", tokens.bearer("alice")))
        .andExpect(status().isOk())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
            .string("Content-Type", "application/pdf"))
        .andReturn().getResponse().getContentAsByteArray();
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      org.assertj.core.api.Assertions.assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
          .contains(code.toUpperCase() + "-0001", "Alice <script>alert(1)</script> Martin", "France Telecom Orange",
              "Focus Group on Cloud Computing", "ITU Headquarters, Geneva", "Opening: ", "09:30 CE", "from ", "08:30 CE", "(Europe/Zurich)",
              "Montbrillant building entrance", "Approved by: Françoise Focal")
          .doesNotContain("Approved by: focal");
    }
    mvc.perform(get("/api/v1/registrations/" + id).header("Authorization", tokens.bearer("bob")))
        .andExpect(status().isNotFound());
    mvc.perform(get(path).header("Authorization", tokens.bearer("bob")))
        .andExpect(jsonPath("$[*].email", not(org.hamcrest.Matchers.hasItem("alice@demo.plenary.example"))));
    mvc.perform(get(path).header("Authorization", tokens.bearer("chair")))
        .andExpect(jsonPath("$[*].email", org.hamcrest.Matchers.hasItem("alice@demo.plenary.example")))
        .andExpect(jsonPath("$[*].email", not(org.hamcrest.Matchers.hasItem("alice@orange.example"))));

    mvc.perform(get("/groups/cloud/meetings/" + code + "/participants").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Alice &lt;script&gt;alert(1)&lt;/script&gt; Martin"),
            not(containsString("<script>alert")), containsString(code.toUpperCase() + "-0001"),
            containsString("By category"), containsString("Sector Member"), not(containsString("SECTOR_MEMBER")))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/participants.csv").with(user(users.loadUserByUsername("chair"))))
        .andExpect(content().string(containsString("\"Alice <script>alert(1)</script> Martin\",\"alice@demo.plenary.example\"")));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/participants").with(user(users.loadUserByUsername("alice"))))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("The participant list is for the secretariat")));
    mvc.perform(get("/secretariat/outbox").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(containsString("Registration received: Alice")));
  }

  @Test
  void theChairRegistersOnThePageAndTheSecretariatSeesItWaiting() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    var chair = user(users.loadUserByUsername("chair"));
    mvc.perform(get("/groups/cloud/meetings/" + code).with(chair))
        .andExpect(content().string(containsString("/groups/cloud/meetings/" + code + "/register")));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/register").with(chair))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Register for the FG Cloud meeting"),
            containsString("value=\"Vladimir Belenkovich\""), containsString("Pre-registration closes"))));
    String location = mvc.perform(post("/groups/cloud/meetings/" + code + "/register").with(chair)
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
            .param("fullName", "Vladimir Belenkovich").param("email", "chair@demo.plenary.example")
            .param("countryCode", "RU").param("attendance", "REMOTE"))
        .andExpect(status().is3xxRedirection())
        .andReturn().getResponse().getRedirectedUrl();
    mvc.perform(get(location).with(chair)).andExpect(content().string(allOf(containsString("waiting for approval"),
        containsString("Remotely"), containsString("Russian Federation"))));
    mvc.perform(get("/registrations").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("Waiting for your decision"), containsString("Vladimir Belenkovich"))));
    mvc.perform(get(location).with(user(users.loadUserByUsername("bob")))).andExpect(status().isNotFound());
  }

  @Test
  void thePagesErrorSummaryListsTheFieldsInFormOrderWithoutJavaScript() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String page = mvc.perform(post("/groups/cloud/meetings/" + code + "/register").with(user(users.loadUserByUsername("bob")))
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
            .param("fullName", "").param("email", "not an address").param("countryCode", "").param("attendance", ""))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    String summary = page.substring(page.indexOf("error-summary"), page.indexOf("</ul>", page.indexOf("error-summary")));
    java.util.List<String> order = java.util.regex.Pattern.compile("href=\"#([A-Za-z]+)\"").matcher(summary).results()
        .map(m -> m.group(1)).toList();
    org.assertj.core.api.Assertions.assertThat(order).containsExactly("fullName", "countryCode", "attendance");
  }

  @Test
  void refusesRegistrationAfterTheDeadlineAndFromIneligibleCategories() throws Exception {
    mvc.perform(post("/api/v1/groups/cloud/meetings/1006-gva/registrations").header("Authorization", tokens.bearer("bob"))
            .contentType(MediaType.APPLICATION_JSON).content(FORM.formatted("Bob", "bob@orange.example", "null")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(
            "Pre-registration for meeting 1006-gva closed on Tuesday 1 June 2010, 23:59 CEST (Europe/Zurich)."));

    String code = DemoMeetings.upcoming(groups, meetings);
    long university = organizations.create("Université de Test", OrganizationCategory.ACADEMIA, "FR").value();
    // An account without an organization chooses one; bob's account is France Telecom Orange's.
    accounts.create(new org.plenary.account.NewAccount("bruno", "bruno@univ.example", "Bruno", null, "FR",
        java.util.Set.of()), "bruno-pass", false);
    mvc.perform(post("/groups/cloud/registration-policy").with(user(users.loadUserByUsername("tsb")))
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
            .param("individualsAllowed", "false").param("back", "/groups/cloud"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations").header("Authorization", tokens.bearer("bruno"))
            .contentType(MediaType.APPLICATION_JSON).content(FORM.formatted("Bruno", "bruno@univ.example", university)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(containsString("Université de Test is Academia")));
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations").header("Authorization", tokens.bearer("bob"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(FORM.formatted("Bob", "bob@orange.example", "null").replace("\"FR\"", "\"PW\"")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("countryCode"));
    mvc.perform(post("/groups/cloud/registration-policy").with(user(users.loadUserByUsername("tsb")))
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
            .param("individualsAllowed", "true").param("back", "/groups/cloud"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/registrations").header("Authorization", tokens.bearer("bruno"))
            .contentType(MediaType.APPLICATION_JSON).content(FORM.formatted("Bruno", "bruno@univ.example", university)))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.category").value("ACADEMIA"));
  }

  /**
   * Who may register, set by two managers who each opened the participant list: the second, on the policy read before
   * the first saved, is told what it is now instead of replacing the first's choice in silence.
   */
  @Test
  void theRegistrationPolicyIsSavedOnlyOverThePolicyItsEditorSaw() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String list = "/groups/cloud/meetings/" + code + "/participants";
    var tsb = user(users.loadUserByUsername("tsb"));
    String page = mvc.perform(get(list).with(tsb)).andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    var m = java.util.regex.Pattern.compile("name=\"editVersion\" value=\"(\\d+)\"").matcher(page);
    org.assertj.core.api.Assertions.assertThat(m.find()).as("the policy form carries its version").isTrue();
    String seen = m.group(1);
    var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
    try {
      mvc.perform(post("/groups/cloud/registration-policy").with(tsb).with(csrf).param("individualsAllowed", "false")
              .param("back", list).param("editVersion", seen))
          .andExpect(status().is3xxRedirection())
          .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("notice"));
      mvc.perform(post("/groups/cloud/registration-policy").with(tsb).with(csrf).param("individualsAllowed", "true")
              .param("back", list).param("editVersion", seen))
          .andExpect(status().is3xxRedirection())
          .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("problem",
              containsString("Someone else changed who may register since you opened this page; nothing was saved."
                  + " Now: Only Member States, Sector Members and Associates may register.")));
      org.assertj.core.api.Assertions.assertThat(
          desk.individualsAllowed("cloud")).isFalse();
    } finally {
      desk.setIndividualsAllowed("cloud", true, (org.plenary.account.PlenaryUser) users.loadUserByUsername("tsb"));
    }
  }

}
