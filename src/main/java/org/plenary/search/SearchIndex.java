package org.plenary.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.plenary.shared.PrivateFiles;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Lucene index of this node, under {@code <data-dir>/search} (owner-only, like the rest of
 * the data folder). One writer (the indexer's thread), many readers through a
 * {@link SearcherManager}; what the indexer adds is visible after {@link #refresh()} and durable
 * after {@link #commit(Map)}, whose data records how far the index has caught up with the register.
 *
 * <p>A rebuild fills a second index beside the one in use ({@link #beginRebuild()}): searches
 * answer from the old one until {@link #finishRebuild} has committed the new one, named it in the
 * file {@code current} (replaced atomically) and deleted the old one. A folder left beside the one
 * that {@code current} names is removed at start; when it was newer (a rebuild a stop or a crash
 * cut short) the rebuild starts again ({@link #interruptedRebuild()}).
 */
@Component
class SearchIndex implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
  /** The file that names the index in use; without it, {@code lucene} (the folder of earlier versions). */
  private static final String CURRENT = "current";
  private static final Pattern GENERATION = Pattern.compile("lucene(?:-(\\d+))?");

  /** A searcher, the facet state and the term lookups of the same reader: made once per refresh, not per search. */
  record View(IndexSearcher searcher, SortedSetDocValuesReaderState facets, TermLookups terms) {}

  private final Path folder;
  /** The index searches read. */
  private volatile IndexGeneration live;
  /** The index the indexer writes: {@link #live}, or the one a rebuild fills beside it. */
  private volatile IndexGeneration target;
  private final boolean created;
  private volatile boolean interrupted;
  private volatile View view;
  /**
   * The filters of searches (the meetings a reader may read, facet values), matched once per segment
   * and kept. Lucene's default cache keeps nothing for a segment under 10,000 documents (every
   * segment of an index of 10,000) nor for a filter ten times denser than the words' matches (the
   * readable meetings: nearly every document), so every search matched the list of meetings again.
   */
  private final LRUQueryCache filters = new LRUQueryCache(256, 16 * 1024 * 1024, leaf -> true, Float.POSITIVE_INFINITY);

  SearchIndex(@Value("${plenary.search.index-dir:${plenary.data-dir}/search}") String folder,
      @Value("${plenary.search.reset-on-start:false}") boolean reset) throws IOException {
    this.folder = Path.of(folder).toAbsolutePath().normalize();
    PrivateFiles.createDirectories(this.folder);
    PrivateFiles.restrict(this.folder);
    Path scratch = PrivateFiles.createDirectories(this.folder.resolve("scratch"));
    // Entries of archives a stopped server was reading.
    try (var left = Files.list(scratch)) {
      for (Path file : left.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Path current = this.folder.resolve(CURRENT);
    String name = Files.exists(current) ? Files.readString(current).strip() : "lucene";
    boolean cutShort = false;
    for (Path other : generations()) {
      if (!other.getFileName().toString().equals(name)) {
        cutShort |= number(other) > number(this.folder.resolve(name));
        log.info("Search index: removing {}, left by a {}", other,
            number(other) > number(this.folder.resolve(name)) ? "rebuild that did not finish" : "rebuild that finished");
        delete(other);
      }
    }
    this.interrupted = cutShort && !reset;
    Path lucene = this.folder.resolve(name);
    boolean exists = false;
    if (Files.isDirectory(lucene)) {
      try (Directory directory = FSDirectory.open(lucene)) {
        exists = DirectoryReader.indexExists(directory);
      }
    }
    this.created = reset || !exists;
    this.live = new IndexGeneration(lucene, created, Analysis.analyzer(), searcherFactory());
    this.target = live;
  }

  private SearcherFactory searcherFactory() {
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(filters);
        return searcher;
      }
    };
  }

  /** The index folders under this node's folder: {@code lucene}, {@code lucene-1}, {@code lucene-2}… */
  private List<Path> generations() throws IOException {
    try (var all = Files.list(folder)) {
      return all.filter(p -> Files.isDirectory(p) && GENERATION.matcher(p.getFileName().toString()).matches())
          .sorted().toList();
    }
  }

  private static long number(Path generation) {
    Matcher m = GENERATION.matcher(generation.getFileName().toString());
    return m.matches() && m.group(1) != null ? Long.parseLong(m.group(1)) : 0;
  }

  private static void delete(Path tree) throws IOException {
    if (!Files.exists(tree)) {
      return;
    }
    try (var all = Files.walk(tree)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Starts a rebuild: an empty index beside the one in use, which the indexer writes from now on
   * while searches still read the old one. A rebuild already under way is dropped and begun again.
   */
  synchronized void beginRebuild() throws IOException {
    interrupted = false;
    if (target != live) {
      IndexGeneration dropped = target;
      target = live;
      dropped.close();
      delete(dropped.path());
    }
    long next = generations().stream().mapToLong(SearchIndex::number).max().orElse(0) + 1;
    target = new IndexGeneration(folder.resolve("lucene-" + next), true, Analysis.analyzer(), searcherFactory());
  }

  /** Whether a rebuild is filling an index beside the one in use. */
  boolean rebuilding() {
    return target != live;
  }

  /**
   * Ends a rebuild: commits the new index with {@code data}, makes it the one in use (searches
   * answer from it at once) and deletes the old one.
   */
  synchronized void finishRebuild(Map<String, String> data) throws IOException {
    if (target == live) {
      return;
    }
    IndexGeneration built = target;
    built.writer().setLiveCommitData(data.entrySet());
    built.writer().commit();
    built.searchers().maybeRefreshBlocking();
    PrivateFiles.write(folder.resolve(CURRENT), built.path().getFileName().toString().getBytes(StandardCharsets.UTF_8));
    IndexGeneration old = live;
    live = built;
    view = null;
    try {
      old.close();
    } finally {
      delete(old.path());
    }
    log.info("Search index: the rebuilt index ({} documents) is in use", size());
  }

  /**
   * Opens the writer again when a failure closed it (a full disk, an interrupted write): the
   * index as last committed is kept, and what was lost after it is indexed again by the catch-up.
   */
  synchronized boolean reopenIfBroken() throws IOException {
    if (healthy()) {
      return false;
    }
    target.reopen(Analysis.analyzer());
    return true;
  }

  /** Whether the writer is open and no failure closed it. */
  boolean healthy() {
    return target.healthy();
  }

  /** Whether the index had to be made at this start (nothing was there: it must be built from the register). */
  boolean created() {
    return created;
  }

  /** Whether a rebuild was under way when the server last stopped (it must be begun again). */
  boolean interruptedRebuild() {
    return interrupted;
  }

  /** Scratch space for the entries of archives being read. */
  Path scratch() {
    return folder.resolve("scratch");
  }

  void put(IndexEntry entry) throws IOException {
    target.writer().updateDocument(new Term(IndexEntry.ID, key(entry.number())), entry.toDocument());
  }

  void delete(String number) throws IOException {
    target.writer().deleteDocuments(new Term(IndexEntry.ID, key(number)));
  }

  private static final java.util.Set<String> SUMMARY = java.util.Set.of("problem", "languages");

  /** What a contribution's entry was last made from, and what its files' text said of itself. */
  record Indexed(String stamp, String problem, String languages) {}

  /** The small fields of a contribution's entry (stamp, problem, languages), as last indexed. */
  Optional<Indexed> stored(String number) throws IOException {
    SearcherManager manager = target.searchers();
    IndexSearcher searcher = manager.acquire();
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(IndexEntry.ID, key(number))), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      int doc = top.scoreDocs[0].doc;
      Document fields = searcher.storedFields().document(doc, SUMMARY);
      var leaf = searcher.getIndexReader().leaves().get(ReaderUtil.subIndex(doc, searcher.getIndexReader().leaves()));
      BinaryDocValues stamps = leaf.reader().getBinaryDocValues(IndexEntry.STAMP);
      String stamp = stamps != null && stamps.advanceExact(doc - leaf.docBase) ? stamps.binaryValue().utf8ToString() : null;
      return Optional.of(new Indexed(stamp, fields.get("problem"), fields.get("languages")));
    } finally {
      manager.release(searcher);
    }
  }

  /** Rewrites the state, date and stamp of a contribution's entry in place: its text is not analysed again. */
  void restate(String number, String state, long date, String stamp) throws IOException {
    target.writer().updateDocValues(new Term(IndexEntry.ID, key(number)), IndexEntry.restated(state, date, stamp));
  }

  /** The text of a contribution's entry, as last indexed ("" when none, null when it cannot be read back). */
  String body(String number) {
    try {
      SearcherManager manager = target.searchers();
      IndexSearcher searcher = manager.acquire();
      try {
        TopDocs top = searcher.search(new TermQuery(new Term(IndexEntry.ID, key(number))), 1);
        if (top.scoreDocs.length == 0) {
          return "";
        }
        int doc = top.scoreDocs[0].doc;
        var leaf = searcher.getIndexReader().leaves().get(ReaderUtil.subIndex(doc, searcher.getIndexReader().leaves()));
        BinaryDocValues texts = leaf.reader().getBinaryDocValues(IndexEntry.TEXT);
        if (texts == null || !texts.advanceExact(doc - leaf.docBase)) {
          return "";
        }
        try {
          return KeptText.text(texts.binaryValue());
        } catch (IllegalStateException unreadable) {
          log.warn("Search index: the kept text of {} cannot be read back ({}); its files are read again", number,
              unreadable.getMessage());
          return null;
        }
      } finally {
        manager.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes what was written visible to the indexer's look-ups and, unless a rebuild is under way, to searches. */
  void refresh() throws IOException {
    target.searchers().maybeRefreshBlocking();
  }

  void commit(Map<String, String> data) throws IOException {
    target.writer().setLiveCommitData(data.entrySet());
    target.writer().commit();
  }

  /** What the last commit recorded. */
  Map<String, String> committed() throws IOException {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> committed = target.writer().getLiveCommitData();
    if (committed != null) {
      committed.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    return data;
  }

  /** Documents in the index searches read. */
  int size() {
    try {
      return live.writer().getDocStats().numDocs;
    } catch (AlreadyClosedException swapped) {
      return live.writer().getDocStats().numDocs;
    }
  }

  /** Documents written so far into the index a rebuild fills (0 when none is under way). */
  int rebuilt() {
    IndexGeneration building = target;
    return building == live ? 0 : building.writer().getDocStats().numDocs;
  }

  /** Runs {@code work} on a current searcher and its facet state. */
  <T> T read(java.util.function.Function<View, T> work) {
    try {
      SearcherManager manager = live.searchers();
      IndexSearcher searcher;
      try {
        searcher = manager.acquire();
      } catch (AlreadyClosedException swapped) {
        // A rebuild's index took this one's place between the two lines above.
        manager = live.searchers();
        searcher = manager.acquire();
      }
      try {
        return work.apply(view(searcher));
      } finally {
        manager.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private View view(IndexSearcher searcher) throws IOException {
    View current = view;
    if (current != null && current.searcher().getIndexReader() == searcher.getIndexReader()) {
      return current;
    }
    IndexReader reader = searcher.getIndexReader();
    SortedSetDocValuesReaderState facets = hasFacets(reader)
        ? new DefaultSortedSetDocValuesReaderState(reader, IndexEntry.FACETS) : null;
    View made = new View(searcher, facets, new TermLookups(searcher));
    view = made;
    return made;
  }

  private static boolean hasFacets(IndexReader reader) {
    return reader.leaves().stream().anyMatch(leaf -> leaf.reader().getFieldInfos().fieldInfo("$facets") != null);
  }

  private static String key(String number) {
    return number.toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public synchronized void destroy() throws IOException {
    try {
      if (target != live) {
        // Left beside the index in use: the next start removes it and rebuilds again.
        target.close();
      }
    } finally {
      live.close();
    }
  }
}
