package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** User Markdown shown under a page's heading continues the page's outline (axe heading-order, one h1). */
class MarkdownRendererTests {

  private final MarkdownRenderer markdown = new MarkdownRenderer();

  @Test
  void headingsOfTextUnderAnH3StartAtH4AndSkipNoLevel() {
    assertThat(markdown.html("# Title\n\ntext\n\n### Detail\n\n## Back", 3))
        .contains("<h4>Title</h4>", "<h5>Detail</h5>", "<h5>Back</h5>").doesNotContain("<h1>", "<h6>");
  }

  @Test
  void theTextsHighestHeadingIsTheOneBelowThePagesWhateverItsMarkdownLevel() {
    assertThat(markdown.html("### Venue\n\n#### Rooms", 2)).contains("<h3>Venue</h3>", "<h4>Rooms</h4>");
    assertThat(markdown.html("# A\n\n## B\n\n### C\n\n#### D\n\n##### E", 3))
        .contains("<h4>A</h4>", "<h5>B</h5>", "<h6>C</h6>", "<h6>D</h6>", "<h6>E</h6>");
  }

  @Test
  void textWithoutHeadingsIsRenderedAsBefore() {
    assertThat(markdown.html("Some **bold** text", 3)).isEqualTo(markdown.html("Some **bold** text"));
    assertThat(markdown.html(null, 3)).isEmpty();
  }
}
