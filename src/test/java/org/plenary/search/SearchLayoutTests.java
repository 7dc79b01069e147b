package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A start on an index of the layout before this one (the whole text's words with their offsets)
 * rebuilds it by itself: afterwards the body holds positions without offsets, and words, phrases
 * and snippets are found as before.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:plenary-search-layout;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-layout-${random.uuid}"})
class SearchLayoutTests {

  @DynamicPropertySource
  static void olderIndex(DynamicPropertyRegistry registry) {
    Path folder = Path.of("target/test-data/search-layout-index-" + UUID.randomUUID()).toAbsolutePath();
    try {
      Files.createDirectories(folder);
      try (var directory = FSDirectory.open(folder.resolve("lucene"));
          var writer = new IndexWriter(directory, new IndexWriterConfig(Analysis.analyzer()))) {
        FieldType withOffsets = new FieldType();
        withOffsets.setTokenized(true);
        withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        Document old = new Document();
        old.add(new StringField(IndexEntry.ID, "FG-OLD-I-0001", Field.Store.YES));
        old.add(new Field(Analysis.BODY, "a text indexed by the layout before", withOffsets));
        writer.addDocument(old);
        writer.setLiveCommitData(Map.of("caught-up-to", "2026-01-01T00:00:00Z",
            "layout", "5: a hit's fields as one doc value (4: state, date and stamp as doc values)").entrySet());
        writer.commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("plenary.search.index-dir", folder::toString);
  }

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired SearchIndexer indexer;
  @Autowired SearchIndex index;
  @Autowired Search search;

  @Test
  void anIndexOfTheLayoutBeforeIsRebuiltAtStartWithoutTheBodysOffsets() throws Exception {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("layout", "FG Layout");
    fixture.meeting("layout", "one", true);
    fixture.person("layout-author");
    String filler = "spectrum harmonisation report ".repeat(2_000);
    String number = fixture.upload("layout", "one", "Layout", "ITU", List.of(), "txt",
        ("Networks of quasistellar relays. " + filler + " closing farewords").getBytes(StandardCharsets.UTF_8),
        fixture.user("layout-author"));
    assertThat(indexer.awaitIdle(Duration.ofSeconds(60))).isTrue();

    assertThat(index.rebuilding()).isFalse();
    assertThat(indexOptions(Analysis.BODY)).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    assertThat(indexOptions(IndexEntry.PREVIEW)).as("snippets are marked by the preview's offsets")
        .isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    assertThat(find("indexed").total()).as("the old index's entry is gone: it was rebuilt from the register").isZero();

    SearchResults.Hit hit = find("quasistellar").hits().getFirst();
    assertThat(hit.number()).isEqualTo(number);
    assertThat(hit.snippet()).contains("<mark>quasistellar</mark>");
    assertThat(find("\"relays spectrum harmonisation\"").total()).as("a phrase, by the body's positions").isEqualTo(1);
    assertThat(find("\"relays harmonisation\"").total()).isZero();
    assertThat(find("farewords").total()).as("a word past the preview, by the body").isEqualTo(1);
    assertThat(find("network").total()).as("the stemmed field").isEqualTo(1);
  }

  /** How the index in use keeps this field's words. */
  private IndexOptions indexOptions(String field) throws Exception {
    return index.read(view -> FieldInfos.getMergedFieldInfos(view.searcher().getIndexReader())
        .fieldInfo(field).getIndexOptions());
  }

  private SearchResults find(String words) {
    return search.search(new SearchQuery(words, null, null, null, null, null, "best", 1), Reader.ANONYMOUS);
  }
}
