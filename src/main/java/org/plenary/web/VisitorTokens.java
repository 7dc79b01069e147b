package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.util.WebUtils;

/**
 * Where a form's CSRF token is kept: in the session of a person who has one (signed in), else in a cookie of the
 * visitor's own. Kept in a session always, every anonymous look at the sign-in page or the hotel form wrote a session
 * row to the database (Spring Session JDBC) that lived 30 minutes: a client asking for the sign-in page in a loop
 * without cookies grew the session table by a row a request, ~180,000 rows in half an hour from one address. The
 * cookie's token is checked as the session's is (the form must carry the value the cookie holds, which another site
 * can neither read nor set), and signing in replaces it with a session token (Spring Security's
 * {@code CsrfAuthenticationStrategy} clears it, both places).
 */
final class VisitorTokens implements CsrfTokenRepository {

  static final String COOKIE = "PLENARY-CSRF";

  private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
  private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();

  VisitorTokens() {
    cookies.setCookieName(COOKIE);
    cookies.setHeaderName(sessions.generateToken(null).getHeaderName());
    cookies.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return sessions.generateToken(request);
  }

  @Override
  public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    if (token == null) {
      sessions.saveToken(null, request, response);
      if (WebUtils.getCookie(request, COOKIE) != null) {
        cookies.saveToken(null, request, response);
      }
    } else if (request.getSession(false) != null) {
      sessions.saveToken(token, request, response);
    } else {
      cookies.saveToken(token, request, response);
    }
  }

  @Override
  public CsrfToken loadToken(HttpServletRequest request) {
    CsrfToken kept = request.getSession(false) == null ? null : sessions.loadToken(request);
    return kept != null ? kept : cookies.loadToken(request);
  }
}
