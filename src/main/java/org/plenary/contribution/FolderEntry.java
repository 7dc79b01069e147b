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
   * when, and only when, what that reader is shown moves. Read once per listing kept (a pass over the
   * entries, whose strings keep their hashes), never per request.
   */
  public static long digest(java.util.List<FolderEntry> entries) {
    long digest = 0x2545F4914F6CDD1DL ^ entries.size();
    for (FolderEntry e : entries) {
      digest = mix(digest * 0x9E3779B97F4A7C15L + e.digest());
    }
    return digest;
  }

  private long digest() {
    long d = mix(name.hashCode() * 2L + (folder ? 1 : 0));
    d = mix(d ^ size);
    d = mix(d ^ (modified == null ? 0 : modified.getEpochSecond() * 1_000_000_007L + modified.getNano()));
    d = mix(d ^ java.util.Objects.hashCode(sha256));
    d = mix(d ^ ((long) java.util.Objects.hashCode(number) << 32 | (java.util.Objects.hashCode(title) & 0xFFFFFFFFL)));
    return mix(d ^ ((long) java.util.Objects.hashCode(source) << 1 | (late ? 1 : 0)));
  }

  /** The finalizer of MurmurHash3's 64-bit variant: every bit of the input moves about half of the output. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }

  static FolderEntry folder(String name) {
    return new FolderEntry(name + "/", true, 0, null, null, null, null, null, false, null);
  }

  static FolderEntry file(Contribution contribution, ContributionFile file, Instant modified) {
    return new FolderEntry(file.fileName(), false, file.size(), modified, file.sha256(), contribution.number(),
        contribution.title(), contribution.source(), file.late(), file.storePath());
  }
}
