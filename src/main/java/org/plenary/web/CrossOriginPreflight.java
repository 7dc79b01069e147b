package org.plenary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No origin is granted cross-origin requests, so a CORS preflight (OPTIONS with {@code Origin} and
 * {@code Access-Control-Request-Method}, which a browser sends only for another site's request) is refused on every
 * chain alike: 403 with a sentence and no {@code Access-Control-*} header, so the browser sends nothing after it. It
 * was a 200 with {@code Allow} naming every method the servlet knows (TRACE, PUT, PATCH on paths that take none of
 * them) on the API and the pages, and a 401 on the management endpoints. A plain OPTIONS keeps its own answer.
 */
final class CrossOriginPreflight extends OncePerRequestFilter {

  private final Problems problems;

  CrossOriginPreflight(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (CorsUtils.isPreFlightRequest(request)) {
      problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "web.problem.crossOrigin");
      return;
    }
    chain.doFilter(request, response);
  }
}
