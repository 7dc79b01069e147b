package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.contribution.ContributionEvents.ContributionPublished;
import org.plenary.contribution.ContributionEvents.ContributionReceived;
import org.plenary.contribution.ContributionEvents.ContributionsPublished;
import org.plenary.contribution.ContributionEvents.ContributionsReceived;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Uploads and publications that arrive together are made in one transaction, one commit for both
 * kinds, each with its own answer. (A refused one is told alone while the others are made, as in any
 * batch of {@code shared.BatchWorker}: then each is made in a transaction of its own.)
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-register-batches;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "plenary.data-dir=target/test-data/register-batches-${random.uuid}", "plenary.search.indexing=false"})
class RegisterBatchesTests {

  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Transactions seen;

  @TestConfiguration
  static class Recording {
    @Bean
    Transactions transactionsSeen(DataSource dataSource) {
      return new Transactions(dataSource);
    }
  }

  /** The transaction (its connection holder, one per transaction) that registered or published each number. */
  static class Transactions {
    private final DataSource dataSource;
    final Map<String, Object> received = new ConcurrentHashMap<>();
    final Map<String, Object> published = new ConcurrentHashMap<>();

    Transactions(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @EventListener
    void on(ContributionsReceived event) {
      event.received().stream().map(ContributionReceived::number).forEach(n -> received.put(n, current()));
    }

    @EventListener
    void on(ContributionsPublished event) {
      event.published().stream().map(ContributionPublished::number).forEach(n -> published.put(n, current()));
    }

    private Object current() {
      return TransactionSynchronizationManager.getResource(dataSource);
    }
  }

  @Test
  void anUploadAndAPublicationThatArriveTogetherCommitTogetherEachWithItsOwnAnswer() throws Exception {
    var fixture = ArchiveFixture.create("batches", "FG Batches", groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, "batches", "m1", true);
    fixture.publish("m1", "The group's first publication", "its feed row to lock");
    String first = fixture.upload("m1", "Waits for the lock", "first");
    String toPublish = fixture.upload("m1", "Published with an upload", "second");
    String toUpload = desk.allocate("batches", "m1", new Allocation("Uploaded with a publication", "Source", List.of(),
        null, List.of()), fixture.author()).number();

    // While this test holds the group's feed lock, the publication of the first waits for it in the
    // register's worker, and the requests sent meanwhile queue up: the next batch takes them together.
    long group = groups.get("batches").id().value();
    Contribution published;
    ContributionFile uploaded;
    try (var threads = Executors.newFixedThreadPool(4)) {
      var lock = ArchiveFixture.holdFeedLock(threads, transactions, jdbc, group);
      Future<Contribution> waiting = threads.submit(() -> desk.publish(first, fixture.clerk()));
      Thread.sleep(200); // the worker takes that one alone and waits for the lock
      Future<ContributionFile> upload = threads.submit(() -> desk.upload(toUpload, toUpload + ".pdf",
          new ByteArrayInputStream("uploaded".getBytes(StandardCharsets.UTF_8)), fixture.author()));
      Future<Contribution> publication = threads.submit(() -> desk.publish(toPublish, fixture.clerk()));
      Thread.sleep(300);
      lock.release();
      assertThat(waiting.get().published()).isPresent();
      uploaded = upload.get();
      published = publication.get();
    }

    assertThat(seen.received.get(toUpload)).as("the upload's transaction").isNotNull()
        .isSameAs(seen.published.get(toPublish));
    assertThat(uploaded.fileName()).isEqualTo(toUpload + ".pdf");
    assertThat(uploaded.state()).isEqualTo(FileState.INCOMING);
    assertThat(desk.get(toUpload).incoming()).map(ContributionFile::id).contains(uploaded.id());
    assertThat(published.number()).isEqualTo(toPublish);
    assertThat(published).isEqualTo(desk.get(toPublish));
  }
}
