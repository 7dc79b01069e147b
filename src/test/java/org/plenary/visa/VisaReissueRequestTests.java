package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.DemoMeetings;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A participant (or their focal point) asks for their approved letter to be issued again — a renewed passport, a name
 * spelled as the new passport spells it, a later date — and may withdraw it; the secretariat sees it under "Letters to
 * re-issue" with the reason and what changes, and re-issues (new reference, the corrected details) or declines with a
 * reason, on the request as it read it. Each step is mailed over SMTP (GreenMail) in each recipient's language. Before,
 * only the secretariat could re-issue, and only after a move: a delegate with a new passport had to write in.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-visa-reissue-requests;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=19725",
    "plenary.mail.from=tsb@plenary.example",
    "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class VisaReissueRequestTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(19725, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static final AtomicInteger NEXT = new AtomicInteger();

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired UserDetailsService users;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired VisaRequests requests;
  @Autowired JdbcClient jdbc;
  @Autowired org.springframework.transaction.support.TransactionTemplate transaction;

  private String code;

  @BeforeEach
  void upcomingMeeting() {
    code = DemoMeetings.upcoming(groups, meetings);
  }

  /** A participant (English), their focal point (French), and an approved letter. */
  private record Letter(long visa, String participant, String focal, String reference) {}

  private Letter approvedLetter(String prefix) throws Exception {
    return approvedLetter(prefix, code);
  }

  private Letter approvedLetter(String prefix, String meeting) throws Exception {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Reissue Ask Org " + prefix + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    var scenario = new VisaScenario(mvc, tokens, accounts);
    String participant = scenario.account(prefix + "p" + n, org);
    String focal = scenario.account(prefix + "f" + n, org);
    accounts.changeLanguage(accounts.find(focal).orElseThrow().id(), "fr");
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = scenario.filedRequest(participant, focal, org, meeting);
    String approved = mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return new Letter(visa, participant, focal, approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1"));
  }

  /** The details as the renewed passport gives them: a new number, a later expiry, the name as it now spells it. */
  private static String renewed(String expiresOn) {
    return VisaScenario.form("Lyon").replace("\"Person\"", "\"Person Renewed\"").replace("X1234567", "Y7654321")
        .replaceAll("\"expiresOn\": \"[^\"]+\"", "\"expiresOn\": \"" + expiresOn + "\"");
  }

  @Test
  void aParticipantAsksWithARenewedPassportAndTheSecretariatReissuesTheLetterAsItRead() throws Exception {
    Letter letter = approvedLetter("ra");
    String later = LocalDate.now().plusYears(8).toString();

    // The same field rules as a first request: a passport that expires before the meeting ends, a malformed number.
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests").header("Authorization", tokens.bearer(letter.participant()))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"New passport.\", \"details\": " + renewed(LocalDate.now().plusDays(1).toString()) + "}"))
        .andExpect(status().isBadRequest()).andExpect(content().string(containsString("details.expiresOn")));
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests").header("Authorization", tokens.bearer(letter.participant()))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"New passport.\", \"details\": " + renewed(later).replace("Y7654321", "Y7-65") + "}"))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests").header("Authorization", tokens.bearer(letter.participant()))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \" \"}"))
        .andExpect(status().isBadRequest()).andExpect(content().string(containsString("reason")));

    String asked = mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests")
            .header("Authorization", tokens.bearer(letter.participant())).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"My passport was renewed.\", \"details\": " + renewed(later) + "}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.request.state").value("OPEN"))
        .andExpect(jsonPath("$.request.changes").value(org.hamcrest.Matchers.containsInAnyOrder("fullName",
            "passportNumber", "expiresOn")))
        .andExpect(jsonPath("$.request.askedBy").doesNotExist())
        .andReturn().getResponse().getContentAsString();
    long ask = Long.parseLong(asked.replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1"));
    // One open request at a time: a second, by the participant or the focal point, is refused with a sentence.
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests").header("Authorization", tokens.bearer(letter.focal()))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Again.\"}"))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("already asked for")));

    // The secretariat's list: the reason, and what changes, the passport numbers masked.
    mvc.perform(get("/secretariat/visa").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("Letters to re-issue"), containsString(letter.reference()),
            containsString("My passport was renewed."), containsString("*****567"), containsString("*****321"),
            containsString("Person Renewed"), not(containsString("Y7654321")), not(containsString("X1234567")))));

    // Read by the secretary; then withdrawn and asked again with other details: the first read decides nothing.
    String read = mvc.perform(get("/api/v1/visa/" + letter.visa()).header("Authorization", tokens.bearer("tsb")))
        .andReturn().getResponse().getHeader("ETag");
    String shown = read.substring(2, read.length() - 1);
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests/" + ask + "/withdraw")
            .header("Authorization", tokens.bearer(letter.participant())))
        .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("WITHDRAWN"));
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests/" + ask + "/withdraw")
            .header("Authorization", tokens.bearer(letter.participant())))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("already withdrawn")));
    String again = mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests")
            .header("Authorization", tokens.bearer(letter.participant())).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"Renewed passport, number Z.\", \"details\": " + renewed(later).replace("Y7654321", "Z1112223") + "}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    long second = Long.parseLong(again.replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_reissue_requests WHERE id = ? AND details IS NOT NULL").param(ask)
        .query(Long.class).single()).as("the withdrawn request's passport details are erased").isZero();
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue").header("Authorization", tokens.bearer("tsb"))
            .header("If-Match", read))
        .andExpect(status().isPreconditionFailed());
    mvc.perform(post("/visa/" + letter.visa() + "/reissue").with(user(users.loadUserByUsername("tsb"))).with(csrf())
            .param("editVersion", shown))
        .andExpect(flash().attribute("problem", containsString("was changed since you opened it")));

    String now = mvc.perform(get("/api/v1/visa/" + letter.visa()).header("Authorization", tokens.bearer("tsb")))
        .andReturn().getResponse().getHeader("ETag");
    String reissued = mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue").header("Authorization", tokens.bearer("tsb"))
            .header("If-Match", now))
        .andExpect(status().isOk()).andExpect(jsonPath("$.fullName").value("Person Renewed"))
        .andReturn().getResponse().getContentAsString();
    String reference = reissued.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    assertThat(reference).contains("-R2-").isNotEqualTo(letter.reference());
    mvc.perform(get("/api/v1/visa/" + letter.visa()).header("Authorization", tokens.bearer(letter.participant())))
        .andExpect(jsonPath("$.passport.number").value("Z1112223"));
    mvc.perform(get("/api/v1/visa/" + letter.visa() + "/reissue-requests").header("Authorization", tokens.bearer("tsb")))
        .andExpect(jsonPath("$[0].id").value(second)).andExpect(jsonPath("$[0].state").value("REISSUED"))
        .andExpect(jsonPath("$[0].reference").value(reference)).andExpect(jsonPath("$[0].settledBy").value("tsb"))
        .andExpect(jsonPath("$[0].askedBy").value(letter.participant()))
        .andExpect(jsonPath("$[1].state").value("WITHDRAWN"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_reissue_requests WHERE request_id = ? AND details IS NOT NULL")
        .param(letter.visa()).query(Long.class).single()).as("nothing kept beside the request's own details").isZero();
    // The former reference is checked with the name it printed, and names the new one.
    mvc.perform(get("/api/v1/visa/verify/" + letter.reference()))
        .andExpect(jsonPath("$.fullName").value("Person")).andExpect(jsonPath("$.supersededBy").value(reference));
    mvc.perform(get("/secretariat/visa").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(not(containsString("Renewed passport, number Z."))));

    List<String> mails = mails(letter.participant() + "@example.org|New visa-support letter asked for",
        letter.focal() + "@example.org|Nouvelle lettre d’appui pour le visa demandée",
        letter.participant() + "@example.org|Request for a new visa-support letter withdrawn",
        letter.participant() + "@example.org|New visa-support letter:", letter.focal() + "@example.org|Nouvelle lettre d’appui pour le visa\u202f:");
    assertThat(mails).anyMatch(m -> m.startsWith(letter.participant() + "@example.org|New visa-support letter asked for")
        && m.contains("My passport was renewed."));
    assertThat(mails).anyMatch(m -> m.startsWith(letter.focal() + "@example.org|Nouvelle lettre d’appui pour le visa demandée"));
    assertThat(mails).anyMatch(m -> m.startsWith(letter.participant() + "@example.org|Request for a new visa-support letter withdrawn"));
    assertThat(mails).anyMatch(m -> m.startsWith(letter.participant() + "@example.org|New visa-support letter:")
        && m.contains(reference) && m.contains("As asked") && m.contains("Renewed passport, number Z."));
    assertThat(mails).anyMatch(m -> m.startsWith(letter.focal() + "@example.org|Nouvelle lettre d’appui pour le visa")
        && m.contains(reference) && m.contains("Comme demandé"));
    assertThat(mails).noneMatch(m -> m.contains("Z1112223") || m.contains("Y7654321"));
  }

  /**
   * The secretariat is mailed each new ask, in each member's language: whose letter, the reason, which details it
   * corrects (by their labels, never their values) and where to settle it. Before, only the participant and focal
   * points were told, and the secretariat learnt of an ask only by opening its list.
   */
  @Test
  void theSecretariatIsMailedEachAskInItsLanguageWithTheDetailsItCorrectsNotTheirValues() throws Exception {
    String staff = "rsfr" + NEXT.incrementAndGet();
    accounts.create(new org.plenary.account.NewAccount(staff, staff + "@example.org", "Secrétaire " + staff, null, "FR",
        java.util.Set.of(org.plenary.account.Role.SECRETARIAT)), staff + "-pass", false);
    accounts.changeLanguage(accounts.find(staff).orElseThrow().id(), "fr");
    Letter letter = approvedLetter("rm");
    String asked = mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests")
            .header("Authorization", tokens.bearer(letter.focal())).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"Passport renewed in May.\", \"details\": "
                + renewed(LocalDate.now().plusYears(8).toString()) + "}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    long ask = Long.parseLong(asked.replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1"));
    String name = "Person " + letter.participant();
    List<String> mails = mails("tsb@demo.plenary.example|New visa-support letter asked for: " + name + ", FG Cloud " + code,
        staff + "@example.org|Nouvelle lettre d’appui pour le visa demandée\u202f: " + name + ", FG Cloud " + code);
    assertThat(mails).anyMatch(m -> m.startsWith("tsb@demo.plenary.example|New visa-support letter asked for: " + name)
        && m.contains(letter.reference()) && m.contains("Passport renewed in May.")
        && m.contains("Full name exactly as in the passport") && m.contains("Passport number") && m.contains("Date of expiry")
        && m.contains("/visa/" + letter.visa()) && m.contains("/secretariat/visa"));
    assertThat(mails).anyMatch(m -> m.startsWith(staff + "@example.org|Nouvelle lettre d’appui pour le visa demandée")
        && m.contains(name) && m.contains("Numéro de passeport") && m.contains("Passport renewed in May."));
    assertThat(mails).noneMatch(m -> m.contains("Y7654321") || m.contains("X1234567"));

    // Withdrawn, asked again as it is: the secretariat hears of the new ask (nothing changes), not of the withdrawal.
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests/" + ask + "/withdraw")
        .header("Authorization", tokens.bearer(letter.participant()))).andExpect(status().isOk());
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests")
            .header("Authorization", tokens.bearer(letter.participant())).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"The embassy wants a later date.\"}"))
        .andExpect(status().isCreated());
    List<String> again = mails("tsb@demo.plenary.example|New visa-support letter asked for: " + name);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && again.stream().noneMatch(m -> m.startsWith("tsb@demo.plenary.example|")
        && m.contains("The embassy wants a later date."))) {
      Thread.sleep(100);
      again = mails();
    }
    assertThat(again).anyMatch(m -> m.startsWith("tsb@demo.plenary.example|New visa-support letter asked for: " + name)
        && m.contains("The embassy wants a later date.") && m.contains("No detail changes"));
    assertThat(again).anyMatch(m -> m.startsWith(staff + "@example.org|") && m.contains("The embassy wants a later date.")
        && m.contains("Aucun détail ne change"));
    assertThat(again.stream().filter(m -> m.startsWith("tsb@demo.plenary.example|") && m.contains(name))).hasSize(2);
  }

  /**
   * Only the participant and their focal point ask, withdraw or read a re-issue request; another participant of the
   * organization, another organization's focal point and the anonymous are told nothing exists (404, 401), and the
   * secretariat declines with a reason the participant reads, which nobody else may.
   */
  @Test
  void onlyTheHolderAndFocalPointAskAndOnlyTheSecretariatDeclines() throws Exception {
    Letter letter = approvedLetter("rh");
    Letter stranger = approvedLetter("rs");
    String ask = "/api/v1/visa/" + letter.visa() + "/reissue-requests";
    String body = "{\"reason\": \"The embassy wants a letter dated after 1 May.\"}";
    for (String other : List.of(stranger.participant(), stranger.focal())) {
      mvc.perform(post(ask).header("Authorization", tokens.bearer(other)).contentType(MediaType.APPLICATION_JSON).content(body))
          .andExpect(status().isNotFound());
    }
    mvc.perform(post(ask).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isUnauthorized());
    mvc.perform(post(ask).header("Authorization", tokens.bearer("tsb")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isForbidden());

    String asked = mvc.perform(post(ask).header("Authorization", tokens.bearer(letter.focal()))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isCreated()).andExpect(jsonPath("$.request.changes").isEmpty())
        .andReturn().getResponse().getContentAsString();
    long id = Long.parseLong(asked.replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1"));
    for (String other : List.of(stranger.participant(), stranger.focal())) {
      mvc.perform(get(ask).header("Authorization", tokens.bearer(other))).andExpect(status().isNotFound());
      mvc.perform(post(ask + "/" + id + "/withdraw").header("Authorization", tokens.bearer(other)))
          .andExpect(status().isNotFound());
    }
    mvc.perform(post(ask + "/" + id + "/decline").header("Authorization", tokens.bearer(letter.participant()))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"No.\"}"))
        .andExpect(status().isForbidden());
    // Another request's re-issue request is not found under this one.
    mvc.perform(post("/api/v1/visa/" + stranger.visa() + "/reissue-requests/" + id + "/decline")
            .header("Authorization", tokens.bearer("tsb")).contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"No.\"}"))
        .andExpect(status().isNotFound());
    mvc.perform(post(ask + "/" + id + "/decline").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"\"}"))
        .andExpect(status().isBadRequest());

    // The page: the participant sees the request and may withdraw it; the secretary declines on what the page showed.
    mvc.perform(get("/visa/" + letter.visa()).with(user(users.loadUserByUsername(letter.participant()))))
        .andExpect(content().string(allOf(containsString("A new letter was asked for"), containsString("Withdraw the request"),
            not(containsString("Ask for a new letter")), not(containsString("Decline")))));
    String page = mvc.perform(get("/visa/" + letter.visa()).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("The embassy wants a letter dated after 1 May."),
            containsString("No detail changes"), containsString("Re-issue the letter"), containsString("Decline"))))
        .andReturn().getResponse().getContentAsString();
    String version = page.replaceAll("(?s).*name=\"editVersion\" value=\"(\\d+)\".*", "$1");
    mvc.perform(post("/visa/" + letter.visa() + "/reissue-requests/" + id + "/decline").with(user(users.loadUserByUsername("tsb")))
            .with(csrf()).param("editVersion", version).param("reason", "The letter already states no date limit.")
            .header("Accept-Language", "fr"))
        .andExpect(redirectedUrl("/visa/" + letter.visa()))
        .andExpect(flash().attribute("notice", containsString("Refusée\u202f;")));
    mvc.perform(get(ask).header("Authorization", tokens.bearer(letter.participant())))
        .andExpect(jsonPath("$[0].state").value("DECLINED"))
        .andExpect(jsonPath("$[0].answer").value("The letter already states no date limit."))
        .andExpect(jsonPath("$[0].settledBy").doesNotExist());
    mvc.perform(get("/visa/" + letter.visa()).with(user(users.loadUserByUsername(letter.participant()))))
        .andExpect(content().string(allOf(containsString("declined"), containsString("The letter already states no date limit."),
            containsString("Ask for a new letter"))));
    List<String> mails = mails(letter.participant() + "@example.org|No new visa-support letter",
        letter.focal() + "@example.org|Pas de nouvelle lettre d’appui pour le visa");
    assertThat(mails).anyMatch(m -> m.startsWith(letter.participant() + "@example.org|No new visa-support letter")
        && m.contains("The letter already states no date limit."));
    assertThat(mails).anyMatch(m -> m.startsWith(letter.focal() + "@example.org|Pas de nouvelle lettre d’appui pour le visa"));
  }

  /**
   * The participant and the focal point ask at once, while another transaction holds the request's row: one request
   * is made, the other refused (409) as one is open. Before there was no asking; the rule is checked under the lock.
   */
  @Test
  void twoAsksAtOnceMakeOneOpenRequest() throws Exception {
    Letter letter = approvedLetter("rc");
    var held = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var threads = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var holder = threads.submit(() -> transaction.executeWithoutResult(status -> {
        jdbc.sql("SELECT id FROM visa_requests WHERE id = ? FOR UPDATE").param(letter.visa()).query(Long.class).list();
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      held.await();
      var outcomes = new ArrayList<java.util.concurrent.Future<Integer>>();
      for (String asker : List.of(letter.participant(), letter.focal())) {
        String token = tokens.bearer(asker);
        outcomes.add(threads.submit(() -> mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests")
                .header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"Asked by " + asker + ".\"}"))
            .andReturn().getResponse().getStatus()));
      }
      Thread.sleep(1500);
      release.countDown();
      holder.get();
      assertThat(List.of(outcomes.get(0).get(), outcomes.get(1).get())).containsExactlyInAnyOrder(201, 409);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_reissue_requests WHERE request_id = ? AND status = 'OPEN'")
        .param(letter.visa()).query(Long.class).single()).isEqualTo(1);
  }

  /** The page's form: a reason is required, details are checked only when said to have changed, then as a first request's. */
  @Test
  void thePageAsksWithFieldErrorsAndNeverShowsThePassportBack() throws Exception {
    Letter letter = approvedLetter("rp");
    var participant = user(users.loadUserByUsername(letter.participant()));
    mvc.perform(get("/visa/" + letter.visa()).with(participant))
        .andExpect(content().string(containsString("Ask for a new letter")));
    mvc.perform(get("/visa/" + letter.visa() + "/reissue-requests/new").with(participant))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("value=\"Person\""), not(containsString("X1234567")))));
    mvc.perform(post("/visa/" + letter.visa() + "/reissue-requests").with(participant).with(csrf()).param("reason", " "))
        .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("reissueAskForm", "reason"));
    mvc.perform(post("/visa/" + letter.visa() + "/reissue-requests").with(participant).with(csrf())
            .param("reason", "x".repeat(2001)))
        .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("reissueAskForm", "reason"));
    mvc.perform(post("/visa/" + letter.visa() + "/reissue-requests").with(participant).with(csrf())
            .param("reason", "Renewed passport.").param("correct", "true").param("fullName", "Person")
            .param("passportNumber", "no!"))
        .andExpect(status().isOk())
        .andExpect(model().attributeHasFieldErrors("reissueAskForm", "passportNumber", "expiresOn", "birthDate"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_reissue_requests WHERE request_id = ?").param(letter.visa())
        .query(Long.class).single()).isZero();
    mvc.perform(post("/visa/" + letter.visa() + "/reissue-requests").with(participant).with(csrf())
            .param("reason", "The embassy wants a later date.").param("correct", "false").param("passportNumber", "ignored"))
        .andExpect(redirectedUrl("/visa/" + letter.visa()));
    mvc.perform(get("/visa/" + letter.visa()).with(participant))
        .andExpect(content().string(allOf(containsString("Withdraw the request"), containsString("The embassy wants a later date."))));
  }

  /**
   * A letter is asked for again only while the meeting has not ended; the corrected details asked are purged with the
   * request's own, on the same day.
   */
  @Test
  void noAskOnceTheMeetingEndedAndTheAskedDetailsArePurgedWithTheRequests() throws Exception {
    int n = NEXT.incrementAndGet();
    String own = "reissue-end-" + n;
    mvc.perform(post("/api/v1/groups/cloud/meetings").header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(own, "Geneva"))).andExpect(status().isCreated());
    Letter letter = approvedLetter("re", own);
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue-requests").header("Authorization", tokens.bearer(letter.participant()))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"Renewed.\", \"details\": " + renewed(LocalDate.now().plusYears(8).toString()) + "}"))
        .andExpect(status().isCreated());
    long meeting = jdbc.sql("SELECT meeting_id FROM visa_requests WHERE id = ?").param(letter.visa()).query(Long.class).single();
    requests.purge(List.of(new MeetingId(meeting)), java.time.Instant.now());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_reissue_requests WHERE request_id = ? AND details IS NOT NULL")
        .param(letter.visa()).query(Long.class).single()).as("purged with the request's passport").isZero();

    Letter other = approvedLetter("rf", own);
    jdbc.sql("UPDATE meetings SET start_date = ?, end_date = ? WHERE id = ?")
        .params(LocalDate.now().minusDays(4), LocalDate.now().minusDays(2), meeting).update();
    mvc.perform(post("/api/v1/visa/" + other.visa() + "/reissue-requests").header("Authorization", tokens.bearer(other.participant()))
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Later date.\"}"))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("no longer issued again")));
  }

  /**
   * A letter approved before V078 states facts nobody kept (V121 marks it): the secretariat's list shows it under
   * "Letters to re-issue" with that sentence, and its re-issue gives it stated facts. Before, it read as stating
   * the meeting as it is, so a move was never seen for it.
   */
  @Test
  void aLetterWhoseFactsAreUnknownIsListedToReissueAndItsReissueStatesThem() throws Exception {
    Letter letter = approvedLetter("ru");
    jdbc.sql("UPDATE visa_requests SET letter_venue = NULL, letter_starts = NULL, letter_ends = NULL,"
        + " letter_facts_unknown = TRUE WHERE id = ?").param(letter.visa()).update();
    mvc.perform(get("/secretariat/visa").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString(letter.reference()),
            containsString("approved before Plenary kept the venue and days"))));
    // Its public check says that what it printed is not known, instead of vouching for the meeting as it is.
    mvc.perform(get("/api/v1/visa/verify/" + letter.reference())).andExpect(jsonPath("$.factsUnknown").value(true));
    mvc.perform(get("/visa/verify?reference=" + letter.reference()))
        .andExpect(content().string(containsString("approved before Plenary kept the venue and days")));
    mvc.perform(get("/visa/" + letter.visa()).with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(allOf(containsString("What this letter states is not known"),
            containsString("Re-issue the letter"))));
    String reissued = mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.reference").value(containsString("-R2-")))
        .andReturn().getResponse().getContentAsString().replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    mvc.perform(get("/api/v1/visa/verify/" + reissued)).andExpect(jsonPath("$.factsUnknown").value(false));
    assertThat(jdbc.sql("SELECT letter_facts_unknown FROM visa_requests WHERE id = ?").param(letter.visa())
        .query(Boolean.class).single()).isFalse();
    mvc.perform(get("/secretariat/visa").with(user(users.loadUserByUsername("tsb"))))
        .andExpect(content().string(not(containsString(letter.reference()))));
    mvc.perform(post("/api/v1/visa/" + letter.visa() + "/reissue").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isConflict());
  }

  /** "recipient|subject|body" of every mail received so far, once one starts with each of {@code expected}. */
  private List<String> mails(String... expected) throws Exception {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (true) {
      var all = new ArrayList<String>();
      for (MimeMessage message : smtp.getReceivedMessages()) {
        Object body = message.getContent();
        for (var to : message.getRecipients(Message.RecipientType.TO)) {
          all.add(to + "|" + message.getSubject() + "|" + (body instanceof String text ? text : GreenMailUtil.getBody(message)));
        }
      }
      if (java.util.Arrays.stream(expected).allMatch(e -> all.stream().anyMatch(m -> m.startsWith(e)))
          || System.nanoTime() > until) {
        return all;
      }
      Thread.sleep(100);
    }
  }
}
