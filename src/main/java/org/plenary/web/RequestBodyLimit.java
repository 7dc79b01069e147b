package org.plenary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API reads a request body (JSON) of at most {@code plenary.api.max-body-size}; a larger one is
 * refused with 413 and a sentence before a byte of it is parsed. File uploads (multipart) have their
 * own limit ({@code spring.servlet.multipart.max-file-size}). Without this, a stranger's POST of
 * {@code /api/v1/tokens} with a value of 90 MB was read whole into memory (a few at once took the
 * heap to gigabytes), up to the JSON parser's own limit of a string, which no API body comes near.
 */
final class RequestBodyLimit extends OncePerRequestFilter {

  private final long limit;
  private final Problems problems;

  RequestBodyLimit(DataSize limit, Problems problems) {
    this.limit = limit.toBytes();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    if (type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) {
      chain.doFilter(request, response);
      return;
    }
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(request, response);
      return;
    }
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      // A declared length is what the server reads at most: nothing more to count.
      chain.doFilter(request, response);
      return;
    }
    // Chunked, its length unknown ahead: read up to one byte past the limit, and the rest is never read.
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (body.length > limit) {
      refuse(request, response);
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // The rest of the body is not read here: Tomcat swallows up to its max-swallow-size (2 MB), then closes.
    problems.write(request, response, 413, "web.problem.body.tooLarge",
        org.plenary.shared.Numbers.size(limit));
  }

  /** A request whose body was read here, given again to whoever reads it next. */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      var in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        /** The whole body is here already: it is available at once, then read to its end. */
        @Override
        public void setReadListener(ReadListener listener) {
          try {
            listener.onDataAvailable();
            listener.onAllDataRead();
          } catch (IOException failed) {
            listener.onError(failed);
          }
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
