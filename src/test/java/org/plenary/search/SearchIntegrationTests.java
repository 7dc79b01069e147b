package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.search.SearchFixture.get;
import static org.plenary.search.SearchFixture.q;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.AgendaItem;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Search over real uploads of every format, through the API and the page, on a running server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-search;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-${random.uuid}"})
class SearchIntegrationTests {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static Map<String, String> numbers;

  @LocalServerPort int port;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired SearchIndexer indexer;

  @BeforeEach
  void documents() throws Exception {
    if (numbers != null) {
      return;
    }
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("srch", "FG Srch");
    fixture.meeting("srch", "alpha", true);
    meetings.replaceAgenda("srch", "alpha", List.of(new AgendaItem("Opening", null), new AgendaItem("Elastic networks", null)));
    fixture.person("s-alice");
    fixture.person("s-clerk", Role.SECRETARIAT);
    PlenaryUser alice = fixture.user("s-alice");
    PlenaryUser clerk = fixture.user("s-clerk");
    var made = new java.util.LinkedHashMap<String, String>();
    made.put("docx", fixture.upload("srch", "alpha", "Cloud elasticity requirements", "Orange", List.of(2), "docx",
        TestDocuments.docx("The virtualised networks of a cloud grow and shrink.\nElasticity <b>matters</b> here, says docxword."), alice));
    made.put("txt", fixture.upload("srch", "alpha", "中文文稿", "China Telecom", List.of(), "txt",
        "云计算焦点组第一次会议将于日内瓦举行。".getBytes(StandardCharsets.UTF_8), alice));
    made.put("pdf", fixture.upload("srch", "alpha", "Portable draft", "ITU", List.of(), "pdf",
        TestDocuments.pdf("Interoperability pdfword of hypervisors"), alice));
    made.put("pptx", fixture.upload("srch", "alpha", "Slides", "ITU", List.of(), "pptx", TestDocuments.pptx("pptxword slides"), alice));
    made.put("ppt", fixture.upload("srch", "alpha", "Old slides", "ITU", List.of(), "ppt", TestDocuments.ppt("pptword slides"), alice));
    made.put("xlsx", fixture.upload("srch", "alpha", "Sheet", "ITU", List.of(), "xlsx", TestDocuments.xlsx("xlsxword cell"), alice));
    made.put("xls", fixture.upload("srch", "alpha", "Old sheet", "ITU", List.of(), "xls", TestDocuments.xls("xlsword cell"), alice));
    made.put("odt", fixture.upload("srch", "alpha", "Open text", "ITU", List.of(), "odt", TestDocuments.odt("odtword text"), alice));
    made.put("rtf", fixture.upload("srch", "alpha", "Rich text", "ITU", List.of(), "rtf", TestDocuments.rtf("rtfword text"), alice));
    made.put("zip", fixture.upload("srch", "alpha", "Archive", "ITU", List.of(), "zip",
        TestDocuments.zip(Map.of("inside.docx", TestDocuments.docx("zipdocxword"))), alice));
    made.put("locked", fixture.upload("srch", "alpha", "Locked proposal", "ITU", List.of(), "pdf",
        TestDocuments.pdf("lockedword", "pass"), alice));
    made.put("bomb", fixture.upload("srch", "alpha", "Exploding archive", "ITU", List.of(), "zip",
        TestDocuments.zipBomb(200), alice));
    made.put("bare", fixture.upload("srch", "alpha", "Number without a file <script>", "ITU", List.of(), null, null, alice));
    desk.publish(made.get("docx"), clerk);
    numbers = made;
    awaitIndexed();
  }

  @Test
  void findsAWordInsideEachFormat() throws Exception {
    for (String format : List.of("docx", "pdf", "pptx", "ppt", "xlsx", "xls", "odt", "rtf")) {
      assertThat(numbers(search("q=" + format + "word"))).as(format).containsExactly(numbers.get(format));
    }
    assertThat(numbers(search("q=zipdocxword"))).containsExactly(numbers.get("zip"));
  }

