package org.plenary.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * The highlighted passages of a page of hits. The words asked of the text are marked in its stored
 * beginning (the preview) by the offsets in the preview's postings, so the text is never analysed
 * again; the preview is the one the hit's own stored fields were read with, so each hit's stored
 * document is decompressed once per search.
 */
final class Snippets {

  /** Passages of about this many characters, cut at spaces. */
  private static final int PASSAGE_CHARS = 160;

  private Snippets() {}

  /** One snippet per hit of {@code page} (null when nothing could be shown), from {@code previews} by document. */
  static String[] of(IndexSearcher searcher, Query words, TopDocs top, ScoreDoc[] page, Map<Integer, Document> stored,
      int maxLength) throws IOException {
    if (page.length == 0) {
      return new String[0];
    }
    UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, Analysis.analyzer())
        .withMaxLength(maxLength)
        .withHighlightPhrasesStrictly(true)
        .withHandleMultiTermQuery(true)
        // The query's terms read from the preview's postings: matching the whole query (seven fields) per hit cost more.
        .withWeightMatches(false)
        .withFieldMatcher(field -> field.equals(Analysis.BODY) || field.equals(IndexEntry.PREVIEW))
        .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
        // A sentence iterator walked the whole preview for every match when the text had no sentence
        // end it recognised (tables, lists, lower-case text), and made a snippet of the whole preview.
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(new CustomSeparatorBreakIterator(' '),
            PASSAGE_CHARS, 0.4f));
    UnifiedHighlighter highlighter = new UnifiedHighlighter(builder) {
      @Override
      protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
          throws IOException {
        List<CharSequence[]> values = new ArrayList<>();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          Document document = stored.get(doc);
          CharSequence[] texts = new CharSequence[fields.length];
          for (int f = 0; f < fields.length; f++) {
            texts[f] = document == null ? "" : Objects.requireNonNullElse(document.get(fields[f]), "");
          }
          values.add(texts);
        }
        return values;
      }
    };
    return highlighter.highlight(IndexEntry.PREVIEW, words, new TopDocs(top.totalHits, page), 2);
  }
}
