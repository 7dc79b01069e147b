package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfTextExtractor;
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
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired VisaDesk desk;
  @Autowired LetterReissue reissue;
  @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private String code;

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    code = DemoMeetings.upcoming(groups, meetings);
  }

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
            .content(VisaScenario.form("Lyon, France")))
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

  /**
   * Two of the secretariat decide one request at once (one approves, one refuses): one decision is made, the
   * other refused as already decided. Before, both read "requested", both were written, the last won, and the
   * participant was told a letter was ready for a request that ended refused.
   */
  @Test
  void twoDecisionsAtOnceMakeOneAndRefuseTheOther() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Race Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vr" + n, org);
    String focal = account("vrf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    var tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    var outcomes = whileTheRowIsHeld(visa, () -> desk.approve(visa, tsb).status().name(),
        () -> desk.refuse(visa, "The meeting is full.", tsb).status().name());
    assertThat(outcomes).as("one decision made, the other refused").containsOnlyOnce("refused");
    String made = outcomes.stream().filter(o -> !o.equals("refused")).findFirst().orElseThrow();
    assertThat(desk.get(visa, tsb).status().name()).isEqualTo(made);
  }

  /**
   * A secretary reads a request; another returns it and the participant sends it again with other details: the first
   * one's decision (API with the ETag read, page with the version it showed) is refused (412) and the request stays
   * as sent; a decision on the request read again is made. Before, only the status was checked, and the first
   * secretary approved details never read.
   */
  @Test
  void aDecisionOnARequestChangedSinceItWasReadIsRefused() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Stale Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vs" + n, org);
    String focal = account("vsf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    String read = mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getHeader("ETag");
    String shown = read.substring(2, read.length() - 1);
    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(containsString("name=\"editVersion\" value=\"" + shown + "\"")));

    mvc.perform(post("/api/v1/visa/" + visa + "/return").header("Authorization", tokens.bearer("tsb"))
            .header("If-Match", read).contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Check the passport.\"}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RETURNED"));
    mvc.perform(post("/api/v1/registrations/" + registrationOf(visa, participant) + "/visa")
            .header("Authorization", tokens.bearer(participant)).contentType(MediaType.APPLICATION_JSON)
            .content(VisaScenario.form("Lyon, France")))
        .andExpect(status().isCreated());

    mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")).header("If-Match", read))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString("was changed since you opened it")));
    mvc.perform(post("/api/v1/visa/" + visa + "/refuse").header("Authorization", tokens.bearer("tsb")).header("If-Match", read)
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Full.\"}"))
        .andExpect(status().isPreconditionFailed());
    mvc.perform(post("/visa/" + visa + "/approve").with(user(users.loadUserByUsername("tsb"))).with(csrf())
            .param("editVersion", shown))
        .andExpect(redirectedUrl("/visa/" + visa))
        .andExpect(flash().attribute("problem", containsString("was changed since you opened it")));
    mvc.perform(post("/visa/" + visa + "/return").with(user(users.loadUserByUsername("tsb"))).with(csrf())
            .param("editVersion", shown).param("reason", "Again.").header("Accept-Language", "fr"))
        .andExpect(flash().attribute("problem", containsString("informations)\u202f; rien n’a été décidé")));
    var tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    assertThat(desk.get(visa, tsb).status()).isEqualTo(VisaStatus.REQUESTED);

    String again = mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer("tsb")))
        .andReturn().getResponse().getHeader("ETag");
    assertThat(again).isNotEqualTo(read);
    mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")).header("If-Match", again))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
  }

  /**
   * A returned request sent again from two tabs at once: one is made, the other refused (409) as already sent.
   * Before, both read "returned", both were written, and the second's details replaced the first's in silence.
   */
  @Test
  void twoResubmissionsOfAReturnedRequestAtOnceMakeOneAndRefuseTheOther() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Again Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("va" + n, org);
    String focal = account("vaf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    mvc.perform(post("/api/v1/visa/" + visa + "/return").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Add the country of birth.\"}"))
        .andExpect(status().isOk());
    long registration = registrationOf(visa, participant);
    String token = tokens.bearer(participant);
    java.util.function.Function<String, java.util.concurrent.Callable<String>> sent = place -> () -> String.valueOf(
        mvc.perform(post("/api/v1/registrations/" + registration + "/visa").header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.form(place))).andReturn().getResponse().getStatus());
    var outcomes = whileTheRowIsHeld(visa, sent.apply("Lyon, France"), sent.apply("Paris, France"));
    assertThat(outcomes).as("one sent again, the other refused").containsExactlyInAnyOrder("201", "409");
  }

  /**
   * A letter is dated the day it was approved: downloaded again days later it is the same letter. Before, it
   * carried the date of each download, so two copies of one reference said different things.
   */
  @Test
  void aLetterIsDatedTheDayItWasApprovedWhateverDayItIsDownloaded() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Date Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vd" + n, org);
    String focal = account("vdf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk());
    // As if it had been approved on 2 November and were downloaded today.
    jdbc.sql("UPDATE visa_requests SET decided_at = ? WHERE id = ?")
        .params(java.time.OffsetDateTime.parse("2026-11-02T10:00:00Z"), visa).update();
    String today = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)
        .format(LocalDate.now(java.time.ZoneId.of("Europe/Zurich")));
    assertThat(letterText(visa, participant)).contains("2 November 2026").doesNotContain(today);
  }

  /**
   * A letter states its meeting as it stood at the approval: the meeting moved since (here: the letter's stored
   * facts set as if it had been approved before the move), the letter a consulate holds is downloaded the same, and
   * the check of its reference, on the page and the API, says where the meeting went. Before, the letter was
   * drawn again with the meeting's new venue and days under the same reference and date.
   */
  @Test
  void anApprovedLetterKeepsTheMeetingAsItStoodAndItsCheckSaysWhereItMoved() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Moved Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vm" + n, org);
    String focal = account("vmf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    String approved = mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String reference = approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    mvc.perform(get("/api/v1/visa/verify/" + reference))
        .andExpect(jsonPath("$.moved").value(false));

    jdbc.sql("UPDATE visa_requests SET letter_venue = 'Palais des Nations', letter_starts = ?, letter_ends = ? WHERE id = ?")
        .params(LocalDate.of(2042, 3, 3), LocalDate.of(2042, 3, 5), visa).update();
    assertThat(letterText(visa, participant)).contains("Palais des Nations", "3–5 March 2042");
    mvc.perform(get("/api/v1/visa/verify/" + reference))
        .andExpect(jsonPath("$.dates").value("3–5 March 2042"))
        .andExpect(jsonPath("$.moved").value(true))
        .andExpect(jsonPath("$.currentVenue").isNotEmpty());
    mvc.perform(get("/visa/verify?reference=" + reference))
        .andExpect(content().string(allOf(containsString("The meeting has moved since this letter was issued"),
            containsString("Palais des Nations, 3–5 March 2042"))));
  }

  /**
   * A meeting's code is printed in its registration numbers and its visa letters' references: once one was
   * issued the code stays (409 with a sentence), so that every number of the meeting names it and a letter's
   * reference keeps being found by its check, whatever else of the meeting changes. Before, the code changed
   * under them: numbers issued before kept the old code, those after had the new one, in one meeting.
   */
  @Test
  void aMeetingKeepsItsCodeOnceNumbersOrLettersPrintingItWereIssued() throws Exception {
    int n = NEXT.incrementAndGet();
    String meetings = "/api/v1/groups/cloud/meetings";
    String first = "codes-" + n;
    mvc.perform(post(meetings).header("Authorization", tokens.bearer("tsb")).contentType(MediaType.APPLICATION_JSON)
        .content(VisaScenario.meeting(first, "Geneva"))).andExpect(status().isCreated());
    // Nothing printed its code yet: it may still change.
    String renamed = first + "-b";
    mvc.perform(put(meetings + "/" + first).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(renamed, "Geneva"))).andExpect(status().isOk());

    OrganizationId org = organizations.create("Visa Code Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vc" + n, org);
    String focal = account("vcf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org, renamed);
    String number = mvc.perform(get("/api/v1/registrations/" + registrationOf(visa, participant))
            .header("Authorization", tokens.bearer(participant))).andReturn().getResponse().getContentAsString()
        .replaceAll(".*\"registrationNumber\":\"([^\"]+)\".*", "$1");
    assertThat(number).isEqualTo(renamed.toUpperCase() + "-0001");
    mvc.perform(put(meetings + "/" + renamed).header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(first + "-c", "Geneva")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("has registration numbers or visa letters issued")));

    String approved = mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String reference = approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    assertThat(reference).startsWith(renamed.toUpperCase() + "-V-");
    // The meeting may still move; its code stays, and the letter's reference is still found.
    mvc.perform(put(meetings + "/" + renamed).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(null, "Lausanne"))).andExpect(status().isOk());
    mvc.perform(put(meetings + "/" + renamed).header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(first + "-d", "Lausanne")))
        .andExpect(status().isConflict());
    mvc.perform(get("/api/v1/visa/verify/" + reference)).andExpect(status().isOk())
        .andExpect(jsonPath("$.moved").value(true));
    mvc.perform(get("/visa/verify?reference=" + reference))
        .andExpect(content().string(containsString("is a valid letter for")));
  }

  /**
   * A meeting moved after letters were approved: each letter's participant and focal points are told by mail, in
   * their languages, that the letter states the meeting as approved, where its check says it went, and how to ask
   * for a new one; the secretariat gets the list. A second move is told again; an edit that moves nothing is not.
   * Before, nobody was told.
   */
  @Test
  void aMeetingMovedAfterLettersWereApprovedTellsTheirHoldersAndTheSecretariat() throws Exception {
    int n = NEXT.incrementAndGet();
    String meetings = "/api/v1/groups/cloud/meetings";
    String moving = "moves-" + n;
    mvc.perform(post(meetings).header("Authorization", tokens.bearer("tsb")).contentType(MediaType.APPLICATION_JSON)
        .content(VisaScenario.meeting(moving, "Geneva"))).andExpect(status().isCreated());
    OrganizationId org = organizations.create("Visa Move Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vmv" + n, org);
    String focal = account("vmvf" + n, org);
    // Mailed in French to the focal point, who chose it; in English to the participant's address.
    accounts.changeLanguage(accounts.find(focal).orElseThrow().id(), "fr");
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org, moving);
    String approved = mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String reference = approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");

    // An edit that moves nothing tells nobody; a new venue does.
    mvc.perform(put(meetings + "/" + moving).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(null, "Geneva").replace("\"languages\": \"English\"",
            "\"languages\": \"English, French\""))).andExpect(status().isOk());
    mvc.perform(put(meetings + "/" + moving).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(null, "Lausanne"))).andExpect(status().isOk());
    List<String> told = mailsAbout("VisaLetterMoved:" + visa + ":%", 1);
    String french = told.stream().filter(m -> m.startsWith("Réunion déplacée")).findFirst().orElseThrow();
    assertThat(french).contains(reference, "Geneva", "Lausanne", "/visa/verify?reference=" + reference, "/visa/" + visa,
        "sans que vous ayez à la demander").doesNotContain("demandez-en une nouvelle");
    assertThat(told).anyMatch(m -> m.startsWith("Meeting moved: your visa-support letter") && m.contains("Lausanne"));
    long meetingId = jdbc.sql("SELECT id FROM meetings WHERE code = ?").param(moving).query(Long.class).single();
    assertThat(mailsAbout("VisaLettersMoved:" + meetingId + ":%", 1)).anyMatch(m -> m.contains(reference) && m.contains("Lausanne") && m.contains("/visa/" + visa));

    // Moved again (its days): told again, once.
    String later = VisaScenario.meeting(null, "Lausanne").replace(LocalDate.now().plusWeeks(8).plusDays(2).toString(),
        LocalDate.now().plusWeeks(8).plusDays(3).toString());
    mvc.perform(put(meetings + "/" + moving).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(later)).andExpect(status().isOk());
    assertThat(mailsAbout("VisaLetterMoved:" + visa + ":%", 2)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(jdbc.sql("SELECT COUNT(DISTINCT occasion) FROM mail_deliveries WHERE occasion LIKE ?")
        .param("VisaLetterMoved:" + visa + ":%").query(Long.class).single()).isEqualTo(2);
  }

  /**
   * A letter whose meeting moved is re-issued by the secretariat (page and API): a new reference, the meeting's
   * venue and days as they are, the day of the re-issue; the former reference keeps being checked and names the
   * new one (API and page), and the participant and focal point are mailed the new reference in their languages.
   * A letter that still matches is refused with a sentence (409 on the API, a message on the page), and so is a
   * re-issue asked by anyone but the secretariat. Before, an approved letter could not be issued again at all.
   */
  @Test
  void aLetterWhoseMeetingMovedIsReissuedUnderANewReferenceThatTheFormerNames() throws Exception {
    int n = NEXT.incrementAndGet();
    String meetings = "/api/v1/groups/cloud/meetings";
    String moving = "reissue-" + n;
    mvc.perform(post(meetings).header("Authorization", tokens.bearer("tsb")).contentType(MediaType.APPLICATION_JSON)
        .content(VisaScenario.meeting(moving, "Geneva"))).andExpect(status().isCreated());
    OrganizationId org = organizations.create("Visa Reissue Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vri" + n, org);
    String focal = account("vrif" + n, org);
    accounts.changeLanguage(accounts.find(focal).orElseThrow().id(), "fr");
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org, moving);
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("has no letter to re-issue")));
    String approved = mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String former = approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");

    // Still as approved: nothing to re-issue, said in the reader's language; the page says it too.
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("still states the meeting as it is")));
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer("tsb"))
            .header("Accept-Language", "fr"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("il n’y a rien à réémettre")));
    mvc.perform(post("/visa/" + visa + "/reissue").with(user(users.loadUserByUsername("tsb"))).with(csrf()))
        .andExpect(redirectedUrl("/visa/" + visa))
        .andExpect(flash().attribute("problem",
            containsString("still states the meeting as it is")));
    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(not(containsString("Re-issue the letter"))));

    mvc.perform(put(meetings + "/" + moving).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(null, "Lausanne"))).andExpect(status().isOk());
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer(participant)))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer(focal)))
        .andExpect(status().isForbidden());
    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername(participant))))
        .andExpect(content().string(not(containsString("Re-issue the letter"))));
    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("Re-issue the letter"), containsString("Geneva"),
            containsString("Lausanne"))));

    mvc.perform(get("/secretariat/visa").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("Letters to re-issue"), containsString(former))));
    mvc.perform(post("/visa/" + visa + "/reissue").with(user(users.loadUserByUsername("tsb"))).with(csrf()))
        .andExpect(redirectedUrl("/visa/" + visa))
        .andExpect(flash().attribute("notice",
            containsString("Re-issued")));
    String reference = mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer(participant)))
        .andReturn().getResponse().getContentAsString().replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    assertThat(reference).isNotEqualTo(former).startsWith(moving.toUpperCase() + "-V-").contains("-R2-");
    assertThat(letterText(visa, participant)).contains("Lausanne");

    // The new letter is checked as it is; the former keeps being checked, states what it stated, and names the new.
    mvc.perform(get("/api/v1/visa/verify/" + reference))
        .andExpect(jsonPath("$.reference").value(reference))
        .andExpect(jsonPath("$.venue").value("Lausanne"))
        .andExpect(jsonPath("$.moved").value(false))
        .andExpect(jsonPath("$.supersededBy").doesNotExist());
    mvc.perform(get("/api/v1/visa/verify/" + former.toLowerCase()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.reference").value(former))
        .andExpect(jsonPath("$.venue").value("Geneva"))
        .andExpect(jsonPath("$.moved").value(true))
        .andExpect(jsonPath("$.currentVenue").value("Lausanne"))
        .andExpect(jsonPath("$.supersededBy").value(reference));
    mvc.perform(get("/visa/verify?reference=" + former))
        .andExpect(content().string(allOf(containsString("This letter was superseded"), containsString(reference),
            containsString("was issued for"), not(containsString("is a valid letter for")))));
    String wrongCode = former.substring(0, former.length() - 1) + (former.endsWith("Z") ? "Y" : "Z");
    mvc.perform(get("/api/v1/visa/verify/" + wrongCode)).andExpect(status().isNotFound());
    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString(former), not(containsString("Re-issue the letter")))));

    mvc.perform(get("/secretariat/visa").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(not(containsString(former)), not(containsString(reference)))));
    // The participant (English) and the focal point (French) are mailed the new reference.
    List<String> told = mailsAbout("VisaLetterReissued:" + visa + ":%", 1);
    assertThat(told).anyMatch(m -> m.startsWith("New visa-support letter") && m.contains(reference) && m.contains(former)
        && m.contains("Lausanne"));
    assertThat(told).anyMatch(m -> m.startsWith("Nouvelle lettre d’appui pour le visa") && m.contains(reference));

    // Now it matches again: a second re-issue is refused, and the meeting's code still stays.
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isConflict());
  }

  /**
   * The re-issue carries the meeting's facts as the secretary read them: the meeting moved again (other days) after
   * the page or the GET showed it, so the letter would quote days they never saw; the re-issue is refused (412 on
   * the API, a sentence on the page, in the reader's language) and nothing is issued. Read again, it is made with the
   * days it states. Before, only the request's own version was checked and the letter went out with the new days.
   */
  @Test
  void aReissueAfterTheMeetingMovedAgainSinceItWasReadIsRefused() throws Exception {
    int n = NEXT.incrementAndGet();
    String meetings = "/api/v1/groups/cloud/meetings";
    String moving = "reread-" + n;
    mvc.perform(post(meetings).header("Authorization", tokens.bearer("tsb")).contentType(MediaType.APPLICATION_JSON)
        .content(VisaScenario.meeting(moving, "Geneva"))).andExpect(status().isCreated());
    OrganizationId org = organizations.create("Visa Reread Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vrd" + n, org);
    String focal = account("vrdf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org, moving);
    String former = mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()
        .replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    mvc.perform(put(meetings + "/" + moving).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(null, "Lausanne"))).andExpect(status().isOk());

    // The secretary reads the request (API and page) while the meeting is in Lausanne on its first days.
    String read = mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getHeader("ETag");
    String shown = read.substring(2, read.length() - 1);
    mvc.perform(get("/visa/" + visa).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("Lausanne"),
            containsString("name=\"editVersion\" value=\"" + shown + "\""))));

    // Then the meeting's days move: the request itself is unchanged.
    LocalDate start = LocalDate.now().plusWeeks(8);
    mvc.perform(put(meetings + "/" + moving).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(null, "Lausanne")
            .replace(start.plusDays(2).toString(), start.plusDays(3).toString()))).andExpect(status().isOk());

    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer("tsb")).header("If-Match", read))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString("or its meeting was changed since you opened it")));
    mvc.perform(post("/visa/" + visa + "/reissue").with(user(users.loadUserByUsername("tsb"))).with(csrf())
            .param("editVersion", shown).header("Accept-Language", "fr"))
        .andExpect(redirectedUrl("/visa/" + visa))
        .andExpect(flash().attribute("problem", containsString("lieu ou dates de la réunion changés")));
    var tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    assertThat(desk.get(visa, tsb).reference()).isEqualTo(former);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_deliveries WHERE occasion LIKE ?")
        .param("VisaLetterReissued:" + visa + ":%").query(Long.class).single()).isZero();

    String again = mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer("tsb")))
        .andReturn().getResponse().getHeader("ETag");
    assertThat(again).isNotEqualTo(read);
    mvc.perform(post("/api/v1/visa/" + visa + "/reissue").header("Authorization", tokens.bearer("tsb")).header("If-Match", again))
        .andExpect(status().isOk());
    mvc.perform(get("/api/v1/visa/verify/" + desk.get(visa, tsb).reference()))
        .andExpect(jsonPath("$.venue").value("Lausanne"))
        .andExpect(jsonPath("$.moved").value(false));
  }

  /**
   * Two of the secretariat re-issue one letter at once: one new letter is made, the other re-issue is refused (409),
   * as the letter then states the meeting as it is; one letter is superseded, once.
   */
  @Test
  void twoReissuesAtOnceMakeOneNewLetter() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Reissue Race Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vrr" + n, org);
    String focal = account("vrrf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    var tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    desk.approve(visa, tsb);
    // As if it had been approved before the meeting moved.
    jdbc.sql("UPDATE visa_requests SET letter_venue = 'Palais des Nations', letter_starts = ?, letter_ends = ? WHERE id = ?")
        .params(LocalDate.of(2042, 3, 3), LocalDate.of(2042, 3, 5), visa).update();
    var outcomes = whileTheRowIsHeld(visa, () -> reissue.reissue(visa, tsb).reference(),
        () -> reissue.reissue(visa, tsb).reference());
    assertThat(outcomes).as("one letter made, the other re-issue refused").containsOnlyOnce("refused");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_superseded_letters WHERE request_id = ?").param(visa)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(desk.get(visa, tsb).reference()).isIn(outcomes).contains("-R2-");
  }

  /**
   * Runs both actions while another transaction holds the request's row, so that both have read it and wait to
   * write when it is let go: what each answered, or "refused" for a 409.
   */
  private List<String> whileTheRowIsHeld(long visa, java.util.concurrent.Callable<String> one,
      java.util.concurrent.Callable<String> other) throws Exception {
    var held = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var threads = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var holder = threads.submit(() -> transaction.executeWithoutResult(status -> {
        jdbc.sql("SELECT id FROM visa_requests WHERE id = ? FOR UPDATE").param(visa).query(Long.class).list();
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      held.await();
      var first = threads.submit(one);
      var second = threads.submit(other);
      Thread.sleep(1500);
      release.countDown();
      holder.get();
      var outcomes = new java.util.ArrayList<String>();
      for (var action : List.of(first, second)) {
        try {
          outcomes.add(action.get());
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(VisaRefusedException.class);
          assertThat(((VisaRefusedException) e.getCause()).httpStatus()).isEqualTo(409);
          outcomes.add("refused");
        }
      }
      return outcomes;
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  /** Subject and body of each mail whose occasion is like {@code occasion}, once {@code occasions} occasions were mailed. */
  private List<String> mailsAbout(String occasion, int occasions) throws InterruptedException {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (jdbc.sql("SELECT COUNT(DISTINCT occasion) FROM mail_deliveries WHERE occasion LIKE ?").param(occasion)
        .query(Long.class).single() < occasions && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    return jdbc.sql("""
            SELECT DISTINCT m.subject, m.body FROM mail_messages m JOIN mail_deliveries d ON d.message_id = m.id
            WHERE d.occasion LIKE ?""").param(occasion).query((rs, i) -> rs.getString(1) + "\n" + rs.getString(2)).list();
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

  /**
   * The date and the place of birth are joined as the page's language joins a pair (web.pair), not by a Latin ", ",
   * the date in the page's words (not 1980-02-29), the nationality in the language's parentheses (web.aside).
   */
  @Test
  void theDateAndPlaceOfBirthAreJoinedAsThePagesLanguageJoinsThem() throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Visa Pair Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = account("vq" + n, org);
    String focal = account("vqf" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = filedRequest(participant, focal, org);
    for (String[] language : new String[][] {{"en", "29 February 1980, ", "Lyon ("}, {"zh", "1980年2月29日，", "Lyon（"},
        {"ar", "1980، ", "\u2069 (\u2068French"}}) {
      mvc.perform(get("/visa/" + visa + "?lang=" + language[0]).with(user(users.loadUserByUsername("tsb"))))
          .andExpect(content().string(allOf(containsString(language[1]), containsString(language[2]),
              not(containsString("1980-02-29")))));
    }
  }

  private long filedRequest(String participant, String focal, OrganizationId org) throws Exception {
    return filedRequest(participant, focal, org, code);
  }

  private long filedRequest(String participant, String focal, OrganizationId org, String code) throws Exception {
    return new VisaScenario(mvc, tokens, accounts).filedRequest(participant, focal, org, code);
  }

  private String account(String username, OrganizationId organization) {
    return new VisaScenario(mvc, tokens, accounts).account(username, organization);
  }

  /** The English letter as its participant downloads it, read back as text, its spaces folded. */
  private String letterText(long visa, String participant) throws Exception {
    byte[] letter = mvc.perform(get("/api/v1/visa/" + visa + "/letter.pdf").header("Authorization", tokens.bearer(participant))
            .header("Accept-Language", "en"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    var file = java.nio.file.Files.createTempFile("plenary-letter", ".pdf");
    var text = new java.io.StringWriter();
    try {
      java.nio.file.Files.write(file, letter);
      PdfTextExtractor.extract(file, text);
    } finally {
      java.nio.file.Files.delete(file);
    }
    return text.toString().replaceAll("\\s+", " ");
  }

  private long registrationOf(long visa, String participant) throws Exception {
    String json = mvc.perform(get("/api/v1/visa/" + visa).header("Authorization", tokens.bearer(participant)))
        .andReturn().getResponse().getContentAsString();
    return Long.parseLong(json.replaceAll(".*\"registrationId\":(\\d+).*", "$1"));
  }
}
