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
 * (RFC 6750). Credentials this cannot read are refused too, never ignored: {@code Bearer} without a
 * token (a script's unset {@code $TOKEN}) and another scheme ({@code curl -u name:password}) would
 * otherwise read as a stranger, and a mirror would silently hold only the public documents.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private final AccessTokens tokens;
  private final Problems problems;

  BearerTokenFilter(AccessTokens tokens, Problems problems) {
    this.tokens = tokens;
    this.problems = problems;
  }

  /** Whether the request carries an {@code Authorization} header, whatever its scheme. */
  static boolean carriesCredentials(HttpServletRequest request) {
    return request.getHeader("Authorization") != null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null) {
      String credentials = header.strip();
      int space = credentials.indexOf(' ');
      String scheme = space < 0 ? credentials : credentials.substring(0, space);
      String token = space < 0 ? "" : credentials.substring(space + 1).strip();
      if (!scheme.equalsIgnoreCase("Bearer")) {
        response.setHeader("WWW-Authenticate", Problems.CHALLENGE);
        problems.write(request, response, 401, "web.problem.token-scheme");
        return;
      }
      if (token.isEmpty()) {
        response.setHeader("WWW-Authenticate", Problems.CHALLENGE + ", error=\"invalid_request\", "
            + "error_description=\"The Authorization header carries no token\"");
        problems.write(request, response, 401, "web.problem.token-missing");
        return;
      }
      var user = tokens.authenticate(token);
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
