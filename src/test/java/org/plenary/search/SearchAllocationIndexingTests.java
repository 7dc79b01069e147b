package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.Reader;
import org.plenary.contribution.RegisterChanges;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * New numbers are indexed once, from their allocation's event: the catch-up that then meets their
 * allocation in the register does not read them again; what happens to them afterwards (an upload)
 * is indexed as before.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:plenary-search-allocations;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-allocations-${random.uuid}", "plenary.search.catch-up=100ms"})
class SearchAllocationIndexingTests {

  private static final int NUMBERS = 30;

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired RegisterChanges changes;
  @Autowired SearchIndexer indexer;
  @Autowired Search search;

  @Test
  void indexesANewNumberOnceAndItsUploadAfterwards() throws Exception {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("alloc", "FG Alloc");
    fixture.meeting("alloc", "one", true);
    fixture.person("alloc-author");
    awaitLookAndIdle();
    long before = indexer.reads().contributions();
    String last = null;
    for (int i = 0; i < NUMBERS; i++) {
      last = fixture.upload("alloc", "one", "Allocwordindex " + i, "ITU", List.of(), "txt", null, fixture.user("alloc-author"));
    }
    awaitLookAndIdle();
    assertThat(total("allocwordindex")).isEqualTo(NUMBERS);
    assertThat(indexer.reads().contributions() - before).as("each new number read once").isEqualTo(NUMBERS);

    desk.upload(last, last + ".txt", new java.io.ByteArrayInputStream("uploadedtextword".getBytes()), fixture.user("alloc-author"));
    awaitLookAndIdle();
    assertThat(total("uploadedtextword")).isEqualTo(1);
  }

  /** Until the indexer's catch-up has looked at the register as it is now, and everything queued is indexed. */
  private void awaitLookAndIdle() throws InterruptedException {
    long version = changes.version();
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (indexer.reads().version() < version) {
      assertThat(System.nanoTime()).as("the catch-up looked within 30 s").isLessThan(end);
      Thread.sleep(20);
    }
    assertThat(indexer.awaitIdle(Duration.ofSeconds(30))).isTrue();
  }

  private long total(String word) {
    return search.search(new SearchQuery(word, null, null, null, null, null, "best", 1), Reader.ANONYMOUS).total();
  }
}
