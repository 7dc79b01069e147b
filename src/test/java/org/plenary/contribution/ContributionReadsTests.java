package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
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

/**
 * An upload and a publication read their contribution once, under its lock, and hand it on: the event
 * carries it as the transaction left it, so the folder's manifest and the mails do not read it again,
 * and the publication answers with it. What they carry is what the register reads back once they
 * committed. Counted with H2's query statistics, the search indexer (which reads on its own) off.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-reads;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "plenary.data-dir=target/test-data/reads-${random.uuid}", "plenary.search.indexing=false"})
class ContributionReadsTests {

  /** The statement of a contribution read by number ({@code Contributions.select}: one per read, beside its three others). */
  private static final String READ = "%FROM contributions c JOIN accounts a ON a.id = c.allocated_by WHERE c.number_key%";
  /** The one statement of a single contribution read by number ({@code Contributions.findByNumber}). */
  private static final String READ_ONE = "%AS coauthor_names%";

  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired JdbcClient jdbc;
  @Autowired Events events;

  private ArchiveFixture fixture;

  @TestConfiguration
  static class Recording {
    @Bean
    Events events() {
      return new Events();
    }
  }

  /** The batch events the desk published, as its listeners received them. */
  static class Events {
    final List<ContributionsReceived> received = new CopyOnWriteArrayList<>();
    final List<ContributionsPublished> published = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ContributionsReceived event) {
      received.add(event);
    }

    @EventListener
    void on(ContributionsPublished event) {
      published.add(event);
    }
  }

  @BeforeEach
  void setUp() {
    String slug = "reads" + System.nanoTime() % 1_000_000;
    fixture = ArchiveFixture.create(slug, "FG R" + slug.substring(5), groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, slug, "m1", true);
    jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 100000").update();
    jdbc.sql("SET QUERY_STATISTICS TRUE").update();
  }

  @Test
  void anUploadReadsItsContributionWhenOpenedAndWhenRegisteredAndItsMailsReadItNoMore() {
    String number = allocate();
    long before = reads();
    upload(number, "first", Replacing.NOTHING);
    assertThat(reads() - before).as("reads of the contribution by the upload of its first version").isEqualTo(2);

    before = reads();
    upload(number, "second, replacing the first", Replacing.ANY);
    assertThat(reads() - before).as("reads of the contribution by the upload of a replacing version").isEqualTo(2);

    assertThat(events.received).isNotEmpty();
    ContributionsReceived last = events.received.getLast();
    assertThat(last.contributions()).as("carried as the register reads it after the commit")
        .containsExactly(desk.get(number));
    assertThat(mailsFor("ContributionReceived:" + desk.get(number).incoming().orElseThrow().id())).isEqualTo(1);
  }

  @Test
  void aPublicationReadsItsContributionOnceAndAnswersWithWhatTheRegisterReadsBack() {
    String number = allocate();
    upload(number, "to publish", Replacing.NOTHING);
    long before = reads();
    Contribution answered = desk.publish(number, fixture.clerk());
    assertThat(reads() - before).as("reads of the contribution by its publication, its manifest and its mails")
        .isEqualTo(1);

    Contribution read = desk.get(number);
    assertThat(answered).isEqualTo(read);
    assertThat(read.published()).isPresent();
    assertThat(events.published.getLast().contributions()).containsExactly(read);
    assertThat(mailsFor("ContributionPublished:" + read.published().orElseThrow().id())).isEqualTo(1);
  }

  @Test
  void aContributionReadByItsNumberIsOneStatement() {
    String number = allocate();
    upload(number, "a version", Replacing.NOTHING);
    long before = statements();
    desk.get(number);
    assertThat(statements() - before).as("statements of one contribution read by its number").isEqualTo(1);
  }

  private String allocate() {
    return desk.allocate(fixture.slug(), "m1", new Allocation("Reads", "Source", List.of(), null, List.of()),
        fixture.author()).number();
  }

  private void upload(String number, String text, Replacing replacing) {
    desk.upload(number, number + ".pdf", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        fixture.author(), UploadChannel.OTHER, replacing);
  }

  private long reads() {
    return jdbc.sql("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
        + " WHERE SQL_STATEMENT LIKE ? OR SQL_STATEMENT LIKE ?").params(READ, READ_ONE).query(Long.class).single();
  }

  /** Every statement run so far but these counts' own. */
  private long statements() {
    return jdbc.sql("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
        + " WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'").query(Long.class).single();
  }

  private long mailsFor(String occasion) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_deliveries WHERE occasion = ?").param(occasion).query(Long.class).single();
  }
}
