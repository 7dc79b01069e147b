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

  public java.time.OffsetDateTime uploadedUtc() {
    return uploadedAt.atOffset(java.time.ZoneOffset.UTC);
  }
}
