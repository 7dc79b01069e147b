package org.plenary.archive;

import java.time.Instant;

/**
 * One version of a folder's manifest: which change made it (a publication, a revision, a
 * withdrawal), its place in the group's changes feed, and the hashes that chain it to the one
 * before. {@code sha256} is the SHA-256 of the MANIFEST.json bytes this version is served as.
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
    String keyId) {

  /** Where the bytes of this version are kept in the document store (named by their hash: written once). */
  String storePath() {
    return "manifests/" + folder + sha256 + ".json";
  }
}
