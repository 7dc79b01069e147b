package org.plenary.account;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks what a client that cannot use the sign-in page sends (the FTP gateway): a username with
 * its password, or with one of the account's personal access tokens.
 */
@Component
public class Credentials {

  private final AccountDirectory directory;
  private final AccessTokens tokens;

  Credentials(AccountDirectory directory, AccessTokens tokens) {
    this.directory = directory;
    this.tokens = tokens;
  }

  /** The account, or nothing: the same answer for an unknown user, a wrong password and a wrong token. */
  public Optional<PlenaryUser> check(String username, String secret) {
    if (username == null || secret == null) {
      return Optional.empty();
    }
    Optional<PlenaryUser> byToken = tokens.authenticate(secret);
    if (byToken.isPresent()) {
      return byToken.filter(user -> user.getUsername().equalsIgnoreCase(username));
    }
    return directory.verify(username, secret).map(directory::principal);
  }
}
