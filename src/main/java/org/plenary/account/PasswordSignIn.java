package org.plenary.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** The sign-in form's check: {@link Credentials#signIn}, with the client's address from the request. */
@Component
public class PasswordSignIn implements AuthenticationProvider {

  private final Credentials credentials;

  PasswordSignIn(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "";
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    SignInResult result = credentials.signIn(address, authentication.getName(), password);
    if (result instanceof SignInResult.LockedOut locked) {
      throw new SignInLockedException(locked);
    }
    if (!(result instanceof SignInResult.SignedIn signedIn)) {
      throw new BadCredentialsException("Wrong username or password.");
    }
    var done = UsernamePasswordAuthenticationToken.authenticated(signedIn.user(), null, signedIn.user().getAuthorities());
    done.setDetails(authentication.getDetails());
    return done;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** The form was refused because of too many failed (or {@link #busy()}) sign-ins; {@link #until()} is when to retry. */
  public static final class SignInLockedException extends org.springframework.security.authentication.LockedException {

    private final transient SignInResult.LockedOut lockedOut;

    SignInLockedException(SignInResult.LockedOut lockedOut) {
      super(lockedOut.message());
      this.lockedOut = lockedOut;
    }

    public java.time.Instant until() {
      return lockedOut.until();
    }

    /** Refused because too many sign-ins with the name were being checked at once, not after failures. */
    public boolean busy() {
      return lockedOut.busy();
    }
  }
}
