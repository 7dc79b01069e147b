package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Terms looked up once per reader change nothing a search finds: the same documents, the same scores,
 * the same snippets, in an index of several segments where a word is missing from some.
 */
class TermLookupsTests {

  private static final String[] TEXTS = {
      "network planning for cloud services and their networks",
      "cloud computing terminology and a reference architecture",
      "security of virtual networks in the cloud",
      "an agenda with nothing of interest",
      "the network of networks: cloud interconnection and planning",
      "billing and charging, nothing about clouds"};

  @Test
  void aQueryWithItsTermsLookedUpFindsAndScoresAsTheParsedOne() throws IOException {
    try (var directory = new ByteBuffersDirectory(); var reader = segments(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      var lookups = new TermLookups(searcher);
      for (String q : List.of("cloud network", "networks planning", "cloud -security", "terminology")) {
        Query parsed = Search.parse(q);
        TopDocs plain = searcher.search(parsed, 10);
        TopDocs resolved = searcher.search(lookups.resolve(parsed), 10);
        assertThat(resolved.totalHits).as(q).isEqualTo(plain.totalHits);
        assertThat(resolved.scoreDocs).as(q).usingRecursiveFieldByFieldElementComparator().containsExactly(plain.scoreDocs);
        assertThat(plain.scoreDocs).as(q).isNotEmpty();
      }
    }
  }

  @Test
  void looksEachTermUpOncePerReader() throws IOException {
    try (var directory = new ByteBuffersDirectory(); var reader = segments(directory)) {
      var lookups = new TermLookups(new IndexSearcher(reader));
      Term cloud = new Term(Analysis.BODY, "cloud");
      assertThat(lookups.of(cloud)).isSameAs(lookups.of(cloud));
      assertThat(lookups.of(cloud).docFreq()).isEqualTo(4);
      assertThat(((TermQuery) lookups.resolve(new TermQuery(cloud))).getTermStates()).isSameAs(lookups.of(cloud));
    }
  }

  @Test
  void snippetsMarkTheWordsInEverySegment() throws IOException {
    try (var directory = new ByteBuffersDirectory(); var reader = segments(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      var view = new SearchIndex.View(searcher, null, new TermLookups(searcher));
      Query words = Search.parse("cloud networks");
      TopDocs top = searcher.search(view.terms().resolve(words), 10);
      ScoreDoc[] page = top.scoreDocs;
      assertThat(reader.leaves()).hasSizeGreaterThan(2);
      assertThat(page).hasSize(3);

      String[] snippets = Snippets.of(view, words, top, page, IndexEntry.PREVIEW_CHARS);

      assertThat(snippets).allSatisfy(snippet -> assertThat(snippet).contains("<mark>cloud</mark>")
          .containsAnyOf("<mark>networks</mark>", "<mark>network</mark>"));
    }
  }

  /** One segment per two documents; the word "cloud" is in some segments only once, "terminology" in one. */
  private static DirectoryReader segments(ByteBuffersDirectory directory) throws IOException {
    var config = new IndexWriterConfig(Analysis.analyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
    try (var writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < TEXTS.length; i++) {
        String number = "FG-Test-I-%04d".formatted(i + 1);
        writer.addDocument(new IndexEntry(number, 1, "test/one", "Document " + (i + 1), "ITU", List.of(), "", "INCOMING",
            "txt", number + ".txt", 1_700_000_000_000L + i, TEXTS[i], Set.of("en"), null, "s" + i).toDocument());
        if (i % 2 == 1) {
          writer.commit();
        }
      }
    }
    return DirectoryReader.open(directory);
  }
}
