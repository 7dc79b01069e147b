package org.plenary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.plenary.account.AccessTokens;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests, and reads of the document folders, that carry
 * {@code Authorization: Bearer <personal access token>}, on every request: a revoked token, or one
 * of a disabled account, is refused with 401 and {@code WWW-Authenticate: Bearer error="invalid_token"}
 * (RFC 6750).
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private final AccessTokens tokens;
  private final Problems problems;

  BearerTokenFilter(AccessTokens tokens, Problems problems) {
    this.tokens = tokens;
    this.problems = problems;
  }

  /** Whether the request carries {@code Authorization: Bearer …} (the scheme in any case). */
  static boolean carriesToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (carriesToken(request)) {
      var user = tokens.authenticate(request.getHeader("Authorization").substring(7).strip());
      if (user.isEmpty()) {
        response.setHeader("WWW-Authenticate", Problems.CHALLENGE + ", error=\"invalid_token\", "
            + "error_description=\"The access token is unknown, revoked or expired\"");
        problems.write(request, response, 401, "web.problem.token-unknown");
        return;
      }
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
          user.get().getAuthorities()));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }
}