  @Test
  void findsTheChineseDocumentByAChineseWord() throws Exception {
    assertThat(numbers(search("q=" + q("焦点组")))).containsExactly(numbers.get("txt"));
    assertThat(numbers(search("q=" + q("日内瓦")))).containsExactly(numbers.get("txt"));
    assertThat(numbers(search("q=" + q("文稿")))).as("in the title").containsExactly(numbers.get("txt"));
  }

  @Test
  void phrasesPrefixesAndStemsMatchAsWritten() throws Exception {
    assertThat(numbers(search("q=" + q("\"virtualised networks\"")))).containsExactly(numbers.get("docx"));
    assertThat(numbers(search("q=" + q("\"networks virtualised\"")))).isEmpty();
    assertThat(numbers(search("q=" + q("virtualis*")))).containsExactly(numbers.get("docx"));
    assertThat(numbers(search("q=network"))).as("English stemming").containsExactly(numbers.get("docx"));
    assertThat(numbers(search("q=" + q("cloud shrink")))).containsExactly(numbers.get("docx"));
    assertThat(numbers(search("q=" + q("cloud nosuchword")))).as("every word must match").isEmpty();
  }

  @Test
  void findsByNumberTitleSourceAndAgendaItem() throws Exception {
    assertThat(numbers(search("q=" + q("\"" + numbers.get("bare") + "\"")))).containsExactly(numbers.get("bare"));
    assertThat(numbers(search("q=Orange"))).containsExactly(numbers.get("docx"));
    assertThat(numbers(search("q=" + q("elastic networks")))).as("agenda item title").contains(numbers.get("docx"));
    JsonNode all = search("q=");
    String itemId = all.at("/hits").findValues("agendaItemIds").stream().filter(n -> n.size() > 0).findFirst()
        .orElseThrow().get(0).asString();
    assertThat(numbers(search("agendaItem=" + itemId))).containsExactly(numbers.get("docx"));
  }

  @Test
  void snippetsMarkTheWordsAndEscapeTheText() throws Exception {
    JsonNode hit = search("q=elasticity").at("/hits/0");
    assertThat(hit.get("number").asString()).isEqualTo(numbers.get("docx"));
    assertThat(hit.get("snippet").asString()).contains("<mark>Elasticity</mark>").contains("&lt;b&gt;matters&lt;&#x2F;b&gt;")
        .doesNotContain("<b>");
  }

  @Test
  void facetsCountByMeetingStateTypeAndSourceAndFilter() throws Exception {
    JsonNode all = search("q=");
    assertThat(all.get("total").asLong()).isEqualTo(numbers.size());
    assertThat(facet(all, "meeting")).containsEntry("srch/alpha", (long) numbers.size());
    assertThat(facet(all, "state")).containsEntry("PUBLISHED", 1L).containsEntry("ALLOCATED", 1L)
        .containsEntry("INCOMING", (long) numbers.size() - 2);
    assertThat(facet(all, "type")).containsEntry("pdf", 2L).containsEntry("zip", 2L);
    assertThat(facet(all, "source")).containsEntry("Orange", 1L);
    JsonNode pdfs = search("type=pdf");
    assertThat(numbers(pdfs)).containsExactlyInAnyOrder(numbers.get("pdf"), numbers.get("locked"));
    assertThat(numbers(search("state=PUBLISHED"))).containsExactly(numbers.get("docx"));
    assertThat(all.at("/facets").findValues("label").stream().map(JsonNode::asText)).contains("FG Srch alpha",
        "alpha · 2. Elastic networks", "Published");
  }

  @Test
  void newestFirstOrdersByDate() throws Exception {
    List<String> newest = numbers(search("sort=newest"));
    assertThat(newest.getFirst()).as("published last").isEqualTo(numbers.get("docx"));
  }

  @Test
  void aPasswordProtectedPdfAndAZipBombAreFoundByTheirRegisterEntryWithTheReason() throws Exception {
    JsonNode locked = search("q=" + q("locked proposal")).at("/hits/0");
    assertThat(locked.get("number").asString()).isEqualTo(numbers.get("locked"));
    assertThat(locked.get("problem").asString()).endsWith("password-protected document");
    assertThat(locked.at("/problems/0/code").asString()).isEqualTo("password");
    assertThat(numbers(search("q=lockedword"))).isEmpty();
    JsonNode bomb = search("q=exploding").at("/hits/0");
    assertThat(bomb.get("problem").asString()).contains("zip bomb");
    assertThat(bomb.at("/problems/0/code").asString()).startsWith("bomb");
  }

