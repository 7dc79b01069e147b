package org.plenary.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.plenary.contribution.FolderEntry;
import org.plenary.contribution.PublishedFiles;
import org.plenary.contribution.Reader;
import org.springframework.http.HttpHeaders;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The fast path of downloads. A GET or HEAD of a public meeting's published file by a request that
 * carries neither a session cookie nor credentials is anonymous whatever the rest of the chain
 * does, so it is answered here, ahead of the sessions (no session read or created), Spring
 * Security's page chain (no security context, CSRF token or saved request) and the MVC dispatch,
 * which cost most of a small download's time. What the answer carries is unchanged: the file, its
 * ETag, ranges and conditional answers come from the same {@link PublishedFiles#send} as the
 * controller's, and the security headers from the page chain's own header writer. Whatever
 * {@link PublishedFiles#forAnyone} does not find (a refusal, a private meeting, a withdrawn file, a
 * path to decode) goes the ordinary way, as does every request with a session cookie or an
 * {@code Authorization} header. Registered inside the request metrics (tagged with the files'
 * pattern) and the database-outage answers ({@code UnavailableAnswers}).
 */
final class PublicFileFilter extends HttpFilter {

  private final PublishedFiles files;
  private final CookieSerializer sessionCookies;
  private final Filter headers;

  PublicFileFilter(PublishedFiles files, CookieSerializer sessionCookies, Filter headers) {
    this.files = files;
    this.sessionCookies = sessionCookies;
    this.headers = headers;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<FolderEntry> file = anonymous(request) ? files.forAnyone(request) : Optional.empty();
    if (file.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(context -> context.setPathPattern(PublishedFiles.PATTERN));
    headers.doFilter(request, response, (req, res) ->
        files.send(file.get(), Reader.ANONYMOUS, (HttpServletRequest) req, (HttpServletResponse) res));
  }

  private boolean anonymous(HttpServletRequest request) {
    return request.getHeader(HttpHeaders.AUTHORIZATION) == null && sessionCookies.readCookieValues(request).isEmpty();
  }
}
