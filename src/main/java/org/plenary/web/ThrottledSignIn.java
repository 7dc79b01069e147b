package org.plenary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.plenary.account.SignInThrottle;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/** Counts failed sign-ins per address and refuses the form while the address is locked out. */
class ThrottledSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  private final SignInThrottle throttle;
  private final SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();

  ThrottledSignIn(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) throws IOException, ServletException {
    throttle.succeeded(request.getRemoteAddr());
    success.onAuthenticationSuccess(request, response, authentication);
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    throttle.failed(request.getRemoteAddr());
    response.sendRedirect(request.getContextPath() + "/sign-in?error");
  }

  OncePerRequestFilter lockoutFilter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/sign-in".equals(request.getRequestURI().substring(request.getContextPath().length()))
            && !throttle.lockedFor(request.getRemoteAddr()).isZero()) {
          response.sendRedirect(request.getContextPath() + "/sign-in?locked");
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }
}
