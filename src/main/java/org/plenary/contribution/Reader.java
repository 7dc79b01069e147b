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

  /**
   * What an answer of the folders made for this reader tells caches: what a signed-in reader gets may hold a
   * private meeting's files, so no shared cache keeps it. Said before any condition is judged, so that a 304
   * or 412 says it too, as RFC 9110 (15.4.5) asks of a 304: a file's and a ZIP's said nothing.
   */
  public String cacheControl() {
    return signedIn() ? "private, no-cache" : "no-cache";
  }
}
