package org.plenary.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.plenary.account.PasswordSignIn;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.plenary.shared.SitePaths;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Where the sign-in form goes after {@link PasswordSignIn} (which counts failures per username and
 * per address): the page asked for (else the person's desk), the form again with "wrong username or password", or the form
 * with the time to retry. The page asked for is given back as a path on this site only: the saved request's
 * full address carries the Host its request claimed, which a forged Host would have made another site's.
 */
class SignInRedirects implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  /**
   * The page a visitor asked for before signing in, kept in a cookie of theirs as a path on this site (a session
   * kept for it wrote a database row for every anonymous look at a page that needs a sign-in).
   */
  static final RequestCache ASKED = new CookieRequestCache();

  private final RequestCache saved = ASKED;
  private final RedirectStrategy redirects = new DefaultRedirectStrategy();

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) throws IOException, ServletException {
    String asked = saved.getRequest(request, response) instanceof DefaultSavedRequest page
        ? page.getRequestURI() + (page.getQueryString() == null ? "" : "?" + page.getQueryString()) : null;
    saved.removeRequest(request, response);
    String context = request.getContextPath();
    // Without a page asked for first, a person lands on their desk: what waits for them.
    String target = SitePaths.under(context + "/", asked).map(path -> path.substring(context.length())).orElse("/desk");
    var session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
    redirects.sendRedirect(request, response, target);
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    if (exception instanceof PasswordSignIn.SignInLockedException locked && locked.busy()) {
      response.sendRedirect(request.getContextPath() + "/sign-in?busy");
    } else if (exception instanceof PasswordSignIn.SignInLockedException locked) {
      response.sendRedirect(request.getContextPath() + "/sign-in?locked=" + locked.until().getEpochSecond());
    } else {
      response.sendRedirect(request.getContextPath() + "/sign-in?error");
    }
  }
}
