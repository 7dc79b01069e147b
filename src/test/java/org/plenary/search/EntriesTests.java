package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.Role;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.store.DocumentStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** What indexing a contribution writes: the text is read and analysed when its files change, never for a change of state. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:plenary-search-entries;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-entries-${random.uuid}", "plenary.search.indexing=false"})
class EntriesTests {

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired DocumentStore store;
  @Autowired SearchIndex index;
  @Autowired Search search;

  @Test
  void aPublicationRewritesOnlyTheStateAndTheTextStaysSearchable() throws Exception {
    var fixture = fixture("entr", "FG Entr", "e-alice");
    fixture.person("e-clerk", Role.SECRETARIAT);
    var entries = entries(10_000_000);
    String number = fixture.upload("entr", "one", "Restated draft", "ITU", List.of(), "txt",
        "The restateword travels unchanged.".getBytes(StandardCharsets.UTF_8), fixture.user("e-alice"));

    assertThat(write(entries, desk.get(number))).isInstanceOf(Entries.Rewrite.class);
    assertThat(write(entries, desk.get(number))).as("nothing changed").isNull();
    Contribution published = desk.publish(number, fixture.user("e-clerk"));
    Entries.Change publication = write(entries, published);

    assertThat(publication).isInstanceOf(Entries.Restate.class);
    var hits = search.search(new SearchQuery("restateword", null, null, null, null, "PUBLISHED", "best", 1),
        Reader.ANONYMOUS).hits();
    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.number()).isEqualTo(number);
      assertThat(hit.state()).isEqualTo("PUBLISHED");
      assertThat(hit.date()).isEqualTo(published.published().orElseThrow().publishedAt().truncatedTo(ChronoUnit.MILLIS));
    });
    assertThat(search.search(new SearchQuery("restateword", null, null, null, null, "INCOMING", "best", 1),
        Reader.ANONYMOUS).hits()).isEmpty();
    desk.withdraw(number, null, fixture.user("e-clerk"));
    assertThat(write(entries, desk.get(number))).as("withdrawn: the file left the readable ones")
        .isInstanceOf(Entries.Rewrite.class);
  }

  @Test
  void aFileLargerThanTheLimitIsNotReadAndItsEntrySaysWhy() throws Exception {
    var fixture = fixture("bulk", "FG Bulk", "b-alice");
    var entries = entries(100);
    String small = fixture.upload("bulk", "one", "Small draft", "ITU", List.of(), "txt",
        "The trimword fits.".getBytes(StandardCharsets.UTF_8), fixture.user("b-alice"));
    String large = fixture.upload("bulk", "one", "Large draft", "ITU", List.of(), "txt",
        ("The bulkyword does not fit. " + "x".repeat(100)).getBytes(StandardCharsets.UTF_8), fixture.user("b-alice"));

    assertThat(((Entries.Rewrite) write(entries, desk.get(small))).entry().body()).contains("trimword");
    IndexEntry entry = ((Entries.Rewrite) write(entries, desk.get(large))).entry();
    assertThat(entry.body()).doesNotContain("bulkyword");
    assertThat(entry.problem()).contains("tooLarge");
    assertThat(entry.title()).as("found by its register entry").isEqualTo("Large draft");
  }

  /** Indexes the contribution as the indexer does; answers what was written (null: nothing). */
  private Entries.Change write(Entries entries, Contribution c) throws Exception {
    Optional<Entries.Change> change = entries.of(c, index.stored(c.number()), () -> index.body(c.number()));
    if (change.isPresent()) {
      change.get().applyTo(index);
    }
    index.commit(Map.of());
    index.refresh();
    return change.orElse(null);
  }

  /** A group with an open meeting "one" and an author in it. */
  private SearchFixture fixture(String slug, String name, String author) {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group(slug, name);
    fixture.meeting(slug, "one", true);
    fixture.person(author);
    return fixture;
  }

  /** The indexer's entries with the usual limits and files up to {@code maxFileBytes} read for text. */
  private Entries entries(long maxFileBytes) {
    var limits = new ExtractionLimits(1_000_000, 3, 100, 10_000_000, 50_000_000, 100, Duration.ofSeconds(20),
        maxFileBytes);
    return new Entries(meetings, groups, store, new FileReading(limits, index.scratch()), limits.maxChars());
  }
}