  @Test
  void theReasonIsSaidInTheReadersLanguageAndItsCodeStaysTheSame() throws Exception {
    for (var language : java.util.Map.of("fr", "protégé par mot de passe", "ru", "защищён паролем",
        "zh", "受密码保护", "ar", "محمية بكلمة سر", "es", "protegido con contraseña").entrySet()) {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/api/v1/search?q=" + q("locked proposal")))
          .header("Accept-Language", language.getKey()).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode locked = JSON.readTree(answer.body()).at("/hits/0");
      assertThat(locked.get("problem").asString()).as(language.getKey()).contains(language.getValue())
          .doesNotContain("password");
      assertThat(locked.at("/problems/0/code").asString()).isEqualTo("password");
      assertThat(locked.at("/problems/0/fileName").asString()).endsWith(".pdf");
    }
  }

  @Test
  void aQueryThatDoesNotParseIsA400ProblemWithASentence() throws Exception {
    HttpResponse<String> answer = get(port, "/api/v1/search?q=" + q("\"open quote"), null);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(JSON.readTree(answer.body()).get("detail").asString()).contains("could not be understood");
    HttpResponse<String> page = get(port, "/search?q=" + q("\"open quote"), null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("could not be understood");
  }

  @Test
  void thePageShowsHitsSnippetsFacetsAndTheBoxIsOnEveryPage() throws Exception {
    HttpResponse<String> page = get(port, "/search?q=elasticity", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(numbers.get("docx"), "<mark>Elasticity</mark>", "Newest first", "1 document")
        .contains("/search?q=elasticity&amp;meeting=srch/alpha&amp;sort=best");
    HttpResponse<String> bare = get(port, "/search?q=" + q("\"" + numbers.get("bare") + "\""), null);
    assertThat(bare.body()).contains("Number without a file &lt;script&gt;").doesNotContain("file <script>");
    assertThat(get(port, "/", null).body()).contains("id=\"site-search-q\"", "action=\"/search\"");
  }

  @Test
  void onlyTheSecretariatRebuildsTheIndexAndItComesBackWhole() throws Exception {
    String path = "/api/v1/search/index/rebuild";
    assertThat(post(path, null).statusCode()).isEqualTo(401);
    assertThat(post(path, tokens.issue(accounts.find("s-alice").orElseThrow().id(), "t").token()).statusCode()).isEqualTo(403);
    HttpResponse<String> rebuilt = post(path, tokens.issue(accounts.find("s-clerk").orElseThrow().id(), "t").token());
    assertThat(rebuilt.statusCode()).isEqualTo(202);
    assertThat(search("q=").get("total").asLong()).as("searches answer whole while the rebuild runs beside")
        .isEqualTo(numbers.size());
    awaitIndexed();
    assertThat(search("q=").get("total").asLong()).isEqualTo(numbers.size());
    assertThat(numbers(search("q=odtword"))).containsExactly(numbers.get("odt"));
  }

  /** The events arrive after their transactions commit, on other threads: wait for all of them, publication included. */
  private void awaitIndexed() throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      if (indexer.awaitIdle(Duration.ofSeconds(5)) && indexer.status().documents() == numbers.size()
          && search("state=PUBLISHED").get("total").asLong() == 1) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not indexed within 60 s: " + indexer.status());
  }

  private HttpResponse<String> post(String path, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode search(String query) throws Exception {
    HttpResponse<String> answer = get(port, "/api/v1/search?" + query, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  static List<String> numbers(JsonNode results) {
    List<String> found = new ArrayList<>();
    results.get("hits").forEach(h -> found.add(h.get("number").asString()));
    return found;
  }

  static Map<String, Long> facet(JsonNode results, String name) {
    Map<String, Long> counts = new java.util.HashMap<>();
    results.get("facets").forEach(f -> {
      if (f.get("name").asString().equals(name)) {
        f.get("values").forEach(v -> counts.put(v.get("value").asString(), v.get("count").asLong()));
      }
    });
    return counts;
  }
}
