package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.archive.ArchiveFixture;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation the OpenAPI description lists (so every operation added later too), called by every
 * kind of reader: a stranger without a token, a participant of another organization, a colleague of the
 * owner's organization, the group's chair, the owner's focal point, the owner and the secretariat, with
 * the ids of the owner's registration, visa request and a document of a private meeting. Each answer is one
 * the description declares for that operation (never a 500); no answer carries a secret to a reader who
 * may not see it (the passport's number and birthplace: owner, focal point, secretariat; the registration's
 * e-mail and function: also the chair; the private meeting's document: anyone signed in); and the writes of
 * the readers who may not write there, whatever the body, change nothing of the owner's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-matrix;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-matrix-${random.uuid}"})
@ActiveProfiles("demo")
class AuthorizationMatrixAttackTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
  private static final String PASSPORT = "MX7Q3Z9K1";
  private static final String BIRTHPLACE = "Canarytown";
  private static final String EMAIL = "matrix.canary.mail@orange.example";
  private static final String FUNCTION = "Matrixcanary envoy";
  private static final String PRIVATE_TITLE = "Privcanary roadmap";
  private static final String PRIVATE_MEETING = "mxshut";

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired MeetingCatalog meetings;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String meeting = MeetingCatalog.deriveCode(LocalDate.now().plusWeeks(8), "gva");
  private final Map<String, String> bearers = new LinkedHashMap<>();

  /** What the owner (alice) has, and what each secret is. */
  private record Owned(long registration, long visa, String number) {}

  @Test
  void everyOperationAnswersEveryReaderAsDescribedAndGivesNoSecretToAReaderWhoMayNotSeeIt() throws Exception {
    String stranger = stranger();
    Owned owned = owned();
    Map<String, String> before = state(owned);
    JsonNode paths = JSON.readTree(send("GET", "/v3/api-docs", null, null).body()).get("paths");
    var soft = new SoftAssertions();
    int calls = 0;
    for (var path : paths.properties()) {
      for (var operation : path.getValue().properties()) {
        String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
        Set<String> documented = new java.util.HashSet<>(operation.getValue().get("responses").propertyNames());
        for (String uri : uris(path.getKey(), operation.getValue(), owned)) {
          for (String reader : readers(method, uri, owned, stranger)) {
            HttpResponse<String> answer = send(method, uri, reader.equals("anonymous") ? null : bearer(reader),
                method.equals("GET") || method.equals("DELETE") ? null : "{}");
            calls++;
            String what = method + " " + uri + " as " + reader + " -> " + answer.statusCode() + " "
                + answer.body().substring(0, Math.min(200, answer.body().length()));
            soft.assertThat(answer.statusCode()).as(what).isLessThan(500);
            soft.assertThat(String.valueOf(answer.statusCode())).as("declared: " + what).isIn(documented);
            if (!method.equals("GET")) {
              // Only readers who may not write on the owner's objects are sent here (see readers).
              soft.assertThat(answer.statusCode()).as("a write by someone who may not: " + what)
                  .isGreaterThanOrEqualTo(400);
            }
            for (var secret : secrets().entrySet()) {
              if (!secret.getValue().contains(reader)) {
                soft.assertThat(answer.body()).as(secret.getKey() + " leaked: " + what).doesNotContain(secret.getKey());
              }
            }
          }
        }
      }
    }
    soft.assertThat(calls).as("operations called").isGreaterThan(300);
    soft.assertThat(state(owned)).as("the owner's objects after every refused write").isEqualTo(before);
    soft.assertAll();
  }

  /**
   * A folder listing's page for readers who are not signed in is made once per language and kept. It was made
   * with whatever request came first: the secretariat's first listing in a language gave every stranger after
   * it the secretariat's name, menu, counts and sign-out button, and a query sent with it went into every
   * stranger's language links.
   */
  @Test
  void aListingKeptForStrangersHoldsNothingOfWhoeverAskedFirst() throws Exception {
    for (String language : List.of("en", "fr", "es", "ru", "zh", "ar")) {
      String folder = "/t/fg/cloud/docs/";
      HttpResponse<String> secretariat = http.send(HttpRequest.newBuilder(uri(folder + "?poisoned=1"))
          .header("Authorization", bearer("tsb")).header("Accept-Language", language).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(secretariat.statusCode()).isEqualTo(200);
      assertThat(secretariat.body()).as("the secretariat's own page names them").contains("/admin/accounts");
      for (String path : List.of(folder, "/t/fg/cloud/docs/1006-gva/")) {
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language)
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertThat(stranger.body()).as(language + " " + path).contains("href=\"/sign-in")
            .doesNotContain("/admin/accounts", "/secretariat/", "/sign-out", "TSB Secretariat", "poisoned");
      }
    }
  }

  /** Each secret the fixture planted, and the readers who may see it. */
  private static Map<String, Set<String>> secrets() {
    Set<String> passport = Set.of("alice", "focal", "tsb");
    Set<String> registration = Set.of("alice", "focal", "chair", "tsb");
    Set<String> signedIn = Set.of("alice", "focal", "chair", "tsb", "bob", "stranger");
    return Map.of(PASSPORT, passport, BIRTHPLACE, passport, EMAIL, registration, FUNCTION, registration,
        PRIVATE_TITLE, signedIn);
  }

  /**
   * Who calls an operation: everyone reads; a write that names one of the owner's objects (or any object:
   * the stranger and the colleague) is sent by those who may not make it. The chair and the focal point
   * write only where they have no say: visa decisions, accounts, organizations, documents.
   */
  private static List<String> readers(String method, String uri, Owned owned, String stranger) {
    if (method.equals("GET")) {
      return List.of("anonymous", "stranger", "bob", "chair", "focal", "alice", "tsb");
    }
    var writers = new ArrayList<>(List.of("anonymous", "stranger", "bob"));
    if (uri.startsWith("/api/v1/visa/") || uri.startsWith("/api/v1/accounts") || uri.startsWith("/api/v1/organizations")
        || uri.startsWith("/api/v1/contributions/")) {
      writers.addAll(List.of("chair", "focal"));
    }
    // What a participant may do for themselves: sign in, choose their language, register, ask for a number,
    // fill a hotel form. Those are not refused to them; the stranger's and the colleague's own are not the owner's.
    if (uri.equals("/api/v1/tokens") || uri.equals("/api/v1/account/language") || uri.endsWith("/registrations")
        || uri.endsWith("/contributions") || uri.endsWith("/hotel-form")) {
      writers.removeAll(List.of("stranger", "bob"));
      if (uri.equals("/api/v1/tokens") || uri.endsWith("/hotel-form")) {
        writers.remove("anonymous");
      }
    }
    return writers;
  }

  /** The operation's path with the owner's ids (and, for a meeting, both the open one and the private one). */
  private List<String> uris(String template, JsonNode operation, Owned owned) {
    List<String> codes = template.contains("{code}") ? List.of(meeting, PRIVATE_MEETING) : List.of("");
    var uris = new ArrayList<String>();
    for (String code : codes) {
      Matcher m = VARIABLE.matcher(template);
      String uri = m.replaceAll(v -> switch (v.group(1)) {
        case "slug" -> "cloud";
        case "code" -> code;
        case "number" -> owned.number();
        case "username" -> "alice";
        case "lang" -> "fr";
        case "reference" -> "X";
        case "id" -> String.valueOf(template.startsWith("/api/v1/registrations/") ? owned.registration()
            : template.startsWith("/api/v1/visa/") ? owned.visa() : 1);
        default -> "1";
      });
      var query = new ArrayList<String>();
      for (JsonNode parameter : operation.path("parameters")) {
        if (parameter.get("in").asString().equals("query") && parameter.get("name").asString().equals("q")) {
          // A word of the private title: the search says back what it was asked, never the title itself.
          query.add("q=roadmap");
        }
      }
      uris.add(query.isEmpty() ? uri : uri + "?" + String.join("&", query));
    }
    return uris;
  }

  /** A participant of an organization that has nothing to do with the owner's. */
  private String stranger() {
    OrganizationId other = organizations.create("Matrix Other Org", OrganizationCategory.SECTOR_MEMBER, "DE");
    accounts.create(new NewAccount("stranger", "stranger@other.example", "Stranger", other, "DE", Set.of()),
        "stranger-pass", false);
    return "stranger";
  }

  /** Alice's approved registration with its visa request, and her document of a private meeting. */
  private Owned owned() throws Exception {
    HttpResponse<String> registered = send("POST", "/api/v1/groups/cloud/meetings/" + meeting + "/registrations",
        bearer("alice"), """
            {"fullName": "Alice Matrix", "email": "%s", "function": "%s", "countryCode": "FR",
             "attendance": "IN_PERSON", "organizationId": %d}""".formatted(EMAIL, FUNCTION, orange()));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    long registration = JSON.readTree(registered.body()).get("id").asLong();
    assertThat(send("POST", "/api/v1/registrations/" + registration + "/approve", bearer("focal"), null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> visa = send("POST", "/api/v1/registrations/" + registration + "/visa", bearer("alice"), """
        {"fullName": "Alice Matrix", "birthDate": "1980-02-29", "birthPlace": "%s", "nationality": "French",
         "passportNumber": "%s", "issuingCountry": "France", "issuedOn": "2020-01-01", "expiresOn": "2036-01-01",
         "mission": "Embassy of Switzerland in Paris"}""".formatted(BIRTHPLACE, PASSPORT));
    assertThat(visa.statusCode()).as(visa.body()).isEqualTo(201);
    ArchiveFixture.meeting(meetings, "cloud", PRIVATE_MEETING, false);
    HttpResponse<String> allocated = send("POST", "/api/v1/groups/cloud/meetings/" + PRIVATE_MEETING + "/contributions",
        bearer("alice"), "{\"title\": \"" + PRIVATE_TITLE + "\", \"source\": \"France Telecom Orange\"}");
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    String number = JSON.readTree(allocated.body()).get("number").asString();
    String boundary = "matrixboundary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".txt\"\r\nContent-Type: text/plain\r\n\r\n" + PRIVATE_TITLE + " text\r\n--" + boundary + "--\r\n";
    HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(uri("/api/v1/contributions/" + number + "/files"))
        .header("Authorization", bearer("alice")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    return new Owned(registration, JSON.readTree(visa.body()).get("request").get("id").asLong(), number);
  }

  /** The owner's objects as the secretariat reads them. */
  private Map<String, String> state(Owned owned) throws Exception {
    var state = new LinkedHashMap<String, String>();
    state.put("registration", send("GET", "/api/v1/registrations/" + owned.registration(), bearer("tsb"), null).body());
    state.put("visa", send("GET", "/api/v1/visa/" + owned.visa(), bearer("tsb"), null).body());
    state.put("document", send("GET", "/api/v1/contributions/" + owned.number(), bearer("tsb"), null).body());
    state.put("accounts", send("GET", "/api/v1/accounts", bearer("tsb"), null).body());
    state.put("organizations", send("GET", "/api/v1/organizations", null, null).body());
    return state;
  }

  private long orange() {
    return organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange")).findFirst().orElseThrow()
        .id().value();
  }

  private String bearer(String username) {
    return bearers.computeIfAbsent(username,
        u -> "Bearer " + tokens.issue(accounts.find(u).orElseThrow().id(), "matrix").token());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
    var builder = HttpRequest.newBuilder(uri(path)).header("Accept-Language", "en")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
