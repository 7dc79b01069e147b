package org.plenary.contribution;

import java.time.Instant;

/**
 * One line of a folder listing, over HTTP and FTP: a sub-folder (name ends with '/') or a file with
 * its size, time, checksum and what the register says of it.
 */
public record FolderEntry(
    String name,
    boolean folder,
    long size,
    Instant modified,
    String sha256,
    String number,
    String title,
    String source,
    boolean late,
    String storePath) {

  public java.time.OffsetDateTime modifiedUtc() {
    return modified == null ? null : modified.atOffset(java.time.ZoneOffset.UTC);
  }

  static FolderEntry folder(String name) {
    return new FolderEntry(name + "/", true, 0, null, null, null, null, null, false, null);
  }

  static FolderEntry file(Contribution contribution, ContributionFile file, Instant modified) {
    return new FolderEntry(file.fileName(), false, file.size(), modified, file.sha256(), contribution.number(),
        contribution.title(), contribution.source(), file.late(), file.storePath());
  }
}
