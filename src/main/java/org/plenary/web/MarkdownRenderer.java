package org.plenary.web;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Renders Markdown (terms of reference, practical information) for pages as
 * {@code th:utext="${markdown.html(text)}"}: every page model carries it. Raw HTML is escaped and
 * script-bearing link schemes are dropped, so a section cannot inject script.
 */
@ControllerAdvice(annotations = Controller.class)
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

  @ModelAttribute("markdown")
  MarkdownRenderer markdown() {
    return this;
  }

  public String html(String markdown) {
    return markdown == null ? "" : renderer.render(parser.parse(markdown));
  }
}
