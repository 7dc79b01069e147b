package org.plenary.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
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
 */
@Component
class SearchIndex implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

  /** A searcher, the facet state and the term lookups of the same reader: made once per refresh, not per search. */
  record View(IndexSearcher searcher, SortedSetDocValuesReaderState facets, TermLookups terms) {}

  private final Path folder;
  private final Directory directory;
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private final boolean created;
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
    try (var left = java.nio.file.Files.list(scratch)) {
      for (Path file : left.toList()) {
        java.nio.file.Files.deleteIfExists(file);
      }
    }
    Path lucene = PrivateFiles.createDirectories(this.folder.resolve("lucene"));
    this.directory = FSDirectory.open(lucene);
    this.created = reset || !DirectoryReader.indexExists(directory);
    this.writer = new IndexWriter(directory, config(reset));
    if (created) {
      writer.commit();
    }
    this.searchers = new SearcherManager(writer, searcherFactory());
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

  private static IndexWriterConfig config(boolean reset) {
    return new IndexWriterConfig(Analysis.analyzer())
        .setOpenMode(reset ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64);
  }

  /**
   * Opens the writer again when a failure closed it (a full disk, an interrupted write): the
   * index as last committed is kept, and what was lost after it is indexed again by the catch-up.
   */
  synchronized boolean reopenIfBroken() throws IOException {
    if (healthy()) {
      return false;
    }
    SearcherManager old = searchers;
    writer = new IndexWriter(directory, config(false));
    searchers = new SearcherManager(writer, searcherFactory());
    old.close();
    return true;
  }

  /** Whether the writer is open and no failure closed it. */
  boolean healthy() {
    return writer.isOpen() && writer.getTragicException() == null;
  }

  /** Whether the index had to be made at this start (nothing was there: it must be built from the register). */
  boolean created() {
    return created;
  }

  /** Scratch space for the entries of archives being read. */
  Path scratch() {
    return folder.resolve("scratch");
  }

  void put(IndexEntry entry) throws IOException {
    writer.updateDocument(new Term(IndexEntry.ID, key(entry.number())), entry.toDocument());
  }

  void delete(String number) throws IOException {
    writer.deleteDocuments(new Term(IndexEntry.ID, key(number)));
  }

  void deleteAll() throws IOException {
    writer.deleteAll();
  }

  private static final java.util.Set<String> SUMMARY = java.util.Set.of("problem", "languages");

  /** What a contribution's entry was last made from, and what its files' text said of itself. */
  record Indexed(String stamp, String problem, String languages) {}

  /** The small fields of a contribution's entry (stamp, problem, languages), as last indexed. */
  Optional<Indexed> stored(String number) throws IOException {
    SearcherManager manager = searchers;
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
    writer.updateDocValues(new Term(IndexEntry.ID, key(number)), IndexEntry.restated(state, date, stamp));
  }

  /** The text of a contribution's entry, as last indexed ("" when none, null when it cannot be read back). */
  String body(String number) {
    try {
      SearcherManager manager = searchers;
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
          return Deflated.text(texts.binaryValue());
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

  void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  void commit(Map<String, String> data) throws IOException {
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  /** What the last commit recorded. */
  Map<String, String> committed() throws IOException {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    return data;
  }

  int size() {
    return writer.getDocStats().numDocs;
  }

  /** Runs {@code work} on a current searcher and its facet state. */
  <T> T read(java.util.function.Function<View, T> work) {
    try {
      SearcherManager manager = searchers;
      IndexSearcher searcher = manager.acquire();
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
  public void destroy() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }
}
