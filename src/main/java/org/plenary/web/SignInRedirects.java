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
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where the sign-in form goes after {@link PasswordSignIn} (which counts failures per username and
 * per address): the page asked for (else the person's desk), the form again with "wrong username or password", or the form
 * with the time to retry.
 */
class SignInRedirects implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  private final SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();

  SignInRedirects() {
    // Without a page asked for first, a person lands on their desk: what waits for them.
    success.setDefaultTargetUrl("/desk");
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) throws IOException, ServletException {
    success.onAuthenticationSuccess(request, response, authentication);
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
