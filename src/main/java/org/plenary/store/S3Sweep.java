package org.plenary.store;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/** What a crash left in the bucket, removed once older than the bound. */
final class S3Sweep {

  private static final Logger log = LoggerFactory.getLogger(S3Sweep.class);

  private S3Sweep() {
  }

  /** Aborts stale multipart uploads, deletes stale staged objects and claims whose object never came. */
  static int run(S3Bucket bucket, S3Claims claims, Instant before) {
    int removed = 0;
    for (var upload : bucket.uploadsStartedBefore(before)) {
      try {
        bucket.abortMultipart(upload.key(), upload.uploadId());
        removed++;
      } catch (SdkException e) {
        log.warn("Could not abort the stale upload of {}: {}", upload.key(), e.getMessage());
      }
    }
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
