package org.plenary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.plenary.account.Credentials;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Standing;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rights are not frozen at sign-in: on every request of a web session the account is read again
 * ({@link Credentials#recheck}), so a role taken away is gone at the next request, and a session
 * whose account was disabled or whose password was changed since it signed in is ended, with the
 * reason on the sign-in page. The session keeps the principal of its sign-in (its credentials
 * version); the request runs with the account as it is now.
 */
class SessionRecheckFilter extends OncePerRequestFilter {

  private final Credentials credentials;

  SessionRecheckFilter(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof PlenaryUser user) {
      Standing standing = credentials.recheck(user);
      if (!standing.stands()) {
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + "/sign-in?ended=" + standing.ended().code());
        return;
      }
      var now = UsernamePasswordAuthenticationToken.authenticated(standing.user(), null, standing.user().getAuthorities());
      now.setDetails(authentication.getDetails());
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(now);
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }
}
