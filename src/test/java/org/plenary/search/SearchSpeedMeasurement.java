package org.plenary.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A repeatable measurement, not a test: indexes {@code search.bench.docs} synthetic documents
 * (Zipf-drawn words, 2-20 KB, {@code search.bench.large} (20) of 3-6 MB) straight into the index and
 * times two-word queries of mid-frequency words through {@link Search} from 8 threads for
 * {@code search.bench.seconds} (10), printing p50 and p99, and the processor time and bytes allocated per
 * query. Off unless {@code -Dsearch.bench.docs=N}:
 * <pre>mvn -o -q -Dtest=SearchSpeedMeasurement -Dsearch.bench.docs=10000 -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 */
@EnabledIfSystemProperty(named = "search.bench.docs", matches = "\\d+")
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:plenary-search-speed;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/search-speed-${random.uuid}", "plenary.search.indexing=false"})
class SearchSpeedMeasurement {

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ContributionDesk desk;
  @Autowired SearchIndex index;
  @Autowired Search search;

  @Test
  void twoWordQueriesUnderEightClients() throws Exception {
    int docs = Integer.getInteger("search.bench.docs");
    int large = Integer.getInteger("search.bench.large", 20);
    int seconds = Integer.getInteger("search.bench.seconds", 10);
    var fixture = new SearchFixture(groups, meetings, accounts, tokens, desk);
    fixture.group("speed", "FG Speed");
    fixture.meeting("speed", "bench", true);
    long meetingId = meetings.get("speed", "bench").id().value();
    List<String> words = vocabulary(new Random(16));
    Random rng = new Random(1);
    long started = System.nanoTime();
    for (int i = 0; i < docs; i++) {
      int size = i < large ? 3_000_000 + rng.nextInt(3_000_000) : 2_000 + rng.nextInt(18_000);
      String title = words.get(rng.nextInt(2000)) + " " + words.get(rng.nextInt(2000));
      index.put(new IndexEntry("FG-Speed-I-%05d".formatted(i), meetingId, "speed/bench", title, "ITU", List.of(), "",
          "INCOMING", "txt", "FG-Speed-I-%05d.txt".formatted(i), 1_700_000_000_000L + i, text(rng, words, size),
          Set.of("en"), null, "s" + i));
    }
    index.commit(java.util.Map.of());
    index.refresh();
    System.out.printf("indexed %d documents (%d large) in %.1f s%n", docs, large, (System.nanoTime() - started) / 1e9);
    Random pick = new Random(23);
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      queries.add(words.get(50 + pick.nextInt(2950)) + " " + words.get(50 + pick.nextInt(2950)));
    }
    for (String q : queries.subList(0, 200)) {
      search.search(new SearchQuery(q, null, null, null, null, null, null, 1), Reader.ANONYMOUS);
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    // Processor time and bytes allocated by the searching threads: what the machine's load disturbs least.
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    var cpuNanos = new java.util.concurrent.atomic.AtomicLong();
    var allocatedBytes = new java.util.concurrent.atomic.AtomicLong();
    try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int offset = c * 125;
        running.add(clients.submit(() -> {
          long cpu = threads.getCurrentThreadCpuTime();
          long allocated = threads.getCurrentThreadAllocatedBytes();
          for (int i = offset; System.nanoTime() < end; i++) {
            long t = System.nanoTime();
            search.search(new SearchQuery(queries.get(i % queries.size()), null, null, null, null, null, null, 1),
                Reader.ANONYMOUS);
            latencies.add(System.nanoTime() - t);
          }
          cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
          allocatedBytes.addAndGet(threads.getCurrentThreadAllocatedBytes() - allocated);
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("%d queries in %d s, 8 clients: p50 %.1f ms, p99 %.1f ms, %.0f queries/s%n", sorted.size(), seconds,
        sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 99 / 100) / 1e6, sorted.size() / (double) seconds);
    System.out.printf("per query: %.2f ms of processor, %.0f KB allocated (load average %.1f)%n",
        cpuNanos.get() / 1e6 / sorted.size(), allocatedBytes.get() / 1024.0 / sorted.size(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static List<String> vocabulary(Random rng) {
    String[] syllables = {"ka", "lo", "mi", "nu", "ta", "re", "vi", "so", "de", "pa", "ri", "ge", "mo", "lu", "ne", "xi"};
    List<String> words = new ArrayList<>(List.of("cloud", "network", "service", "security", "data", "virtual",
        "requirement", "architecture", "interface", "resource"));
    Set<String> seen = new java.util.HashSet<>(words);
    while (words.size() < 20_000) {
      StringBuilder w = new StringBuilder();
      for (int n = 2 + rng.nextInt(3); n > 0; n--) {
        w.append(syllables[rng.nextInt(syllables.length)]);
      }
      if (seen.add(w.toString())) {
        words.add(w.toString());
      }
    }
    return words;
  }

  /** Sentences of words drawn by a Zipf-like law, as bench/searchload.py does. */
  private static String text(Random rng, List<String> words, int size) {
    StringBuilder out = new StringBuilder(size + 200);
    while (out.length() < size) {
      for (int n = 8 + rng.nextInt(12); n > 0; n--) {
        int r = (int) Math.pow(words.size(), rng.nextDouble()) - 1;
        out.append(words.get(Math.max(r, 0))).append(n == 1 ? ". " : " ");
      }
    }
    return out.toString();
  }
}
