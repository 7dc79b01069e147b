package org.plenary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.plenary.account.PlenaryUser;
import org.springframework.web.filter.OncePerRequestFilter;

/** Someone signed in with a one-time password sees only the page where they choose a new one. */
class PasswordChangeFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean allowed = path.equals("/account") || path.equals("/account/password") || path.equals("/sign-out")
        || path.startsWith("/css/") || path.equals("/error");
    if (!allowed && PlenaryUser.current().map(PlenaryUser::mustChangePassword).orElse(false)) {
      response.sendRedirect(request.getContextPath() + "/account?change-password");
      return;
    }
    chain.doFilter(request, response);
  }
}
