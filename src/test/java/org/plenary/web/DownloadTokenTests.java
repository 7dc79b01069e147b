package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Feed readers and scripts send a personal access token, as API clients do: a private meeting's feeds, CSV lists and
 * files answer the token's owner, a token whose account may not read a download gets what the pages give it (403),
 * a bad token or none gets 401 with the Bearer challenge (never the sign-in page, which a script cannot fill in),
 * and a token in the query is no credential. Browsers navigating to pages, or to a download, still go to the sign-in page. Over a real
 * port, with java.net.http.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=19147",
    "spring.datasource.url=jdbc:h2:mem:plenary-trust;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/trust-${random.uuid}",
    "plenary.ftp.enabled=false"})
class DownloadTokenTests {

  private static final String CSV = "/groups/tk/meetings/hush/documents.csv";
  private static final String ATOM = "/groups/tk/meetings/hush/documents.atom";
  private static final String PARTICIPANTS = "/groups/tk/meetings/hush/participants.csv";
  private static final String SECRET = "Quokka migration plan";

  static Contribution published;

  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    if (groups.find("tk").isEmpty()) {
      groups.create(new GroupDraft("tk", "FG Tk", "Focus Group on Tokens", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      meetings.schedule("tk", draft("hush", false));
      meetings.schedule("tk", draft("open", true));
      accounts.create(new NewAccount("tk-alice", "alice@tk.example", "Alice", null, null, Set.of()), "alice-pass-2026",
          false);
      accounts.create(new NewAccount("tk-clerk", "clerk@tk.example", "Clerk", null, null, Set.of(Role.SECRETARIAT)),
          "clerk-pass-2026", false);
      PlenaryUser alice = tokens.authenticate(token("tk-alice")).orElseThrow();
      PlenaryUser clerk = tokens.authenticate(token("tk-clerk")).orElseThrow();
      published = desk.allocate("tk", "hush", new Allocation(SECRET, "Tokenco", List.of(), null, List.of()), alice);
      desk.upload(published.number(), published.number() + ".pdf",
          new ByteArrayInputStream("private bytes".getBytes(StandardCharsets.UTF_8)), alice);
      desk.publish(published.number(), clerk);
    }
  }

  @Test
  void theTokensOwnerReadsAPrivateMeetingsFeedsListsAndFiles() throws Exception {
    String bearer = "Bearer " + token("tk-alice");
    for (String path : List.of(CSV, ATOM, CSV + "?lang=fr")) {
      var answer = get(path, "Authorization", bearer);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      assertThat(answer.body()).as(path).contains(published.number(), SECRET);
      assertThat(answer.headers().allValues("Set-Cookie")).as(path + " makes no session")
          .noneMatch(cookie -> cookie.toUpperCase(java.util.Locale.ROOT).contains("SESSION"));
    }
    var file = get(file(), "Authorization", bearer);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("private bytes");
    // Asked again with its tag, a feed reader's poll is a 304 for the same reader.
    var feed = get(ATOM, "Authorization", bearer);
    var poll = client.send(request(ATOM).header("Authorization", bearer)
        .header("If-None-Match", feed.headers().firstValue("ETag").orElseThrow()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(poll.statusCode()).isEqualTo(304);
  }

  @Test
  void aDownloadWithoutCredentialsOrWithABadTokenIsA401WithTheBearerChallengeNeverTheSignInPage() throws Exception {
    for (String path : List.of(CSV, ATOM, file(), PARTICIPANTS)) {
      for (var answer : List.of(get(path), get(path, "Accept", "application/atom+xml, text/csv, */*"))) {
        assertThat(answer.statusCode()).as(path).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).isPresent().get().asString()
            .startsWith("Bearer");
        assertThat(answer.headers().firstValue("Location")).as(path).isEmpty();
        assertThat(answer.body()).as(path).doesNotContain(SECRET);
      }
      var bad = get(path, "Authorization", "Bearer plenary_" + "0".repeat(40));
      assertThat(bad.statusCode()).as(path + " with a bad token").isEqualTo(401);
      assertThat(bad.headers().firstValue("WWW-Authenticate")).as(path).isPresent().get().asString()
          .contains("invalid_token");
      assertThat(bad.body()).as(path).doesNotContain(SECRET);
    }
    // A public meeting's feed needs no credentials.
    assertThat(get("/groups/tk/meetings/open/documents.csv").statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenIsNeverTakenFromTheQuery() throws Exception {
    String token = token("tk-alice");
    for (String path : List.of(CSV + "?access_token=" + token, ATOM + "?access_token=" + token,
        CSV + "?token=" + token, file() + "?access_token=" + token,
        "/api/v1/groups/tk/meetings/hush/contributions?access_token=" + token)) {
      var answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(401);
      assertThat(answer.body()).as(path).doesNotContain(SECRET, "private bytes");
    }
  }

  @Test
  void aTokenReadsOnlyWhatItsAccountMayAsThePagesDo() throws Exception {
    var participant = get(PARTICIPANTS, "Authorization", "Bearer " + token("tk-alice"));
    assertThat(participant.statusCode()).as("a participant's token on the participant list").isEqualTo(403);
    assertThat(participant.body()).doesNotContain("clerk@tk.example");
    var secretariat = get(PARTICIPANTS, "Authorization", "Bearer " + token("tk-clerk"));
    assertThat(secretariat.statusCode()).as("the secretariat's token").isEqualTo(200);
    // A token reads, never writes.
    var write = client.send(request(CSV).header("Authorization", "Bearer " + token("tk-clerk"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(write.statusCode()).isEqualTo(405);
  }

  @Test
  void aBrowserNavigatingToAPageStillGoesToTheSignInPage() throws Exception {
    for (String path : List.of("/groups/tk/meetings/hush/documents", "/t/fg/tk/docs/hush/in/", "/desk")) {
      var answer = get(path, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
      assertThat(answer.statusCode()).as(path).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).as(path).isPresent().get().asString().contains("/sign-in");
    }
    // A signed-out delegate following a link to a private document or list is led to sign in, not shown a bare 401.
    for (String path : List.of(file(), CSV)) {
      var answer = get(path, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8", "Sec-Fetch-Mode", "navigate");
      assertThat(answer.statusCode()).as(path).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).as(path).isPresent().get().asString().contains("/sign-in");
    }
  }

  private String file() {
    return "/t/fg/tk/docs/hush/in/" + published.number() + ".pdf";
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    var request = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:19147" + path));
  }

  private String token(String username) {
    return tokens.issue(accounts.find(username).orElseThrow().id(), "download").token();
  }

  private static MeetingDraft draft(String code, boolean documentsPublic) {
    return new MeetingDraft(code, LocalDate.now().plusDays(40), LocalDate.now().plusDays(41), "Europe/Zurich", "Geneva",
        null, "gva", null, null, null, null, "English", false, documentsPublic, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of());
  }
}
