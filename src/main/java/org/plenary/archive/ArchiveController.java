package org.plenary.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.plenary.shared.PageController;
import org.plenary.shared.SocketSendfile;
import java.nio.file.Path;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.plenary.shared.UnknownException;
import org.plenary.contribution.Preconditions;
import org.plenary.contribution.Reader;
import org.plenary.shared.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * A published folder in one download, {@code /t/fg/cloud/docs/1006-gva/in.zip} (and {@code out.zip},
 * {@code ?since=} a time), with Content-Length, ETag (the manifest's SHA-256), Last-Modified and one
 * byte range (206, 416, If-Range) so an interrupted download resumes; older manifests at
 * {@code MANIFEST.json?version=N}; the public key at {@code /.well-known/plenary-manifest-key}.
 */
@PageController
class ArchiveController {

  /** The times a {@code since} may name: the years 1 to 9999. */
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

  /** Members (or the parts of them a range asks for) this long or longer go out by sendfile when they can. */
  static final long SENDFILE_FROM = 64 << 10;

  private final FolderArchives archives;
  private final ManifestKey key;
  /** The member bytes sent with sendfile ({@code plenary.archive.sendfile.bytes}). */
  private final Counter sendfileBytes;

  ArchiveController(FolderArchives archives, ManifestKey key, MeterRegistry registry) {
    this.archives = archives;
    this.key = key;
    this.sendfileBytes = Counter.builder("plenary.archive.sendfile.bytes").baseUnit("bytes")
        .description("Bytes of ZIP members sent from the files to the socket with sendfile").register(registry);
  }

  @GetMapping("/t/fg/{slug}/docs/{code}/{kind:in|out}.zip")
  void zip(@PathVariable String slug, @PathVariable String code, @PathVariable String kind,
      @RequestParam(required = false) String since, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Reader reader = Reader.current();
    FolderArchives.Download download = archives.zip(slug, code, kind, instant(since), reader);
    response.setHeader(HttpHeaders.CACHE_CONTROL, reader.cacheControl());
    if (Preconditions.answered(request, response, download.etag())
        || new ServletWebRequest(request, response).checkNotModified(download.etag(),
            download.modified().toEpochMilli())) {
      return;
    }
    long length = download.zip().length();
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(download.fileName(), StandardCharsets.UTF_8).build().toString());
    response.setContentType("application/zip");
    long start = 0;
    long end = length;
    HttpRange range = range(request, download.etag());
    if (range != null) {
      try {
        start = range.getRangeStart(length);
        end = range.getRangeEnd(length) + 1;
      } catch (IllegalArgumentException outside) {
        response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
        response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
        return;
      }
      if (start >= length) {
        response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
        response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
        return;
      }
      response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
      response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + (end - 1) + "/" + length);
    }
    response.setContentLengthLong(end - start);
    if ("HEAD".equals(request.getMethod())) {
      return;
    }
    // Large writes: the container's buffer (8 KiB by default) would cut the body into small socket writes.
    response.setBufferSize(1 << 20);
    // Commit through the filters' wrappers (they add their headers then), then write to the container's
    // own stream, which takes direct buffers as they are (the wrappers copy each into a new array).
    response.flushBuffer();
    jakarta.servlet.ServletResponse raw = response;
    while (raw instanceof jakarta.servlet.ServletResponseWrapper wrapper) {
      raw = wrapper.getResponse();
    }
    var out = raw.getOutputStream();
    // File contents go from the page cache to the socket: with sendfile on a plain HTTP/1.1 connection
    // (the stream flushed before each member, so the bytes stay in order), else as buffers mapped from
    // the files written to the container's stream.
    Optional<SocketSendfile> socket = SocketSendfile.of(request);
    try (SocketSendfile direct = socket.orElse(null)) {
      download.zip().write(start, end, out, direct == null ? (file, from, to) -> mapped(file, from, to, out)
          : (file, from, to) -> {
            if (to - from < SENDFILE_FROM) {
              mapped(file, from, to, out);
            } else {
              out.flush();
              direct.send(file, from, to);
              sendfileBytes.increment(to - from);
            }
          });
    }
  }

  /** Writes bytes of a file to the servlet's stream as buffers mapped from the file. */
  private static void mapped(Path file, long from, long to, ServletOutputStream out) throws IOException {
    try {
      FileRegion.send(file, from, to, buffer -> {
        try {
          out.write(buffer);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** One range to send, or null for the whole archive (none asked, several asked, or an If-Range that no longer holds). */
  private static HttpRange range(HttpServletRequest request, String etag) {
    String header = Preconditions.range(request, etag);
    if (header == null) {
      return null;
    }
    try {
      List<HttpRange> ranges = HttpRange.parseRanges(header);
      return ranges.size() == 1 ? ranges.get(0) : null;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  @GetMapping(value = {"/t/fg/{slug}/docs/{code}/in/MANIFEST.json", "/t/fg/{slug}/docs/{code}/out/MANIFEST.json"},
      params = "version")
  ResponseEntity<byte[]> manifestVersion(@PathVariable String slug, @PathVariable String code,
      @RequestParam String version, HttpServletRequest request) {
    String kind = request.getRequestURI().contains("/out/MANIFEST.json") ? "out" : "in";
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw new UnknownException("archive", "archive.error.noVersion", version.replaceAll("[^0-9A-Za-z-]", "?"));
    }
    byte[] bytes = archives.manifest(slug, code, kind, number, Reader.current())
        .orElseThrow(() -> new UnknownException("archive", "archive.error.noVersion", number));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CACHE_CONTROL, Reader.current().cacheControl())
        .eTag("\"" + Digests.sha256Hex(bytes) + "\"").body(bytes);
  }

  @GetMapping(value = "/.well-known/plenary-manifest-key", produces = "application/x-pem-file")
  @ResponseBody
  String publicKey() {
    return key.publicPem();
  }

  /**
   * A reader's {@code since} as a time, null when absent, or a field error: also for a time outside the
   * years 1 to 9999, which the databases cannot compare with and a ZIP's tag cannot count in milliseconds.
   */
  static Instant instant(String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    Instant time;
    try {
      time = Instant.parse(since.strip());
    } catch (DateTimeParseException e) {
      time = null;
    }
    if (time == null || time.isBefore(FIRST) || time.isAfter(LAST)) {
      throw InvalidInputException.of("since", "archive", "archive.error.since");
    }
    return time;
  }
}
