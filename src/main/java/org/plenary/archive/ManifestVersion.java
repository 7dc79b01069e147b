package org.plenary.archive;

import java.time.Instant;

/**
 * One version of a folder's manifest: which change made it (a publication, a revision, a
 * withdrawal), its place in the group's changes feed, and the hashes that chain it to the one
 * before. {@code sha256} is the version's hash, the one the next version names as {@code previous}:
 * in format 1 the SHA-256 of the whole MANIFEST.json this version is served as ({@code size} its
 * length); in format 2 the SHA-256 of its signed statement (the manifest without {@code files} and
 * {@code withdrawn}, which {@code entriesSha256} stands for), the served file's size and hash being
 * known at its first read ({@code size} 0).
 */
record ManifestVersion(
    long groupId,
    long meetingId,
    String folder,
    int version,
    long changeSeq,
    String kind,
    String number,
    Instant issuedAt,
    String previousSha256,
    String sha256,
    long size,
    String signature,
    String keyUrl,
    String keyId,
    int format,
    String entriesSha256) {

  /** Where the bytes of this version are kept in the document store (named by their hash: written once). */
  String storePath() {
    return "manifests/" + folder + sha256 + ".json";
  }
}
