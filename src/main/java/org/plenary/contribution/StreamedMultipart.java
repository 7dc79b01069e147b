package org.plenary.contribution;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.plenary.shared.CodePoints;
import org.plenary.shared.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.support.AbstractMultipartHttpServletRequest;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.util.WebUtils;

/**
 * A {@code multipart/form-data} request body read as it arrives (RFC 7578): its parts one after the
 * other, each body a stream that ends at the next boundary. Nothing goes to a temporary file, so an
 * upload reaches the document store while the client is still sending it (the web server's own
 * parser writes the whole request to disk first, then hands it over). A body that ends before its
 * part's boundary fails the read ({@link MultipartException}): the bytes before it are never taken
 * for a whole file. The boundary is found with Horspool's skip table, a step of about the boundary's
 * length per comparison on a document's bytes.
 */
final class StreamedMultipart {

  /** A part: its form field, the file name sent (null for a plain field), and its body up to the boundary. */
  record Part(String name, String fileName, InputStream body) {}

  private static final int MAX_HEADERS = 16 * 1024;
  /** Fewer bytes than this before a possible delimiter are not handed over before reading on. */
  private static final int MIN_CHUNK = 64 * 1024;

  private final InputStream in;
  private final byte[] delimiter;
  private final int[] skip = new int[256];
  private final byte[] buffer = new byte[256 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean finished;
  private PartBody current;

  private StreamedMultipart(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Arrays.fill(skip, delimiter.length);
    for (int i = 0; i < delimiter.length - 1; i++) {
      skip[delimiter[i] & 0xff] = delimiter.length - 1 - i;
    }
    // The first boundary has no line break before it: one is put there, so every boundary looks alike.
    buffer[0] = '\r';
    buffer[1] = '\n';
    limit = 2;
  }

  /** What receives an uploaded file: its name as sent and its bytes, read to their end. */
  interface Receiver<T> {
    T receive(String fileName, InputStream bytes) throws IOException;
  }

  /**
   * Hands the file of the multipart field {@code field} to {@code receiver} as it arrives. A request the
   * framework has already parsed (a test's mock request, or lazy resolution turned off) is read from its
   * parsed file instead. Without that field, or with a plain field of that name, the request is refused
   * as the framework refuses a missing part (400).
   */
  static <T> T receive(HttpServletRequest request, String field, Receiver<T> receiver)
      throws IOException, ServletException {
    var parsed = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
    if (parsed != null && !(parsed instanceof AbstractMultipartHttpServletRequest lazy && !lazy.isResolved())) {
      for (var sent : parsed.getMultiFileMap().entrySet()) {
        if (!sent.getKey().equals(field)) {
          throw refused(sent.getKey(), field);
        }
        if (sent.getValue().size() > 1) {
          throw twice(field);
        }
      }
      MultipartFile file = parsed.getFile(field);
      if (file == null) {
        throw new MissingServletRequestPartException(field);
      }
      try (InputStream bytes = file.getInputStream()) {
        return receiver.receive(file.getOriginalFilename(), bytes);
      }
    }
    StreamedMultipart body = of(request.getInputStream(), request.getContentType());
    for (Part part; (part = body.next()) != null; ) {
      if (!field.equals(part.name())) {
        throw refused(part.name(), field);
      }
      if (part.fileName() != null) {
        return receiver.receive(part.fileName(), new LastPart(part.body(), body, field));
      }
    }
    throw new MissingServletRequestPartException(field);
  }

  /**
   * A part the request does not take, refused naming it as an unknown JSON property is: it was skipped, and a client
   * that misspelt a field it meant to send ({@code replace}) believed it sent.
   */
  private static InvalidInputException refused(String name, String field) {
    String named = name == null ? "" : CodePoints.first(name, 100);
    return InvalidInputException.of(named, "contribution", "contribution.upload.unknownPart", named, field);
  }

  private static InvalidInputException twice(String field) {
    return InvalidInputException.of(field, "contribution", "contribution.upload.partTwice", field);
  }

  /**
   * The file's part, read through to the body's end before its own end is told: a part after it (the file again, or
   * one the request does not take) fails the read, so the upload is refused and nothing is stored, as when the body
   * is cut short.
   */
  private static final class LastPart extends java.io.FilterInputStream {
    private final StreamedMultipart body;
    private final String field;
    private boolean checked;

    LastPart(InputStream file, StreamedMultipart body, String field) {
      super(file);
      this.body = body;
      this.field = field;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      return b < 0 ? end() : b;
    }

    @Override
    public int read(byte[] to, int off, int len) throws IOException {
      int n = super.read(to, off, len);
      return n < 0 ? end() : n;
    }

    private int end() throws IOException {
      if (!checked) {
        checked = true;
        Part after = body.next();
        if (after != null) {
          throw field.equals(after.name()) ? twice(field) : refused(after.name(), field);
        }
      }
      return -1;
    }
  }

  /** The parts of a body whose {@code Content-Type} is {@code contentType}; refuses one without a boundary. */
  static StreamedMultipart of(InputStream in, String contentType) {
    String boundary = parameter(contentType, "boundary");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        || boundary == null || boundary.isEmpty() || boundary.length() > 200) {
      throw new MultipartException("not a multipart/form-data body with a boundary");
    }
    return new StreamedMultipart(in, boundary);
  }

