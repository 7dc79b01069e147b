package org.plenary.contribution;

import java.time.Instant;

/**
 * One uploaded version of a contribution: revision 0 is the original, then r1, r2… Its CRC-32 is
 * known when the store computed it at upload (null for files uploaded before V051).
 */
public record ContributionFile(
    long id,
    int revision,
    String fileName,
    String storePath,
    long size,
    String sha256,
    String uploadedBy,
    Instant uploadedAt,
    boolean late,
    FileState state,
    Instant publishedAt,
    String rejectReason,
    Long crc32) {

  /**
   * This version as {@code Contributions.moveFile} leaves its row: in {@code state} at {@code storePath};
   * a time or reason given replaces the one kept, null keeps it.
   */
  ContributionFile moved(FileState state, String storePath, Instant publishedAt, String reason) {
    return new ContributionFile(id, revision, fileName, storePath, size, sha256, uploadedBy, uploadedAt, late, state,
        publishedAt != null ? publishedAt : this.publishedAt, reason != null ? reason : rejectReason, crc32);
  }

  public java.time.OffsetDateTime uploadedUtc() {
    return uploadedAt.atOffset(java.time.ZoneOffset.UTC);
  }
}
