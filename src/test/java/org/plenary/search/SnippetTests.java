package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Snippets are short passages around the words found, whatever the shape of the text. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:plenary-search-snippets;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-snippets-${random.uuid}", "plenary.search.indexing=false"})
class SnippetTests {

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired SearchIndex index;
  @Autowired Search search;

  @Test
  void aTextWithoutSentenceEndsGivesAShortPassageAroundTheWordFound() throws Exception {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("snip", "FG Snip");
    fixture.meeting("snip", "one", true);
    long meeting = meetings.get("snip", "one").id().value();
    // Lower-case words and full stops only: no sentence end a sentence break iterator recognises.
    String text = "alpha beta gamma delta. ".repeat(400) + "snippetword " + "epsilon zeta eta theta. ".repeat(400);
    index.put(new IndexEntry("FG-Snip-I-0001", meeting, "snip/one", "Shape", "ITU", List.of(), "", "INCOMING", "txt",
        "FG-Snip-I-0001.txt", 1_700_000_000_000L, text, Set.of("en"), null, "s1"));
    index.commit(Map.of());
    index.refresh();

    var hits = search.search(new SearchQuery("snippetword", null, null, null, null, null, "best", 1), Reader.ANONYMOUS)
        .hits();

    assertThat(hits).hasSize(1);
    assertThat(hits.getFirst().snippet()).contains("<mark>snippetword</mark>").hasSizeLessThan(400);
  }

  /**
   * The preview a snippet is marked in is the text's beginning cut by characters: cut at 20,000 UTF-16 units, a
   * character beyond U+FFFF across the cut was kept in half and shown as U+FFFD at the end of the snippet.
   */
  @Test
  void aSnippetAtThePreviewsEndShowsNoHalfOfACharacter() throws Exception {
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("snipcut", "FG Snipcut");
    fixture.meeting("snipcut", "one", true);
    long meeting = meetings.get("snipcut", "one").id().value();
    String start = "alpha beta gamma delta. ".repeat(832) + "previewend ";
    // The emoji's first half is the preview's 20,000th UTF-16 unit.
    String text = start + "z".repeat(IndexEntry.PREVIEW_CHARS - 1 - start.length()) + "\uD83D\uDE00 after the preview";
    index.put(new IndexEntry("FG-Snipcut-I-0001", meeting, "snipcut/one", "Cut", "ITU", List.of(), "", "INCOMING", "txt",
        "FG-Snipcut-I-0001.txt", 1_700_000_000_000L, text, Set.of("en"), null, "s1"));
    index.commit(Map.of());
    index.refresh();

    // Searches know a new meeting once their list of meetings is read again (5 s): waited for, not assumed.
    var hits = search.search(new SearchQuery("previewend", null, null, null, null, null, "best", 1), Reader.ANONYMOUS)
        .hits();
    for (long until = System.nanoTime() + 20_000_000_000L; hits.isEmpty() && System.nanoTime() < until; ) {
      Thread.sleep(250);
      hits = search.search(new SearchQuery("previewend", null, null, null, null, null, "best", 1), Reader.ANONYMOUS)
          .hits();
    }

    assertThat(hits).hasSize(1);
    String snippet = hits.getFirst().snippet();
    assertThat(snippet).contains("<mark>previewend</mark>").doesNotContain("\uFFFD");
    assertThat(snippet.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).as(snippet).isTrue();
  }
}
