package org.plenary.output;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.List;

/**
 * The group's lifetime: from its first meeting for the months of its terms of reference, plus the
 * extensions its parent group decided. {@code endsOn} is null until the first meeting is scheduled.
 */
public record GroupLifetime(@io.swagger.v3.oas.annotations.media.Schema(nullable = true) LocalDate startsOn,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) LocalDate endsOn, List<Extension> extensions) {

  /** How many extensions a {@link #version()} can name in its low digits. */
  private static final long COUNTS = 1024;

  /** An extension decided by the parent group. */
  public record Extension(int months, String decidedBy, LocalDate decidedOn) {}

  /**
   * The version of everything this lifetime states (its ETag, the page form's {@code editVersion}): a digest of the
   * start, the end and each extension, times {@value #COUNTS}, plus the number of extensions. The start and end
   * follow the first meeting and the terms' months, kept in other tables, so a count of extensions alone
   * stayed the same while the dates changed: a conditional GET answered 304 with the old dates.
   */
  @JsonIgnore
  public long version() {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update((startsOn + "\n" + endsOn + "\n").getBytes(StandardCharsets.UTF_8));
      for (Extension e : extensions) {
        String by = e.decidedBy() == null ? "" : e.decidedBy();
        digest.update((e.months() + "\n" + e.decidedOn() + "\n" + by.length() + ":" + by + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      long bits = java.nio.ByteBuffer.wrap(digest.digest()).getLong() & ((1L << 52) - 1);
      return bits * COUNTS + Math.min(extensions.size(), COUNTS - 1);
    } catch (NoSuchAlgorithmException never) {
      throw new IllegalStateException(never);
    }
  }

  /** The number of extensions a {@link #version()} was read with. */
  static long extensionsIn(long version) {
    return version % COUNTS;
  }
}
