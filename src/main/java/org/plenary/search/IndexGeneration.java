package org.plenary.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.plenary.shared.PrivateFiles;

/**
 * One Lucene index in a folder of its own, with its writer and its searchers. {@link SearchIndex}
 * has one in use, and a second one beside it while a rebuild fills it.
 */
final class IndexGeneration implements Closeable {

  private final Path path;
  private final Directory directory;
  private final SearcherFactory searchers;
  private volatile IndexWriter writer;
  private volatile SearcherManager manager;

  IndexGeneration(Path path, boolean create, Analyzer analyzer, SearcherFactory searchers) throws IOException {
    this.path = PrivateFiles.createDirectories(path);
    this.directory = FSDirectory.open(path);
    this.searchers = searchers;
    this.writer = new IndexWriter(directory, config(create, analyzer));
    if (create) {
      writer.commit();
    }
    this.manager = new SearcherManager(writer, searchers);
  }

  private static IndexWriterConfig config(boolean create, Analyzer analyzer) {
    return new IndexWriterConfig(analyzer)
        .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64);
  }

  Path path() {
    return path;
  }

  IndexWriter writer() {
    return writer;
  }

  SearcherManager searchers() {
    return manager;
  }

  boolean healthy() {
    return writer.isOpen() && writer.getTragicException() == null;
  }

  /** Opens the writer again on the last commit, after a failure closed it. */
  void reopen(Analyzer analyzer) throws IOException {
    SearcherManager old = manager;
    writer = new IndexWriter(directory, config(false, analyzer));
    manager = new SearcherManager(writer, searchers);
    old.close();
  }

  @Override
  public void close() throws IOException {
    try {
      manager.close();
    } finally {
      try {
        writer.close();
      } finally {
        directory.close();
      }
    }
  }
}