  /** The next part (the previous one's unread bytes skipped), or null after the closing boundary. */
  Part next() throws IOException {
    if (current != null) {
      current.transferTo(OutputStream.nullOutputStream());
    } else if (!finished) {
      skipPreamble();
    }
    current = null;
    if (finished) {
      return null;
    }
    String disposition = null;
    for (String line; !(line = headerLine()).isEmpty(); ) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(HttpHeaders.CONTENT_DISPOSITION)) {
        disposition = line.substring(colon + 1);
      }
    }
    current = new PartBody();
    return new Part(parameter(disposition, "name"), parameter(disposition, "filename"), current);
  }

  private void skipPreamble() throws IOException {
    new PartBody().transferTo(OutputStream.nullOutputStream());
  }

  /** After a delimiter: "--" closes the body, otherwise the rest of the line (transport padding) is skipped. */
  private void afterDelimiter() throws IOException {
    pos += delimiter.length;
    if (!fill(2)) {
      throw ended();
    }
    if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
      finished = true;
      return;
    }
    headerLine();
  }

  private String headerLine() throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = pos + scanned; i + 1 < limit; i++) {
        if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
          String line = new String(buffer, pos, i - pos, StandardCharsets.UTF_8);
          pos = i + 2;
          return line;
        }
      }
      scanned = Math.max(0, limit - pos - 1);
      if (limit - pos >= MAX_HEADERS) {
        throw new MultipartException("a part's headers are too long");
      }
      if (!fill(limit - pos + 1)) {
        throw ended();
      }
    }
  }

  /** Makes at least {@code wanted} bytes available from {@code pos}; false when the body ends first. */
  private boolean fill(int wanted) throws IOException {
    if (limit - pos >= wanted) {
      return true;
    }
    if (pos > 0 && buffer.length - pos < wanted + 8192) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit - pos < wanted && !eof) {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        eof = true;
      } else {
        limit += read;
      }
    }
    return limit - pos >= wanted;
  }

  /** Where the delimiter starts in the buffer from {@code from}, or -1 when it is not (wholly) there. */
  private int find(int from) {
    int m = delimiter.length;
    byte last = delimiter[m - 1];
    for (int j = from; j <= limit - m; ) {
      byte b = buffer[j + m - 1];
      if (b == last && Arrays.equals(buffer, j, j + m - 1, delimiter, 0, m - 1)) {
        return j;
      }
      j += skip[b & 0xff];
    }
    return -1;
  }

  private static MultipartException ended() {
    return new MultipartException("the request body ended before its closing boundary");
  }

  /** One part's body: the bytes up to the next delimiter, which it consumes when it meets it. */
  private final class PartBody extends InputStream {
    private int safeEnd = -1;
    private int delimiterAt = -1;
    private boolean done;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] to, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      while (pos >= safeEnd && delimiterAt < 0) {
        locate();
      }
      if (pos == delimiterAt) {
        done = true;
        afterDelimiter();
        return -1;
      }
      int end = delimiterAt >= 0 ? delimiterAt : safeEnd;
      int n = Math.min(len, end - pos);
      System.arraycopy(buffer, pos, to, off, n);
      pos += n;
      return n;
    }

    /**
     * Finds the next delimiter, or how many bytes from {@code pos} certainly precede it: at least
     * {@link #MIN_CHUNK} unless the body ends first (the last m - 1 bytes may begin one and wait).
     */
    private void locate() throws IOException {
      int m = delimiter.length;
      int clear = 0; // this many positions from pos start no delimiter (relative: reading on may move pos)
      while (true) {
        if (!fill(clear + m)) {
          if (clear == 0) {
            throw ended();
          }
          safeEnd = pos + clear;
          return;
        }
        int at = find(pos + clear);
        if (at >= 0) {
          delimiterAt = at;
          return;
        }
        clear = limit - pos - m + 1;
        if (clear >= MIN_CHUNK || eof) {
          safeEnd = pos + clear;
          return;
        }
      }
    }
  }

  /** A parameter of a header value ({@code boundary=…}, {@code filename="…"}), unquoted; null when absent. */
  static String parameter(String header, String name) {
    if (header == null) {
      return null;
    }
    int i = 0;
    int n = header.length();
    while (i < n) {
      int semi = header.indexOf(';', i);
      if (semi < 0) {
        return null;
      }
      i = semi + 1;
      int eq = header.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String key = header.substring(i, eq).trim();
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < n && header.charAt(i) == '"') {
        for (i++; i < n && header.charAt(i) != '"'; i++) {
          char c = header.charAt(i);
          if (c == '\\' && i + 1 < n) {
            c = header.charAt(++i);
          }
          value.append(c);
        }
        i++;
      } else {
        while (i < n && header.charAt(i) != ';') {
          value.append(header.charAt(i++));
        }
      }
      if (key.equalsIgnoreCase(name)) {
        return value.toString().trim();
      }
    }
    return null;
  }
}
