package org.plenary.contribution;

import org.plenary.account.PlenaryUser;

/**
 * Who reads documents, on any channel: a signed-in account (web session, API token, FTP account) or
 * nobody ({@link #ANONYMOUS}: no sign-in, or anonymous FTP). {@link DocumentAccess} decides what
 * each may see.
 */
public record Reader(String username) {

  /** Someone who has not signed in. */
  public static final Reader ANONYMOUS = new Reader(null);

  public static Reader of(PlenaryUser user) {
    return user == null ? ANONYMOUS : new Reader(user.getUsername());
  }

  /** The reader of the current web or API request. */
  public static Reader current() {
    return PlenaryUser.current().map(Reader::of).orElse(ANONYMOUS);
  }

  public boolean signedIn() {
    return username != null;
  }
}
