package org.plenary.contribution;

import java.util.List;

/**
 * What an upload says of the version already waiting in the incoming folder, which it would replace:
 * without it, two co-authors (or two tabs) sending the same revision lost each other's file in silence.
 * An upload that names the waiting version (the API's {@code If-Match} with its ETag, the page's hidden
 * field with the version it showed) replaces it; one that names another is refused as stale (412); one
 * that names none is refused (409) when a version waits, unless it is FTP's {@code STOR} over the
 * sender's own waiting file, an overwrite in every FTP server. {@code *} replaces whatever waits.
 *
 * @param versions the SHA-256s of the waiting versions it may replace; empty for none
 * @param any whether it replaces whatever waits ({@code If-Match: *})
 * @param own whether it replaces a version its sender uploaded (FTP)
 */
record Replacing(List<String> versions, boolean any, boolean own) {

  /** Nothing waits as far as the sender knows. */
  static final Replacing NOTHING = new Replacing(List.of(), false, false);

  /** The sender's own waiting version, as FTP's STOR overwrites a file of one's own. */
  static final Replacing OWN = new Replacing(List.of(), false, true);

  /** Whatever waits ({@code If-Match: *}). */
  static final Replacing ANY = new Replacing(List.of(), true, false);

  /** The version(s) named by SHA-256; none named means nothing waits. */
  static Replacing versions(List<String> sha256) {
    return sha256.isEmpty() ? NOTHING : new Replacing(List.copyOf(sha256), false, false);
  }

  /** Whether the upload may take the place of {@code waiting} (null: nothing waits) sent by {@code sender}. */
  boolean allows(ContributionFile waiting, String sender) {
    if (any) {
      return true;
    }
    if (waiting == null) {
      return versions.isEmpty();
    }
    return versions.contains(waiting.sha256()) || own && versions.isEmpty() && waiting.uploadedBy().equals(sender);
  }
}
