package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The indexer is stopped and started again as a paused test context or a lifecycle restart does,
 * while it is writing: the index stays writable and every document is found afterwards.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:plenary-search-lifecycle;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-lifecycle-${random.uuid}"})
class SearchIndexerLifecycleTests {

  private static final int DOCUMENTS = 60;

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired SearchIndexer indexer;
  @Autowired SearchIndex index;
  @Autowired Search search;

  @Test
  void stoppingWhileIndexingKeepsTheIndexWritableAndTheNextStartIndexesTheRest() throws Exception {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("cycle", "FG Cycle");
    fixture.meeting("cycle", "one", true);
    fixture.person("cycle-author");
    // Texts of a few hundred kilobytes, so that the indexer is still writing when it is stopped.
    String filler = "spectrum allocation harmonisation report ".repeat(8_000);
    for (int i = 0; i < DOCUMENTS; i++) {
      fixture.upload("cycle", "one", "Lifecycle " + i, "ITU", List.of(), "txt",
          ("cyclelifeword " + filler).getBytes(StandardCharsets.UTF_8), fixture.user("cycle-author"));
    }
    indexer.stop();
    assertThat(index.healthy()).as("the index writer survives a stop in the middle of a batch").isTrue();
    assertThat(indexer.isRunning()).isFalse();

    indexer.start();
    assertThat(indexer.awaitIdle(Duration.ofSeconds(120))).isTrue();
    SearchQuery query = new SearchQuery("cyclelifeword", null, null, null, null, null, "best", 1);
    assertThat(search.search(query, Reader.ANONYMOUS).total()).isEqualTo(DOCUMENTS);
    assertThat(index.healthy()).isTrue();
  }
}
