package org.plenary.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * The highlighted passages of a page of hits. The words asked of the text are marked in its
 * beginning (the preview, read from its doc value) by the offsets in the preview's postings, so the
 * text is neither analysed again nor decompressed.
 */
final class Snippets {

  /** Passages of about this many characters, cut at spaces. */
  private static final int PASSAGE_CHARS = 160;

  private Snippets() {}

  /** One snippet per hit of {@code page} (null when nothing could be shown). */
  static String[] of(SearchIndex.View view, Query words, TopDocs top, ScoreDoc[] page, int maxLength)
      throws IOException {
    IndexSearcher searcher = view.searcher();
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
        .withScorer(new PassageRanking())
        // A sentence iterator walked the whole preview for every match when the text had no sentence
        // end it recognised (tables, lists, lower-case text), and made a snippet of the whole preview.
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(new CustomSeparatorBreakIterator(' '),
            PASSAGE_CHARS, 0.4f));
    UnifiedHighlighter highlighter = new UnifiedHighlighter(builder) {
      @Override
      protected OffsetSource getOffsetSource(String field) {
        // Known from IndexEntry: asking Lucene merges the field infos of every segment at each search.
        return OffsetSource.POSTINGS;
      }

      @Override
      protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
        return source == OffsetSource.POSTINGS && !components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES)
            ? new KnownTermOffsets(components, searcher.getIndexReader().leaves(), view.terms())
            : super.getOffsetStrategy(source, components);
      }

      @Override
      protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
          throws IOException {
        List<CharSequence[]> values = new ArrayList<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        // Documents come in increasing order: one doc-values reader per segment (each allocates a
        // buffer as long as the segment's longest preview), not one per hit.
        LeafReaderContext leaf = null;
        BinaryDocValues previews = null;
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
            leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            previews = leaf.reader().getBinaryDocValues(IndexEntry.PREVIEW_TEXT);
          }
          String preview = "";
          if (previews != null && previews.advanceExact(doc - leaf.docBase)) {
            BytesRef bytes = previews.binaryValue();
            preview = new String(bytes.bytes, bytes.offset, bytes.length, StandardCharsets.UTF_8);
          }
          CharSequence[] texts = new CharSequence[fields.length];
          Arrays.fill(texts, preview);
          values.add(texts);
        }
        return values;
      }
    };
    return highlighter.highlight(IndexEntry.PREVIEW, words, new TopDocs(top.totalHits, page), 2);
  }
}
