package org.plenary.store;

/**
 * How an {@link S3Upload} cuts a file into parts, within a memory budget of {@code partsInFlight + 1}
 * parts of {@code partSize} bytes per upload. The first parts are {@code partSize} long, up to
 * {@code partsInFlight} of them on their way while the next fills. Once a file has outgrown the budget
 * (it is a large one), its parts double, up to half the budget, so fewer of them are on their way
 * at once: the budget holds, and the file takes half as many requests. Each part costs the S3 server
 * a request, an object written and removed again at completion, and its own checksum run (S3Proxy:
 * about a fifth of its CPU time on a 1 GiB upload in 8 MB parts). Doubled parts also double the
 * largest file that S3's 10,000 parts can hold.
 */
record S3Parts(int partSize, int partsInFlight) {

  /** S3's smallest part (except the last one). */
  static final int MIN_PART = 5 << 20;

  S3Parts {
    if (partSize < MIN_PART) {
      throw new IllegalArgumentException("plenary.documents.s3.part-size must be at least 5MB (S3's smallest part).");
    }
    if (partsInFlight < 1) {
      throw new IllegalArgumentException("plenary.documents.s3.parts-in-flight must be at least 1.");
    }
  }

  /** The bytes of part buffers one upload may hold at once: the parts on their way and the one filling. */
  long budget() {
    return (long) partSize * (partsInFlight + 1);
  }

  /** The length of the part that starts after {@code handed} bytes already went into parts. */
  int next(long handed) {
    if (handed < budget()) {
      return partSize;
    }
    return (int) Math.max(partSize, Math.min(2L * partSize, budget() / 2));
  }

  /**
   * Whether a full part of {@code full} bytes may leave while {@code sending} bytes of parts are still
   * on their way and the next part will take {@code next} bytes; if not, the oldest one is awaited
   * first. One part may always be on its way, whatever its size.
   */
  boolean maySend(long sending, int full, int next) {
    return sending == 0 || sending + full + next <= budget();
  }
}
