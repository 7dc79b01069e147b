package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.search.Search;
import org.plenary.search.SearchQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16: search is one more channel that must ask {@code DocumentAccess}. A stranger's search —
 * API and page, any words, field names, wildcards, filters, orders and pages — never returns, counts,
 * facets or quotes a document of a private meeting, while a signed-in participant finds it; a meeting
 * made private disappears from strangers' results at once. Real HTTP only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-search;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-search-${random.uuid}"})
class SearchAccessAttackTests {

  static String secretNumber;
  static String openNumber;
  static List<String> secrets;

  @LocalServerPort int port;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired Search search;

  @BeforeEach
  void setUp() throws Exception {
    if (secretNumber != null) {
      return;
    }
    groups.create(new GroupDraft("hush", "FG Hush", "Focus Group on Quiet", null, null, "English", 12, null, null,
        List.of(), List.of(), List.of()));
    meetings.schedule("hush", draft("open", true));
    meetings.schedule("hush", draft("secret", false));
    meetings.schedule("hush", draft("flip", true));
    accounts.create(new NewAccount("hs-alice", "alice@hush.example", "Alice", null, null, Set.of()), "alice-pass-2026", false);
    PlenaryUser alice = tokens.authenticate(token()).orElseThrow();
    Contribution secret = desk.allocate("hush", "secret", new Allocation("Zanzibar roadmap", "Quietco", List.of(), null,
        List.of()), alice);
    desk.upload(secret.number(), secret.number() + ".docx",
        new ByteArrayInputStream(docx("The quokkasecret plan shares sharedword with everyone.")), alice);
    Contribution open = desk.allocate("hush", "open", new Allocation("Open roadmap", "Openco", List.of(), null, List.of()),
        alice);
    desk.upload(open.number(), open.number() + ".docx",
        new ByteArrayInputStream(docx("The quokkaopen plan shares sharedword with everyone.")), alice);
    Contribution flip = desk.allocate("hush", "flip", new Allocation("Wombat roadmap", "Flipco", List.of(), null,
        List.of()), alice);
    desk.upload(flip.number(), flip.number() + ".docx", new ByteArrayInputStream(docx("quokkaflip sharedword")), alice);
    secretNumber = secret.number();
    openNumber = open.number();
    secrets = List.of(secretNumber, "Zanzibar", "Quietco", "quokkasecret", "hush/secret", "hush\\/secret", "FG Hush secret");
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (signedIn("sharedword").split("\"number\"").length - 1 < 3) {
      assertThat(System.nanoTime()).as("indexed within 60 s").isLessThan(end);
      Thread.sleep(50);
    }
  }

  @Test
  void aStrangerFindsNothingOfAPrivateMeetingWhateverTheQuery() throws Exception {
    List<String> queries = new ArrayList<>(List.of("q=Zanzibar", "q=quokkasecret", "q=Quietco", "q=" + secretNumber,
        "q=quokka*", "q=sharedword", "q=", "q=roadmap", "q=" + enc("meta:Zanzibar"), "q=" + enc("body:quokkasecret"),
        "q=" + enc("meeting:hush/secret"), "q=" + enc("meeting_id:[0 TO 99999]"), "q=" + enc("state:INCOMING"),
        "q=" + enc("*:*"), "q=" + enc("Zanz?bar"), "q=" + enc("zanzibar~"), "q=" + enc("\"quokkasecret plan\""),
        "q=" + enc("body_en:quokkasecret"), "q=" + enc("sharedword OR Zanzibar")));
    for (String query : List.copyOf(queries)) {
      queries.add(query + "&sort=newest");
      queries.add(query + "&meeting=" + enc("hush/secret"));
      queries.add(query + "&source=Quietco");
      queries.add(query + "&page=2");
    }
    for (String query : queries) {
      HttpResponse<String> api = get("/api/v1/search?" + query, null);
      assertThat(api.statusCode()).as(query).isIn(200, 400);
      // What the stranger typed comes back to them (the "q" field, a problem's sentence): that is no leak.
      String answer = api.body().replaceAll("\"q\":\"(?:[^\"\\\\]|\\\\.)*\"", "");
      if (api.statusCode() == 400) {
        assertThat(answer).as(query).contains("could not be understood").doesNotContain("\"hits\"");
        continue;
      }
      assertNoSecret(answer, "API " + query);
      HttpResponse<String> page = get("/search?" + query, null);
      assertThat(page.statusCode()).as(query).isEqualTo(200);
      // The results: from the count to the end of the page, without the links (they repeat the query).
      String results = page.body().substring(page.body().indexOf("role=\"status\""), page.body().indexOf("</main>"))
          .replaceAll("href=\"[^\"]*\"", "");
      assertNoSecret(results, "page " + query);
    }
  }

  @Test
  void countsAndFacetsLeaveOutThePrivateMeeting() throws Exception {
    String stranger = get("/api/v1/search?q=sharedword", null).body();
    assertThat(stranger).contains("\"total\":2", openNumber, "hush/open", "hush/flip");
    assertThat(get("/api/v1/search?q=&meeting=" + enc("hush/secret"), null).body()).contains("\"total\":0", "\"facets\":[]");
    assertThat(get("/api/v1/search?q=Zanzibar", null).body()).contains("\"total\":0", "\"facets\":[]");
  }

  @Test
  void aSignedInParticipantFindsThePrivateMeetingsDocumentWithItsSnippet() throws Exception {
    String answer = signedIn("quokkasecret");
    assertThat(answer).contains(secretNumber, "<mark>quokkasecret</mark>", "hush/secret", "\"total\":1");
  }

  @Test
  void aMeetingMadePrivateLeavesStrangersResultsAtOnce() throws Exception {
    assertThat(get("/api/v1/search?q=quokkaflip", null).body()).contains("\"total\":1");
    meetings.update("hush", "flip", draft("flip", false));
    String after = get("/api/v1/search?q=quokkaflip", null).body();
    assertThat(after).contains("\"total\":0").doesNotContain("Wombat", "hush/flip");
    assertThat(search.search(new SearchQuery("sharedword", null, null, null, null, null, "best", 1),
        org.plenary.contribution.Reader.ANONYMOUS).total()).isEqualTo(1);
    meetings.update("hush", "flip", draft("flip", true));
  }

  private void assertNoSecret(String body, String what) {
    for (String secret : secrets) {
      assertThat(body).as(what + " shows " + secret).doesNotContain(secret);
    }
  }

  private String signedIn(String q) throws Exception {
    return get("/api/v1/search?q=" + enc(q), token()).body();
  }

  private String token() {
    return tokens.issue(accounts.find("hs-alice").orElseThrow().id(), "search").token();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] docx(String text) throws Exception {
    try (XWPFDocument doc = new XWPFDocument(); var out = new java.io.ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText(text);
      doc.write(out);
      return out.toByteArray();
    }
  }

  private static MeetingDraft draft(String code, boolean documentsPublic) {
    return new MeetingDraft(code, LocalDate.now().plusDays(40), LocalDate.now().plusDays(41), "Europe/Zurich", "Geneva",
        null, "gva", null, null, null, null, "English", false, documentsPublic, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of());
  }
}
