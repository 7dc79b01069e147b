package org.plenary.web;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.springframework.stereotype.Component;

/**
 * Renders Markdown (terms of reference, practical information) for pages as
 * {@code th:utext="${@markdown.html(text)}"}. Raw HTML is escaped and script-bearing link schemes
 * are dropped, so a section cannot inject script.
 */
@Component("markdown")
public class MarkdownRenderer {

  private final Parser parser;
  private final HtmlRenderer renderer;

  MarkdownRenderer() {
    var options = new MutableDataSet()
        .set(HtmlRenderer.ESCAPE_HTML, true)
        .set(HtmlRenderer.SUPPRESSED_LINKS, "(?i)\\s*(javascript|vbscript|data|file):.*")
        .set(HtmlRenderer.SOFT_BREAK, "\n");
    this.parser = Parser.builder(options).build();
    this.renderer = HtmlRenderer.builder(options).build();
  }

  public String html(String markdown) {
    return markdown == null ? "" : renderer.render(parser.parse(markdown));
  }
}
