package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.plenary.store.DocumentStore;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.plenary.shared.SocketSendfile;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Sends a stored file over HTTP as a careful file server does: ETag and Last-Modified with
 * conditional requests (304, and 412 for an If-Match that fails; see {@link Preconditions}), byte ranges (206, multipart for several, 416 when none fits,
 * If-Range), an RFC 6266 Content-Disposition, and Tomcat's sendfile for whole files and single
 * ranges longer than {@link #SMALL} so that large files never pass through the heap; shorter ones
 * are copied into the response, from memory when the caller holds their bytes ({@link PublishedFiles}).
 */
final class FileSender {

  /** More ranges than this, or overlapping ones, are answered with the whole file (as Apache httpd does). */
  static final int MAX_RANGES = 16;

  /** The Content-Security-Policy of every document sent: an opaque origin that loads, runs and frames nothing. */
  static final String DOCUMENT_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

  /** Up to this many bytes are copied into the response rather than sent with sendfile (cheaper for so few). */
  static final int SMALL = 48 * 1024;

  private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("doc", "application/msword"),
      Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("ppt", "application/vnd.ms-powerpoint"),
      Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
      Map.entry("xls", "application/vnd.ms-excel"),
      Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      Map.entry("zip", "application/zip"),
      Map.entry("json", "application/json"),
      Map.entry("txt", "text/plain;charset=UTF-8"),
      Map.entry("rtf", "application/rtf"),
      Map.entry("odt", "application/vnd.oasis.opendocument.text"));

  private FileSender() {}

  static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    return TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
  }

  /**
   * The file of a version is no longer at its store path (a replacement moved it to the history, a
   * publication to its meeting's folder) and nothing of the answer was sent yet: the caller looks the
   * file up again ({@link #forget} the headers first) or answers that it is not there.
   */
  static final class Gone extends IOException {

    Gone(String path) {
      super(path + " is no longer at its store path");
    }
  }

  /**
   * As {@link #send(HttpServletRequest, HttpServletResponse, Source, FolderEntry, Reader)}, for a
   * file that may leave its store path while it is read (a version waiting in {@code incoming/}): the
   * answer carries this version's bytes or nothing, never another's, never a part. On the file system
   * the file is opened before anything is said and read through that descriptor (not by sendfile,
   * which opens the path again once the answer is on its way); from a remote store each ranged read is
   * opened before any byte of the body goes. Throws {@link Gone} when the file is not there.
   */
  static void sendMoving(HttpServletRequest request, HttpServletResponse response, DocumentStore store,
      FolderEntry entry, Reader reader) throws IOException {
    Path local = store.local(entry.storePath()).orElse(null);
    if (local == null) {
      send(request, response, new Source(store, entry.storePath(), null, null, null, true), entry, reader);
      return;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(local, StandardOpenOption.READ);
    } catch (NoSuchFileException gone) {
      throw new Gone(entry.storePath());
    }
    try (channel) {
      send(request, response, new Source(store, entry.storePath(), null, null, channel, true), entry, reader);
    }
  }

  /** Takes back what an answer interrupted by {@link Gone} had said, before it is answered again. */
  static void forget(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_OK);
    for (String header : List.of(HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_DISPOSITION,
        HttpHeaders.CACHE_CONTROL, HttpHeaders.ACCEPT_RANGES, HttpHeaders.CONTENT_RANGE)) {
      response.setHeader(header, null);
    }
    response.setContentType(null);
    response.setContentLengthLong(-1);
  }

  /**
   * Sends a document of the store, {@code file}, with ETag, conditional requests and ranges: with
   * sendfile when the store is local, otherwise streamed from the store (ranged reads of an S3
   * object); a file sent because of who reads it (signed in: perhaps a private meeting's) is never
   * kept by a shared cache.
   */
  static void send(HttpServletRequest request, HttpServletResponse response, Source file, FolderEntry entry,
      Reader reader) throws IOException {
    Prepared prepared = file.held() != null ? file.held() : Prepared.of(entry, null);
    String etag = prepared.etag();
    response.setHeader(HttpHeaders.CACHE_CONTROL, reader.cacheControl());
    if (unconditional(request)) {
      // What checkNotModified writes for a request without conditions, without its parsing and
      // date formatting at every request.
      if (prepared.lastModified() != null) {
        response.setHeader(HttpHeaders.LAST_MODIFIED, prepared.lastModified());
      }
      response.setHeader(HttpHeaders.ETAG, etag);
    } else if (Preconditions.answered(request, response, etag)
        || new ServletWebRequest(request, response).checkNotModified(etag, entry.modified().toEpochMilli())) {
      return;
    }
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, prepared.disposition());
    // A document is saved, never shown; were a browser to show one anyway (an old one, a viewer that ignores
    // the disposition), it runs in a sandbox of its own, loading and running nothing: not the pages' policy.
    response.setHeader("Content-Security-Policy", DOCUMENT_POLICY);
    body(request, response, file, etag, entry.size(), prepared.type());
  }

  /**
   * A rendering of this node (a folder's listing), held as {@code bytes} or in {@code file}, once its
   * headers and conditions are dealt with: ranges and sendfile as for a document, and no
   * Content-Disposition, since it is shown rather than saved.
   */
  static void sendRendering(HttpServletRequest request, HttpServletResponse response, Path file, byte[] bytes,
      long length, String etag, String type) throws IOException {
    var held = bytes == null ? null : new Prepared(bytes, etag, null, type, null);
    body(request, response, new Source(null, null, held, file, null, false), etag, length, type);
  }

  /** The body, its ranges (206, multipart, 416) or the whole of it, with sendfile past {@link #SMALL}. */
  private static void body(HttpServletRequest request, HttpServletResponse response, Source file, String etag,
      long length, String type) throws IOException {
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    boolean head = "HEAD".equals(request.getMethod());
    List<HttpRange> ranges = ranges(request, etag, length);
    if (ranges == null) {
      response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
      response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
      return;
    }
    if (ranges.isEmpty()) {
      response.setContentType(type);
      response.setContentLengthLong(length);
      if (!head) {
        transfer(request, response, file, 0, length);
      }
      return;
    }
    response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
    if (ranges.size() == 1) {
      long start = ranges.get(0).getRangeStart(length);
      long end = ranges.get(0).getRangeEnd(length);
      response.setContentType(type);
      response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length);
      response.setContentLengthLong(end - start + 1);
      if (!head) {
        transfer(request, response, file, start, end + 1);
      }
      return;
    }
    multipart(response, file, ranges, length, type, head);
  }

  /**
   * The RFC 6266 Content-Disposition of a download named {@code name}: written out for a name of
   * letters, digits, '.', '_' and '-' (every document number's file), as Spring's builder writes it
   * (which costs a twentieth of a small download), else built by it.
   */
  static String attachment(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (!plain(name.charAt(i))) {
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
      }
    }
    return "attachment; filename=\"" + name + "\"; filename*=UTF-8''" + name;
  }

  /** Whether {@code c} is a letter or digit of ASCII, '.', '_' or '-': nothing to quote, encode or decode. */
  static boolean plain(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
  }

  /** No ranges (send everything), the ranges to send, or null when none can be satisfied (416). */
  private static List<HttpRange> ranges(HttpServletRequest request, String etag, long length) {
    String header = Preconditions.range(request, etag);
    if (header == null) {
      return List.of();
    }
    List<HttpRange> parsed;
    try {
      parsed = HttpRange.parseRanges(header);
    } catch (IllegalArgumentException malformedOrTooMany) {
      return List.of();
    }
    if (parsed.size() > MAX_RANGES) {
      return List.of();
    }
    var satisfiable = new ArrayList<HttpRange>();
    for (HttpRange range : parsed) {
      try {
        range.getRangeStart(length);
        range.getRangeEnd(length);
        if (length > 0 && range.getRangeStart(length) < length) {
          satisfiable.add(range);
        }
      } catch (IllegalArgumentException outside) {
        // Not satisfiable; skipped, as RFC 9110 says.
      }
    }
    if (satisfiable.isEmpty()) {
      return null;
    }
    var sorted = new ArrayList<>(satisfiable);
    sorted.sort(Comparator.comparingLong(r -> r.getRangeStart(length)));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).getRangeStart(length) <= sorted.get(i - 1).getRangeEnd(length)) {
        return List.of();
      }
    }
    return satisfiable;
  }

  /**
   * A document of the store, read through its local file when there is one, or from {@code held},
   * its whole content and header values when the caller has them in memory (null otherwise); or a
   * file of this node ({@code file}: a rendered listing); or through {@code opened}, the document's
   * file opened by the caller before anything was said. A file that may leave its path while it is
   * read (a version waiting in {@code incoming/}, {@link #sendMoving}; a published one, which a withdrawal
   * moves to the history) is read through {@code opened}, never through the path again: by sendfile from
   * that descriptor ({@link SocketSendfile}), never Tomcat's, which opens the path once the servlet has
   * returned, and every copy (a short range, several ranges, TLS, HTTP/2) through it as well.
   */
  record Source(DocumentStore store, String path, Prepared held, Path file, FileChannel opened, boolean moving) {

    Source(DocumentStore store, String path, Prepared held) {
      this(store, path, held, null, null, false);
    }

    /** The local file to send with sendfile, or null (held in memory, moving, or in a store without local files). */
    Path local() {
      if (file != null) {
        return file;
      }
      return held != null && held.bytes() != null || opened != null && moving ? null : store.local(path).orElse(null);
    }

    /** Whether the bytes come from a remote store's ranged reads. */
    boolean remote() {
      return local() == null && opened == null && (held == null || held.bytes() == null);
    }
  }

  /**
   * What every answer of one file carries, worked out once: its bytes (when held in memory, else
   * null), ETag, Last-Modified (as Tomcat's {@code setDateHeader} writes it; null for a file without
   * a time), Content-Type and Content-Disposition.
   */
  record Prepared(byte[] bytes, String etag, String lastModified, String type, String disposition) {

    static Prepared of(FolderEntry entry, byte[] bytes) {
      Instant modified = entry.modified();
      String lastModified = modified == null || modified.toEpochMilli() <= 0 ? null : HTTP_DATE.format(modified);
      return new Prepared(bytes, "\"" + entry.sha256() + "\"", lastModified, contentType(entry.name()),
          attachment(entry.name()));
    }
  }

  /** An HTTP date (RFC 9110, IMF-fixdate), as Tomcat's {@code FastHttpDateFormat} writes it. */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  /** Whether the request has none of the conditions of RFC 9110 section 13 (If-Range aside, read with the ranges). */
  private static boolean unconditional(HttpServletRequest request) {
    return request.getHeader(HttpHeaders.IF_NONE_MATCH) == null && request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) == null
        && request.getHeader(HttpHeaders.IF_MATCH) == null && request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) == null;
  }

  private static void transfer(HttpServletRequest request, HttpServletResponse response, Source source, long start,
      long end) throws IOException {
    boolean sendfile = Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT)) && end - start > SMALL;
    if (sendfile && source.opened() != null) {
      // The document's file is open: sendfile from that descriptor, here, before the servlet returns. Tomcat's
      // sendfile opens the path again afterwards, and a withdrawal in between (the file moved to the history)
      // cut the answer after its headers.
      var direct = SocketSendfile.of(request);
      if (direct.isPresent()) {
        response.flushBuffer();
        try (SocketSendfile socket = direct.get()) {
          socket.send(source.opened(), start, end);
        }
        return;
      }
    }
    Path file = source.opened() != null ? null : source.local();
    if (file != null && sendfile) {
      request.setAttribute("org.apache.tomcat.sendfile.filename", file.toAbsolutePath().toString());
      request.setAttribute("org.apache.tomcat.sendfile.start", start);
      request.setAttribute("org.apache.tomcat.sendfile.end", end);
      return;
    }
    if (source.remote()) {
      // Opened before the body starts: a file gone from its path is told while the answer can still change.
      try (InputStream in = openRemote(response, source, start, end); OutputStream out = response.getOutputStream()) {
        in.transferTo(out);
      }
      return;
    }
    try (OutputStream out = response.getOutputStream()) {
      copy(source, start, end, out);
    }
  }

  /** A ranged read of a remote store's file; {@link Gone} when it is not there and nothing was sent yet. */
  private static InputStream openRemote(HttpServletResponse response, Source source, long start, long end)
      throws IOException {
    try {
      return source.store().open(source.path(), start, end);
    } catch (NoSuchFileException gone) {
      if (response.isCommitted()) {
        throw gone;
      }
      throw new Gone(source.path());
    }
  }

  private static void multipart(HttpServletResponse response, Source file, List<HttpRange> ranges, long length,
      String type, boolean head) throws IOException {
    String boundary = UUID.randomUUID().toString().replace("-", "");
    var parts = new ArrayList<byte[]>();
    long total = 0;
    for (HttpRange range : ranges) {
      long start = range.getRangeStart(length);
      long end = range.getRangeEnd(length);
      byte[] header = ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes " + start + "-" + end
          + "/" + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      parts.add(header);
      total += header.length + (end - start + 1);
    }
    byte[] closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    response.setContentType("multipart/byteranges; boundary=" + boundary);
    response.setContentLengthLong(total + closing.length);
    if (head) {
      return;
    }
    // From a remote store every range is opened before the first byte goes: a file that leaves its path
    // meanwhile is then told whole (Gone) or read whole, never cut between two parts.
    var remote = new ArrayList<InputStream>();
    try {
      if (file.remote()) {
        for (HttpRange range : ranges) {
          remote.add(openRemote(response, file, range.getRangeStart(length), range.getRangeEnd(length) + 1));
        }
      }
      try (OutputStream out = response.getOutputStream()) {
        for (int i = 0; i < ranges.size(); i++) {
          out.write(parts.get(i));
          if (file.remote()) {
            remote.get(i).transferTo(out);
          } else {
            copy(file, ranges.get(i).getRangeStart(length), ranges.get(i).getRangeEnd(length) + 1, out);
          }
        }
        out.write(closing);
      }
    } finally {
      for (InputStream in : remote) {
        in.close();
      }
    }
  }

  private static void copy(Source source, long start, long end, OutputStream out) throws IOException {
    if (source.held() != null && source.held().bytes() != null) {
      out.write(source.held().bytes(), (int) start, (int) (end - start));
      return;
    }
    if (source.opened() != null) {
      copy(source.opened(), start, end, out);
      return;
    }
    Path file = source.local();
    if (file == null) {
      try (InputStream in = source.store().open(source.path(), start, end)) {
        in.transferTo(out);
      }
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      copy(channel, start, end, out);
    }
  }

  private static void copy(FileChannel channel, long start, long end, OutputStream out) throws IOException {
    var target = Channels.newChannel(out);
    long position = start;
    while (position < end) {
      long sent = channel.transferTo(position, end - position, target);
      if (sent <= 0 && position >= channel.size()) {
        throw new java.io.EOFException("The file ends at " + channel.size() + " bytes, before " + end);
      }
      position += sent;
    }
  }
}
