package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;

/**
 * Walking every page of a search yields every hit once, though documents share their date (and their
 * score) and are indexed again between two pages: ties are broken by the number, not by Lucene's
 * document ids, which an update renumbers. The server's clock stands still, so every document has
 * the same date.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-search-paging;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-paging-${random.uuid}"})
class SearchPagingTests {

  private static final int DOCUMENTS = 2 * SearchQuery.PAGE_SIZE + 5;

  @TestBean Clock clock;

  static Clock clock() {
    return Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }

  @LocalServerPort int port;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired SearchIndexer indexer;

  @Test
  void everyPageOfEitherOrderTogetherHoldsEveryHitOnceWhileDocumentsAreIndexedAgain() throws Exception {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("paging", "FG Paging");
    fixture.meeting("paging", "tie", true);
    fixture.person("p-author");
    PlenaryUser author = fixture.user("p-author");
    Set<String> all = new HashSet<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      all.add(fixture.upload("paging", "tie", "Tied proposal", "Same source", List.of(), "txt", "plain words".getBytes(),
          author));
    }
    awaitIndexed(DOCUMENTS);

    String token = fixture.token("p-author");
    int replaced = 0;
    for (String order : List.of("sort=newest", "sort=best&q=tied")) {
      List<String> walked = new ArrayList<>();
      for (int page = 1; page <= 3; page++) {
        List<String> hits = SearchIntegrationTests.numbers(search(order + "&page=" + page));
        walked.addAll(hits);
        // The page's first hit is indexed again (its file replaced, at the same time, by words that do not
        // change its score): a new Lucene document, of the same date and score.
        String again = hits.getFirst();
        String marker = "marker" + (++replaced);
        var answer = new org.plenary.contribution.DemoApi(java.net.http.HttpClient.newHttpClient(), port).upload(token, again, again + ".txt",
            ("plain " + marker).getBytes(), "*");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        awaitFound(marker);
      }
      assertThat(walked).as(order).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }
  }

  private void awaitIndexed(int documents) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      if (indexer.awaitIdle(Duration.ofSeconds(5)) && indexer.status().documents() == documents
          && indexer.status().pending() == 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not indexed within 60 s: " + indexer.status());
  }

  private void awaitFound(String word) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      if (search("q=" + word).get("total").asLong() == 1 && indexer.awaitIdle(Duration.ofSeconds(5))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(word + " not indexed within 60 s: " + indexer.status());
  }

  private JsonNode search(String query) throws Exception {
    HttpResponse<String> answer = SearchFixture.get(port, "/api/v1/search?meeting=paging/tie&" + query, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return SearchIntegrationTests.JSON.readTree(answer.body());
  }
}
