package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.group.Section;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@DemoTest
class PageTests {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired GroupCatalog groups;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;

  @Test
  void staticFilesAreKeptByBrowsersAndAskedAgainWithTheirDate() throws Exception {
    for (String file : List.of("/css/plenary.css", "/js/plenary.js")) {
      var first = mvc.perform(get(file)).andExpect(status().isOk())
          .andExpect(header().string("Cache-Control", "no-cache"))
          .andExpect(header().string("X-Content-Type-Options", "nosniff"))
          .andReturn().getResponse();
      String modified = first.getHeader("Last-Modified");
      assertThat(modified).as(file).isNotBlank();
      mvc.perform(get(file).header("If-Modified-Since", modified)).andExpect(status().isNotModified());
    }
  }

  @Test
  void aSentenceAroundALinkKeepsItsFullStopAgainstTheLinkInEveryLanguage() throws Exception {
    for (String language : new String[] {"fr", "zh", "ar"}) {
      mvc.perform(get("/desk").with(user(users.loadUserByUsername("focal"))).header("Accept-Language", language))
          .andExpect(status().isOk())
          .andExpect(content().string(allOf(containsString("id=\"deadlines-heading\""), not(containsString("</a> .")),
              not(containsString("</a> 。")))));
    }
  }

  @Test
  void aPageThatNeedsASignInLeadsToTheSignInPageInTheLanguageTheAddressAskedFor() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva/register").queryParam("lang", "ar")).andExpect(redirectedUrl("/sign-in?lang=ar"));
    mvc.perform(get("/desk").queryParam("lang", "xx-nowhere")).andExpect(redirectedUrl("/sign-in"));
  }

  @Test
  void theSignInPageNamesTheDemoSignInsInDemoModeInTheReadersLanguage() throws Exception {
    mvc.perform(get("/sign-in").header("Accept-Language", "fr"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("id=\"demo-sign-ins\""),
            containsString("Mode démonstration\u202f: connectez-vous en tant que alice (participant)"), containsString("alice-demo"))));
  }

  @Test
  void theHomePageLeadsToFgCloudAndItsFirstMeeting() throws Exception {
    mvc.perform(get("/"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Focus Group on Cloud Computing"), containsString("/groups/cloud"))));
    mvc.perform(get("/groups/cloud"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("Terms of reference"), containsString("1 Scope"), containsString("19 Patent Policy"),
            containsString("Vladimir Belenkovich"), containsString("Koji Nakao"), containsString("KDDI Corporation"),
            containsString("Parent group: <a href=\"/groups/tsag\">TSAG</a>"),
            containsString("14 June 2010"), containsString("13 June 2011"), containsString("1006-gva"))));
  }

  @Test
  void theMeetingPageShowsTheAgendaAndDeadlinesWithTheirTimeZone() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(
            containsString("14–16 June 2010"), containsString("SDO/Forums presentations"),
            containsString("Tuesday 1 June 2010, 23:59 CEST (Europe/Zurich)"),
            containsString("Monday 7 June 2010, 23:59 CEST (Europe/Zurich)"),
            containsString("Montbrillant building entrance"), containsString("Focus Group on Future Networks"),
            containsString("Hotel Royal"), not(containsString("Edit the agenda")))));
  }

  @Test
  void unknownGroupsAndMeetingsAreNotFoundPages() throws Exception {
    mvc.perform(get("/groups/nope")).andExpect(status().isNotFound())
        .andExpect(content().string(containsString("There is no group &quot;nope&quot;.")));
    mvc.perform(get("/groups/cloud/meetings/0000-xxx")).andExpect(status().isNotFound())
        .andExpect(content().string(containsString("has no meeting")));
  }

  @Test
  void pagesCarryTheMarkdownRendererAndTheApiRunsNoModelOrBinderMethods() throws Exception {
    mvc.perform(get("/groups/cloud")).andExpect(status().isOk())
        .andExpect(model().attribute("markdown", org.hamcrest.Matchers.instanceOf(MarkdownRenderer.class)));
    // a controller advice's @ModelAttribute and @InitBinder methods run on every request of the controllers it
    // applies to (the pages' binder, PageErrorHandler's, ran on each API request)
    var api = context.getBeansWithAnnotation(RestController.class).values().stream()
        .map(bean -> org.springframework.aop.support.AopUtils.getTargetClass(bean)).toList();
    assertThat(api).isNotEmpty();
    for (ControllerAdviceBean advice : ControllerAdviceBean.findAnnotatedBeans(context)) {
      if (api.stream().anyMatch(advice::isApplicableToBeanType)) {
        assertThat(MethodIntrospector.selectMethods(advice.getBeanType(),
            (java.lang.reflect.Method m) -> AnnotatedElementUtils.hasAnnotation(m, ModelAttribute.class)
                || AnnotatedElementUtils.hasAnnotation(m, org.springframework.web.bind.annotation.InitBinder.class)))
            .as("model and binder methods of %s", advice.getBeanType()).isEmpty();
      }
    }
  }

  @Test
  void pageLinksAreNotLookedUpAsStaticFilesAndTheApiPagesWebjarsAreServed() throws Exception {
    var registrations = context.getBeansOfType(org.springframework.boot.web.servlet.FilterRegistrationBean.class).values()
        .stream().filter(r -> r.getFilter() instanceof org.springframework.web.servlet.resource.ResourceUrlEncodingFilter)
        .toList();
    assertThat(registrations).as("one, in place of Spring Boot's").hasSize(1);
    assertThat(registrations.get(0).isEnabled()).as("the resource URL filter runs on no request").isFalse();
    String page = mvc.perform(get("/api")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    var webjars = java.util.regex.Pattern.compile("(?:href|src)=\"(/webjars/[^\"]+)\"").matcher(page).results()
        .map(m -> m.group(1)).toList();
    assertThat(webjars).as("Swagger UI's files on the API page").hasSizeGreaterThanOrEqualTo(2);
    for (String path : webjars) {
      mvc.perform(get(path)).andExpect(status().isOk())
          .andExpect(result -> assertThat(result.getResponse().getContentAsByteArray()).as(path).isNotEmpty());
    }
  }

  @Test
  void markdownCannotInjectScript() throws Exception {
    groups.create(new GroupDraft("hostile", "FG <b>Hostile</b>", "Hostile <script>alert(1)</script>", null, null,
        "English", 12, null, null,
        List.of(new Section("Scope", "<script>alert('x')</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>")),
        List.of(), List.of()));
    mvc.perform(get("/groups/hostile"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
        .andExpect(content().string(allOf(
            not(containsString("<script>alert")), not(containsString("<img src=x")), not(containsString("javascript:")),
            not(containsString("<b>Hostile")), containsString("&lt;script&gt;alert"))));
  }

  @Test
  void aParticipantMayNotEditAGroupAndAnonymousPeopleAreAskedToSignIn() throws Exception {
    mvc.perform(get("/groups/cloud/edit").with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/groups/cloud/meetings/1006-gva/agenda").with(as("bob"))).andExpect(status().isForbidden());
    mvc.perform(get("/groups/cloud/edit")).andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("/sign-in"));
    mvc.perform(get("/groups/cloud/edit").with(as("chair"))).andExpect(status().isOk());
  }

  @Test
  void aFormPageHasOneSearchBoxHoweverManyFieldsItHas() throws Exception {
    String page = mvc.perform(get("/groups/cloud/edit").with(as("chair"))).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(page.split("id=\"site-search-q\"", -1)).hasSize(2);
  }

  @Test
  void formsWithoutTheirCsrfTokenAreRefused() throws Exception {
    mvc.perform(post("/groups/cloud/meetings/1006-gva/agenda").with(as("tsb")).param("items[0].title", "Opening"))
        .andExpect(status().isForbidden());
  }

  @Test
  void theMeetingFormReportsFieldErrors() throws Exception {
    mvc.perform(post("/groups/tsag/meetings/new").with(as("tsb")).with(csrf())
            .param("startDate", "2037-06-14").param("endDate", "2037-06-12").param("timeZone", "Europe/Zurich")
            .param("venueName", "Geneva").param("venueCode", "gva").param("languages", "English")
            .param("contributionDeadline", "2037-06-20T23:59"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("The meeting cannot end before it starts."),
            containsString("Must be no later than the meeting&#39;s first day, 14 June 2037."),
            containsString("aria-invalid=\"true\""))));
  }

  /** A zone that is no region (an offset) and a code that is no country are field errors in the page's language. */
  @Test
  void aTimeZoneThatIsNoRegionAndACountryThatIsNoCodeAreFieldErrors() throws Exception {
    mvc.perform(post("/groups/tsag/meetings/new").with(as("tsb")).with(csrf()).header("Accept-Language", "fr")
            .param("startDate", "2037-06-14").param("endDate", "2037-06-16").param("timeZone", "+02:00")
            .param("venueName", "Geneva").param("venueCode", "gva").param("languages", "English"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Indiquez le fuseau horaire comme une région de la base IANA"),
            containsString("aria-invalid=\"true\""))));
    mvc.perform(post("/admin/organizations").with(as("tsb")).with(csrf()).header("Accept-Language", "es")
            .param("name", "Nowhere Standards Body").param("category", "OTHER").param("countryCode", "ZZ"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Indique el país con su código ISO 3166-1 de dos letras")));
  }

  @Test
  void theAgendaEditorAddsItemsWithoutJavaScriptAndRequiresTitles() throws Exception {
    mvc.perform(post("/groups/fn/meetings/new").with(as("tsb")).with(csrf())
            .param("startDate", "2038-02-01").param("endDate", "2038-02-02").param("timeZone", "Europe/Zurich")
            .param("venueName", "Geneva").param("venueCode", "gva").param("languages", "English"))
        .andExpect(redirectedUrl("/groups/fn/meetings/3802-gva"));
    mvc.perform(post("/groups/fn/meetings/3802-gva/agenda").with(as("tsb")).with(csrf())
            .param("items[0].title", "Opening").param("row", "add"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Title of item 2")));
    mvc.perform(post("/groups/fn/meetings/3802-gva/agenda").with(as("tsb")).with(csrf())
            .param("items[0].title", "Opening").param("items[1].title", " "))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Give the agenda item a title.")));
    mvc.perform(post("/groups/fn/meetings/3802-gva/agenda").with(as("tsb")).with(csrf())
            .param("items[0].title", "Opening").param("items[1].title", "Closing"))
        .andExpect(redirectedUrl("/groups/fn/meetings/3802-gva#agenda"));
    mvc.perform(get("/groups/fn/meetings/3802-gva"))
        .andExpect(content().string(allOf(containsString("Opening"), containsString("Closing"))));
  }

  @Test
  void theSecretariatReadsKeptMailInTheOutbox() throws Exception {
    // The list shows the newest mails; the tests before this one in the same context may have written
    // hundreds, so the demo's announcement is looked for on its own page, and the list for the newest mail.
    long newest = jdbc.queryForObject("SELECT MAX(id) FROM mail_messages", Long.class);
    mvc.perform(get("/secretariat/outbox").with(as("tsb")))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("/secretariat/outbox/" + newest + "\""),
            containsString("kept in the outbox"))));
    long announcement = jdbc.queryForObject(
        "SELECT MIN(id) FROM mail_messages WHERE subject LIKE '%FG Cloud meeting, ITU Headquarters, Geneva%'", Long.class);
    mvc.perform(get("/secretariat/outbox/" + announcement).with(as("tsb")))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("FG Cloud meeting, ITU Headquarters, Geneva"),
            containsString("fg-cloud@lists.plenary.example"), containsString("kept in the outbox"))));
    mvc.perform(get("/secretariat/outbox").with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/secretariat/outbox/" + announcement).with(as("alice"))).andExpect(status().isForbidden());
  }

  @Test
  void theSecretariatsPagesAreRefusedToOthersNotShownEmpty() throws Exception {
    mvc.perform(get("/secretariat/visa").with(as("tsb"))).andExpect(status().isOk());
    for (String who : new String[] {"alice", "bob", "focal", "chair"}) {
      mvc.perform(get("/secretariat/visa").with(as(who))).andExpect(status().isForbidden());
    }
  }

  @Test
  void theCalendarFeedListsTheMeetingsAsAllDayEvents() throws Exception {
    mvc.perform(get("/groups/cloud/meetings.ics"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", containsString("text/calendar")))
        .andExpect(content().string(allOf(containsString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            containsString("DTSTART;VALUE=DATE:20100614\r\n"), containsString("DTEND;VALUE=DATE:20100617\r\n"),
            containsString("UID:1006-gva.cloud@plenary\r\n"), containsString("END:VCALENDAR\r\n"))));
  }

  @Test
  void healthIsPublicAndMetricsAreForAdministrators() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(content().string(containsString("UP")));
    mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
  }

  @Test
  void theChairEditsTheGroupOnItsPage() throws Exception {
    groups.create(new GroupDraft("chaired", "FG Chaired", "Focus Group on Chairing", "tsag", null, "English", 12, null,
        null, List.of(new Section("1 Scope", "Old scope.")),
        List.of(new org.plenary.group.Leader(org.plenary.group.LeaderRole.CHAIR, "Vladimir Belenkovich", null, "RU", "chair")),
        List.of()));
    var form = post("/groups/chaired/edit").with(as("chair")).with(csrf())
        .param("acronym", "FG Chaired").param("name", "Focus Group on Chairing").param("parentSlug", "tsag")
        .param("workingLanguage", "English").param("lifetimeMonths", "18")
        .param("leaders[0].role", "CHAIR").param("leaders[0].personName", "Vladimir Belenkovich")
        .param("leaders[0].countryCode", "RU").param("leaders[0].username", "chair")
        .param("sections[0].heading", "1 Scope").param("sections[0].body", "New *scope*.");
    mvc.perform(form.param("row", "milestones:add"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("milestones[0].title")));
    mvc.perform(post("/groups/chaired/edit").with(as("chair")).with(csrf())
            .param("acronym", "FG Chaired").param("name", "Focus Group on Chairing").param("parentSlug", "tsag")
            .param("workingLanguage", "English").param("lifetimeMonths", "18")
            .param("leaders[0].role", "CHAIR").param("leaders[0].personName", "Vladimir Belenkovich")
            .param("leaders[0].countryCode", "RU").param("leaders[0].username", "chair")
            .param("sections[0].heading", "1 Scope").param("sections[0].body", "New *scope*.")
            .param("milestones[0].dueOn", "2040-02-08").param("milestones[0].title", "Report to TSAG"))
        .andExpect(redirectedUrl("/groups/chaired"));
    mvc.perform(get("/groups/chaired"))
        .andExpect(content().string(allOf(containsString("New <em>scope</em>."), containsString("Report to TSAG"),
            containsString("18 months from the first meeting"))));
    mvc.perform(get("/groups/chaired/edit").with(as("alice"))).andExpect(status().isForbidden());
  }

  @Test
  void signInIsLockedForAUsernameAfterRepeatedFailuresWithTheTimeToRetry() throws Exception {
    for (int i = 0; i < 5; i++) {
      mvc.perform(post("/sign-in").param("username", "focal").param("password", "guess" + i).with(csrf()).with(from("10.1.1.1")))
          .andExpect(redirectedUrl("/sign-in?error"));
    }
    for (String address : new String[] {"10.1.1.1", "10.1.1.2"}) {
      String location = mvc.perform(post("/sign-in").param("username", "focal").param("password", "focal-demo").with(csrf())
              .with(from(address)))
          .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
      org.assertj.core.api.Assertions.assertThat(location).matches("/sign-in\\?locked=\\d+");
      mvc.perform(get(location)).andExpect(content().string(containsString("Try again after")));
    }
    mvc.perform(post("/sign-in").param("username", "bob").param("password", "bob-demo").with(csrf()).with(from("10.1.1.1")))
        .andExpect(redirectedUrl("/desk"));
    mvc.perform(get("/sign-out")).andExpect(status().isOk()).andExpect(content().string(containsString("name=\"_csrf\"")));
  }

  @Test
  void theAdministratorManagesAccountsOrganizationsAndFocalPoints() throws Exception {
    mvc.perform(get("/admin/accounts").with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(post("/admin/organizations").with(as("tsb")).with(csrf())
            .param("name", "European Telecommunications Standards Institute").param("category", "OTHER")
            .param("countryCode", "FR"))
        .andExpect(redirectedUrl("/admin/organizations"));
    mvc.perform(post("/admin/organizations").with(as("tsb")).with(csrf())
            .param("name", "European Telecommunications Standards Institute").param("category", "OTHER"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("already exists")));
    mvc.perform(post("/admin/accounts").with(as("tsb")).with(csrf())
            .param("username", "carol").param("displayName", "Carol").param("email", "carol@etsi.example")
            .param("password", "one-time-pass"))
        .andExpect(redirectedUrl("/admin/accounts"));
    mvc.perform(post("/admin/accounts").with(as("tsb")).with(csrf())
            .param("username", "Carol!").param("displayName", "Carol").param("email", "not-an-address")
            .param("password", "x"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("e-mail address such as name@example.org"),
            containsString("Please correct the fields marked below"))));
    mvc.perform(get("/admin/organizations").with(as("tsb")))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("European Telecommunications Standards Institute"),
            containsString("focal"))));
    mvc.perform(get("/admin/accounts").with(as("tsb")))
        .andExpect(content().string(allOf(containsString("carol@etsi.example"), containsString("alice"))));
  }

  @Test
  void aTokenIsShownOnceWhenCreated() throws Exception {
    mvc.perform(post("/account/tokens").with(as("bob")).with(csrf()).param("name", "laptop"))
        .andExpect(redirectedUrl("/account"))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
            .attributeExists("issuedToken"));
    mvc.perform(get("/account").with(as("bob")))
        .andExpect(content().string(allOf(containsString("laptop"), not(containsString("shown only this once")))));
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  private RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }
}
