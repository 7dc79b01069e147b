package org.plenary.web;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * The one way HTML written by users reaches a page: Markdown (terms of reference, practical
 * information, agenda notes) rendered by flexmark, then passed through the OWASP HTML sanitizer
 * with an allow-list of elements, attributes and URL schemes ({@code http}, {@code https},
 * {@code mailto} and relative). Pages write {@code th:utext="${markdown.html(text)}"}: every page
 * model carries it ({@link PageModel}). Whatever the renderer lets through, the sanitizer decides what is left; no
 * pattern of our own recognises dangerous links.
 */
@Component
public class MarkdownRenderer {

  /** Elements, attributes and schemes that Markdown produces and that carry no script. */
  static final PolicyFactory POLICY = new HtmlPolicyBuilder()
      .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em",
          "strong", "del", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td")
      .allowUrlProtocols("http", "https", "mailto")
      .allowAttributes("href", "title").onElements("a")
      .allowAttributes("src", "alt", "title").onElements("img")
      .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
      .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,40}")).onElements("code")
      .requireRelsOnLinks("nofollow", "noopener")
      .toFactory();

  private final Parser parser;
  private final HtmlRenderer renderer;

  MarkdownRenderer() {
    // Raw HTML in the Markdown is shown as text; the sanitizer below is what makes the result safe.
    var options = new MutableDataSet()
        .set(HtmlRenderer.ESCAPE_HTML, true)
        .set(HtmlRenderer.SOFT_BREAK, "\n");
    this.parser = Parser.builder(options).build();
    this.renderer = HtmlRenderer.builder(options).build();
  }

  /** The Markdown as safe HTML: rendered, then sanitized; empty for none. */
  public String html(String markdown) {
    return markdown == null ? "" : POLICY.sanitize(renderer.render(parser.parse(markdown)));
  }

  /**
   * {@link #html(String)} for text shown under a heading of level {@code under} (a clause under its
   * h3): the text's headings continue the page's outline instead of starting a new one. Its highest
   * heading becomes level {@code under + 1}, and none is more than one level below the one before
   * it (nor below h6), so "# Title" then "### Detail" under an h3 are an h4 and an h5.
   */
  public String html(String markdown, int under) {
    if (markdown == null) {
      return "";
    }
    Document document = parser.parse(markdown);
    var headings = new java.util.ArrayList<Heading>();
    document.getDescendants().forEach(node -> {
      if (node instanceof Heading heading) {
        headings.add(heading);
      }
    });
    int highest = headings.stream().mapToInt(Heading::getLevel).min().orElse(1);
    int previous = under;
    for (Heading heading : headings) {
      int level = Math.min(6, Math.min(heading.getLevel() - highest + under + 1, previous + 1));
      heading.setLevel(level);
      previous = level;
    }
    return POLICY.sanitize(renderer.render(document));
  }
}
