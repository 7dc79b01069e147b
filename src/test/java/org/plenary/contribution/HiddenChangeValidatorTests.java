package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A listing's validators are made from what its reader is shown: a visitor polling a folder with its ETag learns
 * nothing of a private meeting's documents being uploaded, replaced, published or withdrawn (a 304 with the same
 * ETag each time), and a change the visitor can see moves the tag. Over a real port, with java.net.http.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=" + HiddenChangeValidatorTests.PORT,
    "spring.datasource.url=jdbc:h2:mem:plenary-trust;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/trust-${random.uuid}",
    "plenary.ftp.enabled=false"})
class HiddenChangeValidatorTests {

  static final int PORT = 19147;
  private static final String INCOMING = "/t/fg/hv/docs/incoming/";
  private static final String OPEN_IN = "/t/fg/hv/docs/open/in/";

  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  private final HttpClient visitor = HttpClient.newHttpClient();
  private PlenaryUser alice;
  private PlenaryUser clerk;

  @BeforeEach
  void setUp() {
    if (groups.find("hv").isEmpty()) {
      groups.create(new GroupDraft("hv", "FG Hv", "Focus Group on Hidden Validators", null, null, "English", 12, null,
          null, List.of(), List.of(), List.of()));
      meetings.schedule("hv", draft("open", true));
      meetings.schedule("hv", draft("hush", false));
      accounts.create(new NewAccount("hv-alice", "alice@hv.example", "Alice", null, null, Set.of()), "alice-pass-2026",
          false);
      accounts.create(new NewAccount("hv-clerk", "clerk@hv.example", "Clerk", null, null, Set.of(Role.SECRETARIAT)),
          "clerk-pass-2026", false);
    }
    alice = user("hv-alice");
    clerk = user("hv-clerk");
  }

  @Test
  void aVisitorsListingTagsStayPutWhileAPrivateMeetingsDocumentsChangeAndMoveWithWhatTheVisitorSees()
      throws Exception {
    Contribution shown = allocate("open", "Open plan");
    desk.upload(shown.number(), shown.number() + ".pdf", bytes("open one"), alice);
    desk.publish(shown.number(), clerk);
    Contribution waiting = allocate("open", "Open waiting");
    desk.upload(waiting.number(), waiting.number() + ".pdf", bytes("open waiting"), alice);
    Map<String, String> tags = tags();

    Contribution secret = allocate("hush", "Zanzibar secret");
    desk.upload(secret.number(), secret.number() + ".pdf", bytes("secret one"), alice);
    assertUnchanged(tags, "a private document uploaded");
    desk.upload(secret.number(), secret.number() + ".pdf", bytes("secret one, corrected"), alice,
        UploadChannel.OTHER, Replacing.ANY);
    assertUnchanged(tags, "a private document replaced");
    desk.publish(secret.number(), clerk);
    assertUnchanged(tags, "a private document published");
    desk.withdraw(secret.number(), "withdrawn by its author", clerk);
    assertUnchanged(tags, "a private document withdrawn");

    // What the visitor sees moves the tag of the listing that shows it, and only that one.
    Contribution seen = allocate("open", "Open second");
    desk.upload(seen.number(), seen.number() + ".pdf", bytes("open two"), alice);
    for (String accept : List.of("text/html", "application/json")) {
      var answer = get(INCOMING, accept, tags.get(INCOMING + " " + accept));
      assertThat(answer.statusCode()).as(accept + " after a visible upload").isEqualTo(200);
      assertThat(answer.body()).contains(seen.number());
      assertThat(answer.headers().firstValue("ETag")).as(accept).isPresent().get()
          .isNotEqualTo(tags.get(INCOMING + " " + accept));
      assertThat(get(OPEN_IN, accept, tags.get(OPEN_IN + " " + accept)).statusCode())
          .as(OPEN_IN + " " + accept + " does not show incoming").isEqualTo(304);
    }
    desk.withdraw(shown.number(), "withdrawn in the open", clerk);
    for (String accept : List.of("text/html", "application/json")) {
      var answer = get(OPEN_IN, accept, tags.get(OPEN_IN + " " + accept));
      assertThat(answer.statusCode()).as(accept + " after a visible withdrawal").isEqualTo(200);
      assertThat(answer.body()).doesNotContain(shown.number() + ".pdf");
    }
  }

  @Test
  void aMembersListingStillMovesWithThePrivateMeetingsDocuments() throws Exception {
    String bearer = "Bearer " + tokens.issue(accounts.find("hv-alice").orElseThrow().id(), "member").token();
    var before = visitor.send(HttpRequest.newBuilder(uri(INCOMING)).header("Accept", "application/json")
        .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
    String tag = before.headers().firstValue("ETag").orElseThrow();
    Contribution secret = allocate("hush", "Xylophone secret");
    desk.upload(secret.number(), secret.number() + ".pdf", bytes("secret two"), alice);
    var after = visitor.send(HttpRequest.newBuilder(uri(INCOMING)).header("Accept", "application/json")
        .header("Authorization", bearer).header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains(secret.number());
  }

  /** The visitor's ETag of each listing, as a page and as JSON, each answered 200. */
  private Map<String, String> tags() throws Exception {
    var tags = new LinkedHashMap<String, String>();
    for (String path : List.of(INCOMING, OPEN_IN, "/t/fg/hv/docs/", "/t/fg/", "/t/fg/hv/")) {
      for (String accept : List.of("text/html", "application/json")) {
        var answer = get(path, accept, null);
        assertThat(answer.statusCode()).as(path + " " + accept).isEqualTo(200);
        tags.put(path + " " + accept, answer.headers().firstValue("ETag").orElseThrow());
      }
    }
    return tags;
  }

  private void assertUnchanged(Map<String, String> tags, String what) throws Exception {
    for (var tag : tags.entrySet()) {
      String[] pathAndType = tag.getKey().split(" ");
      var conditional = get(pathAndType[0], pathAndType[1], tag.getValue());
      assertThat(conditional.statusCode()).as(tag.getKey() + " after " + what).isEqualTo(304);
      assertThat(conditional.headers().firstValue("ETag")).as(tag.getKey() + " after " + what).contains(tag.getValue());
      var whole = get(pathAndType[0], pathAndType[1], null);
      assertThat(whole.headers().firstValue("ETag")).as(tag.getKey() + " after " + what).contains(tag.getValue());
      assertThat(whole.body()).doesNotContain("Zanzibar");
    }
  }

  private HttpResponse<String> get(String path, String accept, String ifNoneMatch) throws Exception {
    var request = HttpRequest.newBuilder(uri(path)).header("Accept", accept);
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return visitor.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + PORT + path);
  }

  private Contribution allocate(String code, String title) {
    return desk.allocate("hv", code, new Allocation(title, "Hvco", List.of(), null, List.of()), alice);
  }

  private static ByteArrayInputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  static MeetingDraft draft(String code, boolean documentsPublic) {
    return new MeetingDraft(code, LocalDate.now().plusDays(40), LocalDate.now().plusDays(41), "Europe/Zurich", "Geneva",
        null, "gva", null, null, null, null, "English", false, documentsPublic, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of());
  }
}
