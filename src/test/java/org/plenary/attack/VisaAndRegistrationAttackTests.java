package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.FormClient;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Visa letters, registrations and their PDFs attacked as a stranger, a participant of another
 * organization and a focal point of another organization would: real HTTP against a started server
 * in demo mode (the upcoming FG Cloud meeting, open for registration and visa requests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-visa;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-visa-${random.uuid}"})
@ActiveProfiles("demo")
class VisaAndRegistrationAttackTests {

  private static final Pattern PRINTED_REFERENCE =
      Pattern.compile("\\d{4}-[A-Z]{3}-V-\\d{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}");
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired OrganizationDirectory organizations;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private String meeting;

  /** Two Sector Members, each with a focal point and a participant, under names no other test uses. */
  private record Cast(long orgA, long orgB, String focalA, String focalB, String alice, String bob) {}

  /** The demo's upcoming meeting as the application made it, never derived from the test's own date. */
  @BeforeEach
  void upcomingMeeting() {
    meeting = DemoMeetings.upcoming(groups, meetings);
  }

  @Test
  void aStrangerCannotListVisaApplicantsByCountingReferences() throws Exception {
    Cast cast = cast();
    String name = "Bob Countable " + NEXT.incrementAndGet();
    long registration = approvedRegistration(cast.bob(), cast.orgB(), cast.focalB(), name, "IN_PERSON");
    long request = visaRequest(cast.bob(), registration, name, "Lyon").get("request").get("id").asLong();
    String reference = json(send("POST", "/api/v1/visa/" + request + "/approve", token("tsb"), null)).get("reference")
        .asString();

    // Counting: every number near the real one, in the old form, the new form without its code, or with a guessed code.
    String guessedCode = "-0000-0000-0000-0000";
    for (long n = Math.max(1, request - 3); n <= request + 3; n++) {
      for (String guess : new String[] {"VISA-" + meeting.toUpperCase() + "-%04d".formatted(n),
          meeting.toUpperCase() + "-V-%04d".formatted(n), meeting.toUpperCase() + "-V-%04d".formatted(n) + guessedCode,
          meeting.toLowerCase() + "-v-%04d".formatted(n)}) {
        HttpResponse<String> api = send("GET", "/api/v1/visa/verify/" + encode(guess), null, null);
        assertThat(api.statusCode()).as(guess).isEqualTo(404);
        assertThat(api.body()).as(guess).doesNotContain(name);
        assertThat(page("/visa/verify?reference=" + encode(guess)).body()).as(guess)
            .doesNotContain(name).doesNotContain("is a valid letter");
      }
    }

    // The focal point of another organization sees neither the request nor its letter: to them it is unknown (404), as an unused id.
    for (String path : new String[] {"/api/v1/visa/" + request, "/api/v1/visa/" + request + "/letter.pdf"}) {
      assertThat(send("GET", path, token(cast.focalA()), null).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(page(signedIn(cast.focalA()), "/visa/" + request).statusCode()).isEqualTo(404);

    // The letter prints the whole reference in a form a consulate can type.
    assertThat(reference).matches(PRINTED_REFERENCE);
    PdfText letter = PdfText.of(bytes("/api/v1/visa/" + request + "/letter.pdf", token(cast.bob())));
    assertThat(letter.stripped()).contains(reference, name);
    // The letter's reference verifies, typed as a person types it (lower case, spaces, O for 0).
    assertThat(send("GET", "/api/v1/visa/verify/" + reference, null, null).body()).contains(name);
    String typed = reference.toLowerCase().replace("-", " ").replace('0', 'o');
    assertThat(page("/visa/verify?reference=" + encode(typed)).body()).contains("is a valid letter for", name);

    String publicPart = reference.substring(0, reference.length() - 20);

    // A wrong code on a real reference and a reference that does not exist get the same answer.
    String wrongCode = publicPart + guessedCode;
    String nowhere = meeting.toUpperCase() + "-V-9999" + guessedCode;
    HttpResponse<String> wrongApi = send("GET", "/api/v1/visa/verify/" + wrongCode, null, null);
    HttpResponse<String> nowhereApi = send("GET", "/api/v1/visa/verify/" + nowhere, null, null);
    assertThat(wrongApi.statusCode()).isEqualTo(nowhereApi.statusCode()).isEqualTo(404);
    assertThat(wrongApi.body().replace(wrongCode, "REF")).isEqualTo(nowhereApi.body().replace(nowhere, "REF"));
    assertThat(page("/visa/verify?reference=" + wrongCode).body().replace(wrongCode, "REF"))
        .isEqualTo(page("/visa/verify?reference=" + nowhere).body().replace(nowhere, "REF"));
  }

  @Test
  void whoDecidedIsNamedByUsernameOnlyToThoseWhoMayDecide() throws Exception {
    Cast cast = cast();
    String name = "Alice Decided " + NEXT.incrementAndGet();
    long registration = approvedRegistration(cast.alice(), cast.orgA(), cast.focalA(), name, "IN_PERSON");
    String path = "/api/v1/registrations/" + registration;
    assertThat(json(send("GET", path, token(cast.focalA()), null)).get("decidedBy").asString()).isEqualTo(cast.focalA());
    for (String reader : new String[] {cast.alice(), "chair"}) {
      assertThat(send("GET", path, token(reader), null).body()).as(reader).contains("\"decidedBy\":null")
          .doesNotContain(cast.focalA());
    }
    assertThat(send("GET", registrations(), token(cast.alice()), null).body()).doesNotContain(cast.focalA());

    long request = visaRequest(cast.alice(), registration, name, "Paris").get("request").get("id").asLong();
    assertThat(send("POST", "/api/v1/visa/" + request + "/return", token("tsb"), "{\"reason\": \"Your mission\"}")
        .statusCode()).isEqualTo(200);
    assertThat(json(send("GET", "/api/v1/visa/" + request, token("tsb"), null)).get("request").get("decidedBy").asString())
        .isEqualTo("tsb");
    assertThat(send("GET", "/api/v1/visa/" + request, token(cast.alice()), null).body()).doesNotContain("\"tsb\"");
    assertThat(send("POST", "/api/v1/registrations/" + registration + "/visa", token(cast.alice()), visaForm(name, "Lyon"))
        .body()).doesNotContain("\"tsb\"");
  }

  @Test
  void aFocalPointTheAdministratorRemovesStopsDecidingAtTheirNextRequest() throws Exception {
    Cast cast = cast();
    long id = json(send("POST", registrations(), token(cast.alice()),
        registrationJson("Alice Waiting " + NEXT.incrementAndGet(), cast.orgA(), "IN_PERSON"))).get("id").asLong();
    String focalToken = token(cast.focalA());  // issued before the removal, as is the session
    HttpClient focalSession = signedIn(cast.focalA());
    String focalPoints = "/api/v1/organizations/" + cast.orgA() + "/focal-points/" + cast.focalA();

    assertThat(send("DELETE", focalPoints, token(cast.alice()), null).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", focalPoints, token("tsb"), null).statusCode()).isEqualTo(204);
    HttpResponse<String> again = send("DELETE", focalPoints, token("tsb"), null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(json(again).get("detail").asString()).isEqualTo(cast.focalA() + " is not a focal point of Attack Org A "
        + cast.focalA().substring(2) + ".");

    assertThat(send("POST", "/api/v1/registrations/" + id + "/approve", focalToken, null).statusCode()).isEqualTo(404);
    assertThat(page(focalSession, "/registrations/" + id).statusCode()).isEqualTo(404);

    // Appointed again on the page and removed there.
    HttpClient admin = signedIn("tsb");
    String list = page(admin, "/admin/organizations").body();
    postForm(admin, "/admin/organizations/" + cast.orgA() + "/focal-points",
        Map.of("_csrf", FormClient.csrf(list), "username", cast.focalA()));
    assertThat(page(focalSession, "/registrations/" + id).statusCode()).isEqualTo(200);
    list = page(admin, "/admin/organizations").body();
    assertThat(list).contains("Remove " + cast.focalA() + " as a focal point of");
    var removed = postForm(admin, "/admin/organizations/" + cast.orgA() + "/focal-points/remove",
        Map.of("_csrf", FormClient.csrf(list), "username", cast.focalA()));
    assertThat(removed.statusCode()).isEqualTo(302);
    assertThat(page(admin, "/admin/organizations").body()).contains(cast.focalA() + " is no longer a focal point.");
    assertThat(page(focalSession, "/registrations/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void visaSupportIsRefusedToParticipantsAttendingRemotely() throws Exception {
    Cast cast = cast();
    String name = "Alice Remote " + NEXT.incrementAndGet();
    long registration = approvedRegistration(cast.alice(), cast.orgA(), cast.focalA(), name, "REMOTE");

    HttpResponse<String> refused = send("POST", "/api/v1/registrations/" + registration + "/visa", token(cast.alice()),
        visaForm(name, "Paris"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(json(refused).get("detail").asString()).contains("attend in person");

    HttpClient browser = signedIn(cast.alice());
    String form = page(browser, "/registrations/" + registration + "/visa").body();
    assertThat(form).contains("Visa support is for participants who attend in person");
    var posted = postForm(browser, "/registrations/" + registration + "/visa", Map.of("_csrf", FormClient.csrf(form),
        "fullName", name, "birthDate", "1980-01-01", "birthPlace", "Paris", "nationality", "French",
        "passportNumber", "X7654321", "issuingCountry", "France", "issuedOn", "2020-01-01", "expiresOn", "2035-01-01",
        "mission", "Embassy of Switzerland in Paris"));
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).contains("attend in person");
    assertThat(send("GET", "/api/v1/registrations/" + registration, token(cast.alice()), null).body())
        .contains("\"attendance\":\"REMOTE\"");
  }

  @Test
  void aParticipantRegistersOnlyForTheOrganizationOfTheirAccountWhateverTheFormOrBodySays() throws Exception {
    Cast cast = cast();
    String name = "Bob Forger " + NEXT.incrementAndGet();
    // The JSON body names organization A; Bob's account is B's.
    HttpResponse<String> forgedJson = send("POST", registrations(), token(cast.bob()),
        registrationJson(name, cast.orgA(), "IN_PERSON"));
    assertThat(forgedJson.statusCode()).isEqualTo(400);
    assertThat(forgedJson.body()).contains("organizationId");
    // The page's form, edited to send organization A.
    HttpClient browser = signedIn(cast.bob());
    String form = page(browser, "/groups/cloud/meetings/" + meeting + "/register").body();
    assertThat(form).doesNotContain("value=\"" + cast.orgA() + "\"");
    var forgedForm = postForm(browser, "/groups/cloud/meetings/" + meeting + "/register", Map.of("_csrf", FormClient.csrf(form),
        "fullName", name, "email", "forger@example.org", "organizationId", String.valueOf(cast.orgA()),
        "countryCode", "FR", "attendance", "IN_PERSON"));
    assertThat(forgedForm.statusCode()).isEqualTo(200);
    assertThat(forgedForm.body()).contains("You register for your account");
    assertThat(send("GET", registrations(), token(cast.focalA()), null).body()).doesNotContain(name);

    // Without an organization in the body, the registration is for the account's.
    JsonNode registered = json(send("POST", registrations(), token(cast.bob()), registrationJson(name, null, "IN_PERSON")));
    assertThat(registered.get("organizationId").asLong()).isEqualTo(cast.orgB());
    long id = registered.get("id").asLong();

    // The focal point of A neither sees nor decides on B's people, on the API or the pages.
    assertThat(send("GET", registrations(), token(cast.focalA()), null).body()).doesNotContain(name);
    HttpResponse<String> others = send("GET", "/api/v1/registrations/" + id, token(cast.focalA()), null);
    HttpResponse<String> unused = send("GET", "/api/v1/registrations/" + (id + 1_000_000), token(cast.focalA()), null);
    assertThat(others.statusCode()).isEqualTo(404);
    assertThat(others.body().replace(String.valueOf(id), "ID"))
        .as("another's registration answers as an id never used").isEqualTo(unused.body().replace(String.valueOf(id + 1_000_000), "ID"));
    assertThat(send("POST", "/api/v1/registrations/" + id + "/approve", token(cast.focalA()), null).statusCode())
        .isEqualTo(404);
    HttpClient focalA = signedIn(cast.focalA());
    assertThat(page(focalA, "/registrations").body()).doesNotContain(name);
    assertThat(page(focalA, "/registrations/" + id).statusCode()).isEqualTo(404);
    assertThat(send("GET", registrations(), token(cast.focalB()), null).body()).contains(name);

    // An account without an organization chooses one.
    String free = "free" + NEXT.incrementAndGet();
    accounts.create(new NewAccount(free, free + "@example.org", "Free Agent", null, "CH", Set.of()), free + "-pass", false);
    JsonNode chosen = json(send("POST", registrations(), token(free), registrationJson("Free Agent", cast.orgA(), "IN_PERSON")));
    assertThat(chosen.get("organizationId").asLong()).isEqualTo(cast.orgA());
  }

  @Test
  void aRegistrationMailsOnlyItsAccountsAddressWhateverTheFormOrBodyNames() throws Exception {
    Cast cast = cast();
    String victim = "victim" + NEXT.incrementAndGet() + "@elsewhere.example";
    // On the API, the body names someone else's address.
    HttpResponse<String> created = send("POST", registrations(), token(cast.alice()), """
        {"fullName": "Alice Relay", "email": "%s", "countryCode": "FR", "attendance": "IN_PERSON"}""".formatted(victim));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).get("email").asString()).isEqualTo(cast.alice() + "@example.org");
    long id = json(created).get("id").asLong();
    assertThat(send("POST", "/api/v1/registrations/" + id + "/approve", token(cast.focalA()), null).statusCode())
        .isEqualTo(200);
    // On the page, the form is edited to send it; a rejection mails it too.
    HttpClient browser = signedIn(cast.bob());
    String form = page(browser, "/groups/cloud/meetings/" + meeting + "/register").body();
    assertThat(form).contains("value=\"" + cast.bob() + "@example.org\" readonly");
    var posted = postForm(browser, "/groups/cloud/meetings/" + meeting + "/register", Map.of("_csrf", FormClient.csrf(form),
        "fullName", "Bob Relay", "email", victim, "countryCode", "FR", "attendance", "IN_PERSON"));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    long bobs = Long.parseLong(posted.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    assertThat(send("POST", "/api/v1/registrations/" + bobs + "/reject", token(cast.focalB()), "{\"reason\": \"No\"}")
        .statusCode()).isEqualTo(200);

    // Mails are written after the transaction that published their event: wait for the decisions' mails.
    for (int i = 0; i < 100 && mailsTo(cast.bob() + "@example.org") < 2; i++) {
      Thread.sleep(100);
    }
    assertThat(mailsTo(cast.alice() + "@example.org")).as("received and approved").isEqualTo(2);
    assertThat(mailsTo(cast.bob() + "@example.org")).as("received and rejected").isEqualTo(2);
    assertThat(mailsTo(victim)).as("nothing to the address typed into the registration").isZero();
  }

  private long mailsTo(String address) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE LOWER(recipients) LIKE ?")
        .param("%" + address.toLowerCase() + "%").query(Long.class).single();
  }

  @Test
  void onlyTheAdministratorCorrectsTheOrganizationOfARegistration() throws Exception {
    Cast cast = cast();
    String name = "Alice Moved " + NEXT.incrementAndGet();
    long id = json(send("POST", registrations(), token(cast.alice()), registrationJson(name, cast.orgA(), "IN_PERSON")))
        .get("id").asLong();
    String toB = "{\"organizationId\": " + cast.orgB() + "}";
    for (String who : new String[] {cast.alice(), cast.focalA(), cast.focalB(), "chair"}) {
      assertThat(send("PUT", "/api/v1/registrations/" + id + "/organization", token(who), toB).statusCode()).as(who)
          .isEqualTo(403);
    }
    assertThat(send("PUT", "/api/v1/registrations/" + id + "/organization", token("tsb"), "{\"organizationId\": 987654}")
        .statusCode()).isEqualTo(400);
    HttpResponse<String> corrected = send("PUT", "/api/v1/registrations/" + id + "/organization", token("tsb"), toB);
    assertThat(corrected.statusCode()).isEqualTo(200);
    assertThat(json(corrected).get("organizationId").asLong()).isEqualTo(cast.orgB());
    assertThat(send("POST", "/api/v1/registrations/" + id + "/approve", token(cast.focalA()), null).statusCode())
        .isEqualTo(404);

    // The page does the same for the administrator, and back.
    HttpClient admin = signedIn("tsb");
    String show = page(admin, "/registrations/" + id).body();
    assertThat(show).contains("Correct the organization");
    var back = postForm(admin, "/registrations/" + id + "/organization",
        Map.of("_csrf", FormClient.csrf(show), "organizationId", String.valueOf(cast.orgA())));
    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(json(send("GET", "/api/v1/registrations/" + id, token("tsb"), null)).get("organizationId").asLong())
        .isEqualTo(cast.orgA());
    HttpClient participant = signedIn(cast.alice());
    String own = page(participant, "/registrations/" + id).body();
    assertThat(own).doesNotContain("Correct the organization");
    assertThat(postForm(participant, "/registrations/" + id + "/organization",
        Map.of("_csrf", FormClient.csrf(own), "organizationId", String.valueOf(cast.orgB()))).headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/registrations/" + id));
    assertThat(json(send("GET", "/api/v1/registrations/" + id, token("tsb"), null)).get("organizationId").asLong())
        .isEqualTo(cast.orgA());
  }

  @Test
  void everyPdfPlenaryMakesHasSearchableTextWithArabicNamesInLogicalOrder() throws Exception {
    Cast cast = cast();
    String arabic = "محمد عبدالله";
    long registration = approvedRegistration(cast.bob(), cast.orgB(), cast.focalB(), arabic, "IN_PERSON");

    PdfText confirmation = PdfText.of(bytes("/api/v1/registrations/" + registration + "/confirmation.pdf",
        token(cast.bob())));
    assertSearchable(confirmation, "Registration confirmation", "Show this confirmation at the registration desk", arabic);

    long request = visaRequest(cast.bob(), registration, arabic, "الرياض").get("request").get("id").asLong();
    send("POST", "/api/v1/visa/" + request + "/approve", token("tsb"), null);
    PdfText letter = PdfText.of(bytes("/api/v1/visa/" + request + "/letter.pdf", token(cast.bob())));
    assertSearchable(letter, "Telecommunication Standardization Bureau confirms", "Place of birth: الرياض", arabic);

    LocalDate start = meetings.get("cloud", meeting).startDate();
    String hotelForm = """
        {"hotel": %d, "room": "SINGLE", "rooms": 1, "arrival": "%s", "departure": "%s", "familyName": "عبدالله",
         "firstName": "محمد", "address": "شارع الملك فهد، الرياض", "email": "m@example.org"}"""
        .formatted(meetings.get("cloud", meeting).hotels().get(0).id(), start.minusDays(1), start.plusDays(3));
    HttpResponse<byte[]> hotel = http.send(request("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/hotel-form",
        null, hotelForm), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(hotel.statusCode()).isEqualTo(200);
    assertSearchable(PdfText.of(hotel.body()), "This confirmation form should be sent direct to the hotel",
        "preferential tariff", "عبدالله", "شارع الملك فهد");
  }

  private static void assertSearchable(PdfText text, String... words) {
    assertThat(text.hasPresentationForms()).as("ligature or presentation-form glyphs in %s", text).isFalse();
    assertThat(text.stripped()).contains(words);
    if (text.pdftotext() != null) {
      assertThat(text.pdftotext()).contains(words);
    }
  }

  // --- the cast and the steps they take ---

  private Cast cast() {
    int n = NEXT.incrementAndGet();
    OrganizationId a = organizations.create("Attack Org A " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    OrganizationId b = organizations.create("Attack Org B " + n, OrganizationCategory.SECTOR_MEMBER, "DE");
    String focalA = account("fa" + n, a);
    String focalB = account("fb" + n, b);
    organizations.appointFocalPoint(a, accounts.find(focalA).orElseThrow().id());
    organizations.appointFocalPoint(b, accounts.find(focalB).orElseThrow().id());
    return new Cast(a.value(), b.value(), focalA, focalB, account("pa" + n, a), account("pb" + n, b));
  }

  private String account(String username, OrganizationId organization) {
    accounts.create(new NewAccount(username, username + "@example.org", username, organization, "FR", Set.of()),
        username + "-pass", false);
    return username;
  }

  /** Registers (naming the account's own organization, as the page does) and has the focal point approve. */
  private long approvedRegistration(String participant, long organization, String focal, String name, String attendance)
      throws Exception {
    HttpResponse<String> created = send("POST", registrations(), token(participant),
        registrationJson(name, organization, attendance));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = json(created).get("id").asLong();
    assertThat(send("POST", "/api/v1/registrations/" + id + "/approve", token(focal), null).statusCode()).isEqualTo(200);
    return id;
  }

  private JsonNode visaRequest(String participant, long registration, String name, String birthPlace) throws Exception {
    HttpResponse<String> filed = send("POST", "/api/v1/registrations/" + registration + "/visa", token(participant),
        visaForm(name, birthPlace));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return json(filed);
  }

  private String registrations() {
    return "/api/v1/groups/cloud/meetings/" + meeting + "/registrations";
  }

  private static String registrationJson(String name, Long organization, String attendance) {
    return """
        {"fullName": "%s", "email": "someone@example.org", %s"countryCode": "FR", "attendance": "%s"}"""
        .formatted(name, organization == null ? "" : "\"organizationId\": " + organization + ", ", attendance);
  }

  private static String visaForm(String name, String birthPlace) {
    return """
        {"fullName": "%s", "function": "Engineer", "birthDate": "1980-02-29", "birthPlace": "%s",
         "nationality": "French", "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
         "expiresOn": "2036-01-01", "mission": "Embassy of Switzerland in Paris"}""".formatted(name, birthPlace);
  }

  // --- HTTP ---

  private final Map<String, String> tokens = new LinkedHashMap<>();

  private String token(String username) throws Exception {
    if (!tokens.containsKey(username)) {
      String password = username.matches("tsb|chair|focal|alice|bob") ? username + "-demo" : username + "-pass";
      HttpResponse<String> issued = send("POST", "/api/v1/tokens", null,
          "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
      assertThat(issued.statusCode()).as(issued.body()).isIn(200, 201);
      tokens.put(username, "Bearer " + json(issued).get("token").asString());
    }
    return tokens.get(username);
  }

  private HttpRequest request(String method, String path, String authorization, String json) {
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
    return http.send(request(method, path, authorization, json), HttpResponse.BodyHandlers.ofString());
  }

  private byte[] bytes(String path, String authorization) throws Exception {
    HttpResponse<byte[]> response = http.send(request("GET", path, authorization, null),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> page(String path) throws Exception {
    return page(http, path);
  }

  private HttpResponse<String> page(HttpClient client, String path) throws Exception {
    return new FormClient(port).page(client, path);
  }

  private HttpResponse<String> postForm(HttpClient client, String path, Map<String, String> form) throws Exception {
    return new FormClient(port).postForm(client, path, form);
  }

  private HttpClient signedIn(String username) throws Exception {
    return new FormClient(port).signedIn(username);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
