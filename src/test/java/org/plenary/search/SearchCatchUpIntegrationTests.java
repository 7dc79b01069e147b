package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.PlenaryApplication;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.Role;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes share one database and one document store (each with its own data folder and index): what is uploaded and
 * published on one is found on the other, which gets none of the events, by the catch-up with the
 * register's version.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-search-nodes;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-node1-${random.uuid}", "plenary.search.catch-up=200ms"})
class SearchCatchUpIntegrationTests {

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired TransactionTemplate transaction;
  @org.springframework.beans.factory.annotation.Value("${plenary.data-dir}") String dataDir;

  @Test
  void aSecondNodeFindsWhatTheFirstIndexedWithoutItsEvents() throws Exception {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("nodes", "FG Nodes");
    fixture.meeting("nodes", "one", true);
    fixture.person("n-alice");
    fixture.person("n-clerk", Role.SECRETARIAT);
    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(PlenaryApplication.class).run(
        "--server.port=0", "--plenary.ftp.port=0", "--spring.datasource.url=jdbc:h2:mem:plenary-search-nodes;DB_CLOSE_DELAY=-1",
        "--plenary.data-dir=target/test-data/search-node2-" + System.nanoTime(), "--plenary.search.catch-up=200ms",
        // Nodes share the document store (one folder here; a bucket in production), each keeps its own index.
        "--plenary.documents-dir=" + dataDir + "/documents")) {
      Search there = second.getBean(Search.class);
      String number = fixture.upload("nodes", "one", "Roaming", "ITU", List.of(), "txt",
          "otherwordnode uploaded on the first node".getBytes(StandardCharsets.UTF_8), fixture.user("n-alice"));
      await(() -> total(there, "otherwordnode") == 1);
      // The publication commits late, after looks that came later than its time: a look queues the
      // actions it has not seen before, whatever their time.
      transaction.executeWithoutResult(status -> {
        desk.publish(number, fixture.user("n-clerk"));
        pause(Duration.ofSeconds(1)); // the second node looks every 200 ms meanwhile
      });
      await(() -> total(there, "otherwordnode", "PUBLISHED") == 1);
      assertThat(there.search(query("otherwordnode", null), Reader.ANONYMOUS).hits().getFirst().number()).isEqualTo(number);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long total(Search search, String q) {
    return search.search(query(q, null), Reader.ANONYMOUS).total();
  }

  private static long total(Search search, String q, String state) {
    return search.search(query(q, state), Reader.ANONYMOUS).total();
  }

  private static SearchQuery query(String q, String state) {
    return new SearchQuery(q, null, null, null, null, state, "best", 1);
  }

  private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("seen on the second node within 30 s").isLessThan(end);
      Thread.sleep(100);
    }
  }
}
