package org.plenary.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * English from the data (a group's acronym "FG Cloud", a parent "TSAG", a venue, a hotel, an organization, a
 * milestone's title) in a page written in another language, found in the page's markup as a browser builds it
 * (jsoup): in the table cells, list items and description values of {@code <main>}, its breadcrumb and its heading.
 * The rules of {@code EveryPageBrowserTests.ENGLISH_WITHOUT_LANG}, which reads headings and breadcrumbs in Chromium,
 * decided from the markup alone: each text of Latin letters sits in an element whose {@code lang} is not the page's,
 * isolated (a {@code <bdi>}, an element with {@code dir}, or any {@code [lang]} in {@code <main>}, which the
 * stylesheet isolates); codes (2702-gva), paths, a time zone's id (Europe/Zurich), abbreviations of two or three
 * capitals standing alone between spaces or punctuation (the bundles' "PDF:"), times and what says
 * {@code translate="no"} are data without a language; a text whose language nobody knows (a person's name, a
 * document's title, a reason) is a {@code <bdi>} without {@code lang}. A cell or list item that carries the data's
 * {@code lang} itself is refused too: the stylesheet sets such an element left to right, so in Arabic the whole cell
 * turned around; the data is marked by an element inside it, which keeps the page's direction.
 */
final class EnglishWithoutLang {

  private static final Pattern NO_LANGUAGE = Pattern.compile(
      "\\b\\d{4}-[a-z]{3}\\b|\\b[A-Z][a-z]+(?:/[A-Z][A-Za-z_+-]*)+|/\\S*|(^|[\\s\\p{P}])[A-Z]{2,3}(?=[\\s\\p{P}]|$)");
  private static final Pattern LATIN = Pattern.compile("[A-Za-z]{2,}");
  private static final String LOOKED_AT = "main td, main li, main dd, main .breadcrumb, main h1";
  private static final String DATA_WITHOUT_LANGUAGE =
      "[translate=no], bdi:not([lang]), script, style, [hidden], .visually-hidden, time";
  private static final Set<String> CELLS = Set.of("td", "th", "li", "dd", "dt");

  private EnglishWithoutLang() {}

  /** Each Latin text of {@code html} found unmarked, with where it stands. */
  static List<String> in(String html) {
    Document page = Jsoup.parse(html);
    String language = primary(page.selectFirst("html").attr("lang"));
    Set<TextNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    var found = new LinkedHashSet<String>();
    for (Element box : page.select(LOOKED_AT)) {
      for (Element element : box.getAllElements()) {
        for (TextNode node : element.textNodes()) {
          if (seen.add(node)) {
            String fault = fault(node, element, language);
            if (fault != null) {
              found.add(fault);
            }
          }
        }
      }
    }
    return new ArrayList<>(found);
  }

  private static String fault(TextNode node, Element parent, String language) {
    String text = NO_LANGUAGE.matcher(node.getWholeText()).replaceAll(" ").strip();
    if (!LATIN.matcher(text).find() || parent.closest(DATA_WITHOUT_LANGUAGE) != null) {
      return null;
    }
    Element marked = parent.closest("[lang]");
    String where = "<" + parent.tagName() + "> \"" + node.getWholeText().strip() + "\"";
    if (marked == null || primary(marked.attr("lang")).equals(language)) {
      return where;
    }
    if (CELLS.contains(marked.tagName())) {
      return where + " (lang on the <" + marked.tagName() + "> itself, not on an element inside it)";
    }
    boolean isolated = marked.tagName().equals("bdi") || marked.hasAttr("dir") || marked.closest("main") != null;
    return isolated ? null : where + " (not isolated)";
  }

  private static String primary(String tag) {
    return tag.split("-")[0];
  }
}
