package org.plenary.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.plenary.contribution.FolderEntry;
import org.plenary.contribution.PublishedFiles;
import org.plenary.contribution.Reader;
import org.springframework.http.HttpHeaders;
import org.springframework.session.web.http.CookieSerializer;

/**
 * The fast path of downloads. A GET or HEAD of a public meeting's published file by a request that
 * carries neither a session cookie nor credentials is anonymous whatever the rest of the chain
 * does, so it is answered here, ahead of the request metrics' observation, the sessions (no session
 * read or created), Spring Security's page chain (no security context, CSRF token or saved request)
 * and the MVC dispatch, which cost most of a small download's time. What the answer carries is
 * unchanged: the file, its ETag, ranges and conditional answers come from the same
 * {@link PublishedFiles#send} as the controller's, and the security headers from the page chain's
 * own header writer. Whatever {@link PublishedFiles#forAnyone} does not find (a refusal, a private
 * meeting, a withdrawn file, a path to decode) goes the ordinary way, as does every request with a
 * session cookie or an {@code Authorization} header, and one whose look-up or answer fails before
 * anything was sent (the database out of reach, say: the ordinary way answers it, with its 503).
 *
 * <p>These downloads are not timed as {@code http.server.requests} (the observation cost a tenth of
 * a small download); they are counted, by status, as {@code plenary.downloads.public}.
 */
final class PublicFileFilter extends HttpFilter {

  private final PublishedFiles files;
  private final CookieSerializer sessionCookies;
  private final Filter headers;
  private final MeterRegistry registry;
  private final AtomicReferenceArray<Counter> counted = new AtomicReferenceArray<>(600);

  PublicFileFilter(PublishedFiles files, CookieSerializer sessionCookies, Filter headers, MeterRegistry registry) {
    this.files = files;
    this.sessionCookies = sessionCookies;
    this.headers = headers;
    this.registry = registry;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<FolderEntry> file;
    try {
      file = anonymous(request) ? files.forAnyone(request) : Optional.empty();
    } catch (RuntimeException lookUpFailed) {
      file = Optional.empty();
    }
    if (file.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    FolderEntry found = file.get();
    try {
      headers.doFilter(request, response, (req, res) ->
          files.send(found, Reader.ANONYMOUS, (HttpServletRequest) req, (HttpServletResponse) res));
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      response.reset();
      chain.doFilter(request, response);
      return;
    }
    count(response.getStatus());
  }

  private boolean anonymous(HttpServletRequest request) {
    return request.getHeader(HttpHeaders.AUTHORIZATION) == null
        && (request.getHeader(HttpHeaders.COOKIE) == null || sessionCookies.readCookieValues(request).isEmpty());
  }

  private void count(int status) {
    if (registry == null || status < 0 || status >= counted.length()) {
      return;
    }
    Counter counter = counted.get(status);
    if (counter == null) {
      counter = Counter.builder("plenary.downloads.public").tag("status", Integer.toString(status))
          .description("Downloads of public published files answered by the fast path, by status").register(registry);
      counted.set(status, counter);
    }
    counter.increment();
  }
}
