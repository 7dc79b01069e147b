package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.archive.ArchiveFixture;
import org.plenary.meeting.MeetingCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the authorization matrices (API and pages) plant on a demo server: a participant of an unrelated
 * organization ({@code stranger}), and the owner's (alice's) approved registration with its visa request and her
 * document of a private meeting, each carrying a secret; the readers who may see each secret; and the owner's
 * objects as the secretariat reads them, to compare after refused writes.
 */
final class MatrixFixture {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PASSPORT = "MX7Q3Z9K1";
  static final String BIRTHPLACE = "Canarytown";
  static final String EMAIL = "matrix.canary.mail@orange.example";
  static final String FUNCTION = "Matrixcanary envoy";
  static final String PRIVATE_TITLE = "Privcanary roadmap";
  static final String PRIVATE_MEETING = "mxshut";

  /** What the owner (alice) has: her registration, her visa request, and her document of the private meeting. */
  record Owned(long registration, long visa, String number) {}

  private final int port;
  private final AccountDirectory accounts;
  private final OrganizationDirectory organizations;
  private final AccessTokens tokens;
  private final MeetingCatalog meetings;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> bearers = new LinkedHashMap<>();
  final String meeting;

  MatrixFixture(int port, AccountDirectory accounts, OrganizationDirectory organizations, AccessTokens tokens,
      org.plenary.group.GroupCatalog groups, MeetingCatalog meetings) {
    this.meeting = org.plenary.DemoMeetings.upcoming(groups, meetings);
    this.port = port;
    this.accounts = accounts;
    this.organizations = organizations;
    this.tokens = tokens;
    this.meetings = meetings;
  }

  /** Each secret the fixture planted, and the readers who may see it. */
  static Map<String, Set<String>> secrets() {
    Set<String> passport = Set.of("alice", "focal", "tsb");
    Set<String> registration = Set.of("alice", "focal", "chair", "tsb");
    Set<String> signedIn = Set.of("alice", "focal", "chair", "tsb", "bob", "stranger");
    return Map.of(PASSPORT, passport, BIRTHPLACE, passport, EMAIL, registration, FUNCTION, registration,
        PRIVATE_TITLE, signedIn);
  }

  /** A participant of an organization that has nothing to do with the owner's (password {@code stranger-pass}). */
  String stranger() {
    OrganizationId other = organizations.create("Matrix Other Org", OrganizationCategory.SECTOR_MEMBER, "DE");
    accounts.create(new NewAccount("stranger", "stranger@other.example", "Stranger", other, "DE", Set.of()),
        "stranger-pass", false);
    return "stranger";
  }

  /** Alice's approved registration with its visa request, and her document of a private meeting. */
  Owned owned() throws Exception {
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

  /** The owner's objects (and the accounts, organizations and group) as the secretariat reads them. */
  Map<String, String> state(Owned owned) throws Exception {
    var state = new LinkedHashMap<String, String>();
    state.put("registration", send("GET", "/api/v1/registrations/" + owned.registration(), bearer("tsb"), null).body());
    state.put("visa", send("GET", "/api/v1/visa/" + owned.visa(), bearer("tsb"), null).body());
    state.put("document", send("GET", "/api/v1/contributions/" + owned.number(), bearer("tsb"), null).body());
    state.put("accounts", send("GET", "/api/v1/accounts", bearer("tsb"), null).body());
    state.put("organizations", send("GET", "/api/v1/organizations", null, null).body());
    return state;
  }

  long orange() {
    return organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange")).findFirst().orElseThrow()
        .id().value();
  }

  String bearer(String username) {
    return bearers.computeIfAbsent(username,
        u -> "Bearer " + tokens.issue(accounts.find(u).orElseThrow().id(), "matrix").token());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
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
