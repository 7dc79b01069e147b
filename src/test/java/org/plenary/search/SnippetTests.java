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
}
