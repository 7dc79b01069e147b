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

  /**
   * A 64-bit digest of everything a listing shows of these entries, in their order (name, kind, size, time,
   * checksum, number, title, source, late flag): a listing's validator is made from it, so that it moves
   * when, and only when, what that reader is shown moves. The first 8 bytes of a SHA-256 over the fields (each
   * ended by a byte no UTF-8 text holds): two listings share it only by a 2^-64 chance, never because two titles share
   * a {@code String.hashCode}, which anyone can make happen. Read once per listing kept, never per request (about
   * 20 ms for 100,000 entries).
   */
  public static long digest(java.util.List<FolderEntry> entries) {
    java.security.MessageDigest sha256;
    try {
      sha256 = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java platform has SHA-256
    }
    for (FolderEntry e : entries) {
      e.into(sha256);
    }
    return java.nio.ByteBuffer.wrap(sha256.digest()).getLong();
  }

  private void into(java.security.MessageDigest digest) {
    var fields = java.nio.ByteBuffer.allocate(2 + 3 * Long.BYTES);
    fields.put((byte) (folder ? 1 : 0)).put((byte) (late ? 1 : 0)).putLong(size)
        .putLong(modified == null ? Long.MIN_VALUE : modified.getEpochSecond()).putLong(modified == null ? 0 : modified.getNano());
    digest.update(fields.array());
    for (String text : new String[] {name, sha256, number, title, source}) {
      if (text != null) {
        digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      digest.update(text == null ? (byte) 0xFE : (byte) 0xFF);
    }
  }

  static FolderEntry folder(String name) {
    return new FolderEntry(name + "/", true, 0, null, null, null, null, null, false, null);
  }

  static FolderEntry file(Contribution contribution, ContributionFile file, Instant modified) {
    return new FolderEntry(file.fileName(), false, file.size(), modified, file.sha256(), contribution.number(),
        contribution.title(), contribution.source(), file.late(), file.storePath());
  }
}
