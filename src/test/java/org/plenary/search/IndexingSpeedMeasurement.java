package org.plenary.search;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repeatable measurement, not a test: the indexer's processor time per document (the entry made
 * and written, a refresh every 25 documents as under a steady stream of uploads; Lucene's merges,
 * on threads of their own, left out) for {@code index.bench.docs} documents of each of two texts of
 * 200 KiB: the document cycle's (bench/load.py: a heading, then the bytes 0–255 over and over, read as
 * Windows-1252) and English-like prose (words drawn by Zipf's law from 5,000, with stop words).
 * Rounds alternate between the two, and the first round of each is left out (the JIT). Off unless
 * {@code -Dindex.bench.docs=N}:
 * <pre>mvn -o -q -Dtest=IndexingSpeedMeasurement -Dindex.bench.docs=300 -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 */
@EnabledIfSystemProperty(named = "index.bench.docs", matches = "\\d+")
class IndexingSpeedMeasurement {

  private static final int SIZE = 200 * 1024;
  private static final int ROUNDS = 4;

  @TempDir Path folder;

  @Test
  void printsTheIndexersProcessorTimePerDocument() throws Exception {
    int docs = Integer.getInteger("index.bench.docs");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, String> texts = Map.of("cycle", cycleText(), "prose", prose());
    SearchIndex index = new SearchIndex(folder.toString(), true);
    try {
      int n = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (String kind : List.of("cycle", "prose")) {
          String text = texts.get(kind);
          long cpu = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < docs; i++, n++) {
            String number = "FG-Speed-I-" + n;
            String body = "Cycle document " + n + " (" + number + ")\n" + text;
            index.put(new IndexEntry(number, 1, "speed/one", "Cycle document " + n, "bench", List.of(), "", "INCOMING",
                "txt", number + ".txt", n, body, Analysis.languages(body), null, "stamp " + n));
            if (i % 25 == 24) {
              index.refresh();
            }
          }
          index.refresh();
          double ms = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / docs;
          System.out.printf("indexing %s round %d: %.2f ms of processor time a document%s%n", kind, round + 1, ms,
              round == 0 ? " (JIT warm-up, not counted)" : "");
        }
      }
      index.commit(Map.of());
    } finally {
      index.destroy();
    }
  }

  /** The text bench/load.py's cycle uploads, as the server reads it. */
  private static String cycleText() {
    byte[] bytes = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      bytes[i] = (byte) i;
    }
    return new String(bytes, Charset.forName("windows-1252"));
  }

  private static String prose() {
    Random random = new Random(42);
    List<String> words = new ArrayList<>();
    for (String stop : Set.of("the", "of", "and", "to", "in", "a", "is", "that", "for", "it")) {
      words.add(stop);
    }
    while (words.size() < 5_000) {
      StringBuilder word = new StringBuilder();
      int length = 3 + random.nextInt(9);
      for (int i = 0; i < length; i++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      words.add(random.nextInt(10) == 0 ? word + "s" : word.toString());
    }
    StringBuilder text = new StringBuilder(SIZE + 64);
    while (text.length() < SIZE) {
      // Zipf's law: the word of rank r drawn in proportion to 1/r.
      int rank = (int) Math.floor(Math.pow(words.size() + 1, random.nextDouble())) - 1;
      text.append(words.get(Math.max(0, Math.min(rank, words.size() - 1))));
      text.append(random.nextInt(12) == 0 ? ". " : " ");
    }
    return text.substring(0, SIZE);
  }
}
