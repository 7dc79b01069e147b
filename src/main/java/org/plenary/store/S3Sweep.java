package org.plenary.store;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/** What a crash left in the bucket, removed once its writer is gone. */
final class S3Sweep {

  private static final Logger log = LoggerFactory.getLogger(S3Sweep.class);

  private S3Sweep() {
  }

  /**
   * Aborts the multipart uploads whose node is gone (their lease in {@link S3Uploads} expired), and
   * those no lease knows once older than {@code before} (a crash between starting one and entering
   * it, or an older version of Plenary); an upload whose lease runs is spared, however old. Deletes
   * staged objects older than {@code before}, and claims of that age whose object never came.
   */
  static int run(S3Bucket bucket, S3Claims claims, S3Uploads uploads, Instant now, Instant before) {
    int removed = 0;
    var leases = uploads.leases();
    for (var upload : bucket.uploads()) {
      Instant expires = leases.get(upload.uploadId());
      boolean abandoned = expires != null ? expires.isBefore(now)
          : upload.initiated() == null || upload.initiated().isBefore(before);
      if (!abandoned) {
        continue;
      }
      try {
        bucket.abortMultipart(upload.key(), upload.uploadId());
        removed++;
      } catch (SdkException e) {
        log.warn("Could not abort the stale upload of {}: {}", upload.key(), e.getMessage());
      }
    }
    uploads.forgetExpired(now);
    for (var staged : bucket.list(DocumentStore.STAGING + "/").filter(o -> o.lastModified().isBefore(before))
        .toList()) {
      bucket.delete(staged.key());
      removed++;
    }
    for (String path : claims.olderThan(before)) {
      if (bucket.modified(path).isEmpty()) {
        claims.release(path);
      }
    }
    if (removed > 0) {
      log.warn("Removed {} incomplete upload(s) left in the bucket {} by an interrupted write.", removed, bucket.name());
    }
    return removed;
  }
}
