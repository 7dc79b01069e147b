package org.plenary.search;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;

/**
 * The expansion an archive and every archive inside it may cost together: entries counted, bytes
 * expanded per entry and in all, and the ratio of expanded to compressed bytes. Streams opened
 * through it count what they really inflate, whatever the archive declares.
 */
final class ArchiveBudget {

  /** An archive that expands past a limit: {@link #problem()} is the reason readers see. */
  static final class BombException extends IOException {
    private final ReadProblem problem;

    BombException(ReadProblem problem) {
      super(problem.code() + " " + problem.args());
      this.problem = problem;
    }

    ReadProblem problem() {
      return problem;
    }
  }

  private final ExtractionLimits limits;
  private int entries;
  private long expanded;

  ArchiveBudget(ExtractionLimits limits) {
    this.limits = limits;
  }

  void countEntry() throws BombException {
    if (++entries > limits.maxEntries()) {
      throw new BombException(ReadProblem.of("bombEntries", limits.maxEntries()));
    }
  }

  /** The entry's bytes, counted; a stream that exceeds a limit throws {@link BombException}. */
  InputStream open(ZipEntry entry, InputStream raw) {
    long compressed = Math.max(entry.getCompressedSize(), 1);
    return new FilterInputStream(raw) {
      private long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          read += n;
          expanded += n;
          check(entry.getName(), read, compressed);
        }
        return n;
      }
    };
  }

  private void check(String name, long read, long compressed) throws BombException {
    if (read > limits.maxEntryBytes()) {
      throw new BombException(ReadProblem.of("bombEntry", name, megabytes(limits.maxEntryBytes())));
    }
    if (expanded > limits.maxTotalBytes()) {
      throw new BombException(ReadProblem.of("bombTotal", megabytes(limits.maxTotalBytes())));
    }
    if (read > ExtractionLimits.RATIO_FLOOR && read / compressed > limits.maxRatio()) {
      throw new BombException(ReadProblem.of("bombRatio", name, limits.maxRatio()));
    }
  }

  private static long megabytes(long bytes) {
    return bytes / (1024 * 1024);
  }
}
