package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The passage score without a hash table per passage is Lucene's score, to the bit. */
class PassageRankingTests {

  @Test
  void scoresEveryPassageAsLucenesScorerDoes() {
    Random random = new Random(16);
    String[] words = {"network", "cloud", "service", "netw", "clouds", "a"};
    PassageScorer lucene = new PassageScorer();
    PassageRanking ranking = new PassageRanking();
    for (int round = 0; round < 2_000; round++) {
      Passage passage = new Passage();
      int start = random.nextInt(20_000);
      passage.setStartOffset(start);
      passage.setEndOffset(start + 400);
      int at = start;
      int matches = random.nextInt(12);
      for (int i = 0; i < matches; i++) {
        String word = words[random.nextInt(words.length)];
        at += 1 + random.nextInt(20);
        // The frequency in the document is the term's own: the same for each of its matches.
        passage.addMatch(at, at + word.length(), new BytesRef(word), 1 + Math.abs(word.hashCode() % 50));
      }
      int contentLength = 20_000 + random.nextInt(100_000);
      assertThat(ranking.score(passage, contentLength)).as("passage %s", passage)
          .isEqualTo(lucene.score(passage, contentLength));
    }
  }

  @Test
  void aRepeatedWordCountsOnceWithItsFrequencyInThePassage() {
    PassageRanking ranking = new PassageRanking();
    Passage twice = new Passage();
    twice.setStartOffset(0);
    twice.setEndOffset(100);
    twice.addMatch(0, 5, new BytesRef("cloud"), 3);
    twice.addMatch(10, 15, new BytesRef("cloud"), 3);
    Passage once = new Passage();
    once.setStartOffset(0);
    once.setEndOffset(100);
    once.addMatch(0, 5, new BytesRef("cloud"), 3);
    float expected = (float) ((double) (ranking.tf(2, 100) * ranking.weight(1000, 3)) * ranking.norm(0));
    assertThat(ranking.score(twice, 1000)).isEqualTo(expected).isGreaterThan(ranking.score(once, 1000));
  }
}
