package org.plenary.contribution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.plenary.store.DocumentStore;
import org.springframework.stereotype.Component;

/**
 * The files of the published folders over HTTP, {@code /t/fg/<group>/docs/<code>/<in|out>/<name>},
 * sent by {@link FileSender}. A published file never changes, so files of at most
 * {@link FileSender#SMALL} bytes are sent from memory: up to {@link #HELD_BYTES} of them together,
 * each dropped after {@link DocumentFolders#IDLE} unasked; the header values of every file asked
 * for (ETag, Last-Modified, type, disposition) are kept with them.
 *
 * <p>{@link #forAnyone} answers the web layer's fast path (a filter ahead of the sessions and
 * Spring Security): a download by someone who has not signed in needs nothing of the request but
 * its path, once that path is plain, so it is answered without the rest of the filter chain when
 * the file is one that anyone may read. Every other answer (unknown, private, withdrawn, a refusal
 * in the reader's language) is left to the ordinary way through {@link FolderController}.
 */
@Component
public class PublishedFiles {

  /** The request mapping's pattern of these files (also the metrics' {@code uri} tag). */
  public static final String PATTERN = "/t/fg/{slug}/docs/{code}/{folder:in|out}/{name}";
  /** How many bytes of small files are held in memory together. */
  static final long HELD_BYTES = 16L * 1024 * 1024;
  /** What a file's header values are counted as in {@link #HELD_BYTES}, beside its bytes when it is held. */
  private static final int PREPARED_WEIGHT = 512;

  private final DocumentFolders folders;
  private final DocumentStore store;
  /** Keyed by the entry itself: the same object while the register does not change, a new one (a new key) when it does. */
  private final Cache<FolderEntry, FileSender.Prepared> held = Caffeine.newBuilder().maximumWeight(HELD_BYTES)
      .weigher((FolderEntry key, FileSender.Prepared prepared) -> PREPARED_WEIGHT
          + (prepared.bytes() == null ? 0 : prepared.bytes().length))
      .expireAfterAccess(DocumentFolders.IDLE).build();

  PublishedFiles(DocumentFolders folders, DocumentStore store) {
    this.folders = folders;
    this.store = store;
  }

  /**
   * The file a GET or HEAD without a query asks for, when its path is a published file's made only
   * of letters, digits, {@code .}, {@code _} and {@code -} (so nothing to decode, nothing a firewall
   * refuses) and anyone may read it; empty for anything else.
   */
  public Optional<FolderEntry> forAnyone(HttpServletRequest request) {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method) || request.getQueryString() != null) {
      return Optional.empty();
    }
    String[] parts = plainParts(request.getRequestURI(), request.getContextPath());
    return parts == null ? Optional.empty() : folders.publicFile(parts[0], parts[2], parts[3], parts[4]);
  }

  /**
   * The five segments after {@code <context>/t/fg/} (group, {@code docs}, code, folder, name) of a
   * published file's path, or null when the path is not one or has a segment that is not plain.
   */
  static String[] plainParts(String uri, String context) {
    String prefix = context + "/t/fg/";
    if (!uri.startsWith(prefix)) {
      return null;
    }
    String[] parts = new String[5];
    int from = prefix.length();
    for (int i = 0; i < parts.length; i++) {
      int end = i < parts.length - 1 ? uri.indexOf('/', from) : uri.length();
      if (end < 0 || !plain(uri, from, end)) {
        return null;
      }
      parts[i] = uri.substring(from, end);
      from = end + 1;
    }
    boolean published = "docs".equals(parts[1]) && ("in".equals(parts[3]) || "out".equals(parts[3]));
    return published && !DocumentFileMapping.MANIFEST.equals(parts[4]) ? parts : null;
  }

  /** Whether {@code uri[from, end)} is a non-empty segment of letters, digits, '.', '_', '-' not starting with '.'. */
  private static boolean plain(String uri, int from, int end) {
    if (end <= from || uri.charAt(from) == '.') {
      return false;
    }
    for (int i = from; i < end; i++) {
      if (!FileSender.plain(uri.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sends a published file to {@code reader}, a small one from memory; its header values are worked
   * out once ({@link FileSender.Prepared}). A larger one on the file system is opened before anything
   * is said and read through what was opened (by sendfile from that descriptor, a short range, several
   * ranges, a connector without sendfile), so that a withdrawal (which moves the file to the history) during the answer cuts
   * nothing: several ranges opened the path again for each part. Throws {@link FileSender.Gone} when
   * the file left its path between the look-up and the opening: nothing was said, the caller answers.
   */
  public void send(FolderEntry file, Reader reader, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    FileSender.Prepared prepared;
    try {
      prepared = held.get(file, entry -> FileSender.Prepared.of(entry, entry.size() <= FileSender.SMALL ? read(entry) : null));
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        throw new FileSender.Gone(file.storePath());
      }
      throw e.getCause();
    }
    Path local = prepared.bytes() == null ? store.local(file.storePath()).orElse(null) : null;
    if (local == null) {
      FileSender.send(request, response, new FileSender.Source(store, file.storePath(), prepared), file, reader);
      return;
    }
    FileChannel opened;
    try {
      opened = FileChannel.open(local, StandardOpenOption.READ);
    } catch (NoSuchFileException gone) {
      throw new FileSender.Gone(file.storePath());
    }
    try (opened) {
      FileSender.send(request, response, new FileSender.Source(store, file.storePath(), prepared, null, opened, false),
          file, reader);
    }
  }

  private byte[] read(FolderEntry file) {
    try (InputStream in = store.open(file.storePath(), 0, file.size())) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length != file.size()) {
        throw new IOException(file.storePath() + " holds " + bytes.length + " bytes, the register says " + file.size());
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
