package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A title typed or pasted with decomposed letters ("e" then a combining acute: macOS file names, text copied from many
 * PDFs) and a PDF's ligatures ("ﬁ") were indexed as they came: a reader typing the same words on a keyboard (composed
 * "é", plain "fi") found nothing, and a decomposed search missed every composed document — silently, whatever they
 * may read. Both sides now meet in Unicode's compatibility-composed form. Real HTTP searches, as a stranger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-decomposed;DB_CLOSE_DELAY=-1",
    "plenary.ftp.enabled=false",
    "plenary.data-dir=target/test-data/attack-decomposed-${random.uuid}"})
class DecomposedTextSearchTests {

  static final String ZEBULON_NFD = Normalizer.normalize("Zébulon réseaux", Normalizer.Form.NFD);
  static final String SOURCE_NFC = "Quietco Société";
  static final String SOURCE_NFD = Normalizer.normalize(SOURCE_NFC, Normalizer.Form.NFD);
  static String decomposedTitle;
  static String ligatureBody;
  static String composedTitle;

  @LocalServerPort int port;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  @BeforeEach
  void setUp() throws Exception {
    if (decomposedTitle != null) {
      return;
    }
    groups.create(new GroupDraft("nfd", "FG Nfd", "Focus Group on Letters", null, null, "English", 12, null, null,
        List.of(), List.of(), List.of()));
    meetings.schedule("nfd", new MeetingDraft("one", LocalDate.now().plusDays(40), LocalDate.now().plusDays(41),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of()));
    accounts.create(new NewAccount("nfd-alice", "alice@nfd.example", "Alice", null, null, Set.of()), "alice-pass-2026",
        false);
    PlenaryUser alice = tokens.authenticate(tokens.issue(accounts.find("nfd-alice").orElseThrow().id(), "t").token())
        .orElseThrow();
    Contribution decomposed = desk.allocate("nfd", "one", new Allocation(ZEBULON_NFD, SOURCE_NFD, List.of(), null,
        List.of()), alice);
    Contribution ligature = desk.allocate("nfd", "one", new Allocation("Plain title", "Quietco", List.of(), null,
        List.of()), alice);
    desk.upload(ligature.number(), ligature.number() + ".txt", new ByteArrayInputStream(
        "The ﬁnancing of the quokkaﬂow plan.".getBytes(StandardCharsets.UTF_8)), alice);
    Contribution composed = desk.allocate("nfd", "one", new Allocation("Pénélope café", SOURCE_NFC, List.of(), null,
        List.of()), alice);
    decomposedTitle = decomposed.number();
    ligatureBody = ligature.number();
    composedTitle = composed.number();
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!search("quietco").contains("\"total\":3") || !search("plan").contains("\"total\":1")) {
      assertThat(System.nanoTime()).as("indexed within 60 s").isLessThan(end);
      Thread.sleep(50);
    }
  }

  @Test
  void aDecomposedTitleIsFoundByTheWordsTypedOnAKeyboard() throws Exception {
    for (String q : List.of("zébulon", "Zébulon réseaux", "zébu*", "\"zébulon réseaux\"", "réseaux")) {
      assertThat(search(q)).as(q).contains("\"total\":1", decomposedTitle);
    }
    assertThat(page("zébulon")).contains(decomposedTitle);
  }

  @Test
  void aComposedTitleIsFoundByDecomposedWords() throws Exception {
    for (String q : List.of("pénélope", "pénél*", "café")) {
      String decomposed = Normalizer.normalize(q, Normalizer.Form.NFD);
      assertThat(search(decomposed)).as(decomposed).contains("\"total\":1", composedTitle);
    }
  }

  /**
   * A source typed either way is one facet, and {@code source=} finds both typed either way: the filter's value was
   * taken as sent, and the facet as stored, so each form found only its own.
   */
  @Test
  void aSourceFilterFindsTheSourceTypedEitherWay() throws Exception {
    for (String source : List.of(SOURCE_NFC, SOURCE_NFD)) {
      String found = get("/api/v1/search?q=&source=" + URLEncoder.encode(source, StandardCharsets.UTF_8)).body();
      assertThat(found).as(source).contains("\"total\":2", decomposedTitle, composedTitle);
    }
  }

  @Test
  void ligaturesOfAFilesTextAreFoundAsPlainLetters() throws Exception {
    for (String q : List.of("financing", "quokkaflow", "quokka*")) {
      assertThat(search(q)).as(q).contains("\"total\":1", ligatureBody);
    }
    assertThat(search("financing")).contains("<mark>");
  }

  private String search(String q) throws Exception {
    return get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
  }

  private String page(String q) throws Exception {
    return get("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
