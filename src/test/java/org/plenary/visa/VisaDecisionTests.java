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
import org.plenary.account.PlenaryUser;
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
  @Autowired ApiTokens tokens;
  @Autowired UserDetailsService users;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired VisaDesk desk;
  @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

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
    var held = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var threads = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      // Holds the request's row, so that both decisions have read it and wait to write when it is let go.
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
      var approval = threads.submit(() -> desk.approve(visa, tsb));
      var refusal = threads.submit(() -> desk.refuse(visa, "The meeting is full.", tsb));
      Thread.sleep(1500);
      release.countDown();
      holder.get();
      var outcomes = new java.util.ArrayList<String>();
      for (var decision : java.util.List.of(approval, refusal)) {
        try {
          outcomes.add(decision.get().status().name());
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(VisaRefusedException.class);
          assertThat(((VisaRefusedException) e.getCause()).httpStatus()).isEqualTo(409);
          outcomes.add("refused");
        }
      }
      assertThat(outcomes).as("one decision made, the other refused").containsOnlyOnce("refused");
      String made = outcomes.stream().filter(o -> !o.equals("refused")).findFirst().orElseThrow();
      assertThat(desk.get(visa, tsb).status().name()).isEqualTo(made);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
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
