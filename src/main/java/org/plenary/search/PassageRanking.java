package org.plenary.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the passage, weighted towards the beginning), computed without
 * the hash table Lucene makes for every passage: that table allocates a 32 KiB block each time, and
 * with a few dozen candidate passages in each of a page's 20 previews it made a third of all the
 * memory a search allocated, and so most of its garbage collections. A passage holds a handful of
 * matches, so its distinct terms are found by comparing them with each other.
 */
final class PassageRanking extends PassageScorer {

  @Override
  public float score(Passage passage, int contentLength) {
    int matches = passage.getNumMatches();
    BytesRef[] terms = passage.getMatchTerms();
    int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
    double score = 0;
    // Terms in the order they first appear, as Lucene sums them: the same float comes out.
    for (int i = 0; i < matches; i++) {
      if (seenBefore(terms, i)) {
        continue;
      }
      int inPassage = 1;
      for (int j = i + 1; j < matches; j++) {
        if (terms[j].bytesEquals(terms[i])) {
          inPassage++;
        }
      }
      score += tf(inPassage, passage.getLength()) * weight(contentLength, freqsInDoc[i]);
    }
    return (float) (score * norm(passage.getStartOffset()));
  }

  private static boolean seenBefore(BytesRef[] terms, int i) {
    for (int k = 0; k < i; k++) {
      if (terms[k].bytesEquals(terms[i])) {
        return true;
      }
    }
    return false;
  }
}
