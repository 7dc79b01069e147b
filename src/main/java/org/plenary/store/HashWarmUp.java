package org.plenary.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Has the JIT compile SHA-256 while the server is idle after start-up. Until the optimizing
 * compiler has it (behind everything else the start queued), every upload is hashed several times
 * slower, and a burst of uploads soon after a start would pay for it.
 *
 * <p>It hashes a mebibyte at a time and stops as soon as the hashing runs compiled: once two
 * mebibytes in a row took a quarter of the CPU time of the slowest one or less (interpreted or C1
 * SHA-256 is several times slower than the compiled intrinsic). After each mebibyte it pauses ten
 * times as long as the mebibyte took, so that while the compiler is busy with the requests' code
 * it takes a tenth of a core at most. Hashing 256 MiB in one go, as it did, took a second or more of
 * CPU beside the first requests after a start, on two cores a sixth of what the first thousand
 * number allocations had.
 */
@Component
class HashWarmUp {

  private static final Logger log = LoggerFactory.getLogger(HashWarmUp.class);

  /** Mebibytes hashed at most (what the warm-up always hashed before it stopped early). */
  static final int MAX_PROBES = 256;

  /** Mebibytes hashed at least, enough for the JIT to have asked for the compilation. */
  static final int MIN_PROBES = 8;

  @EventListener(ApplicationReadyEvent.class)
  void warmUpHashing() {
    Thread warmUp = new Thread(() -> {
      try {
        int probes = run();
        log.debug("SHA-256 warm-up: {} MiB hashed", probes);
      } catch (InterruptedException e) {
        log.debug("SHA-256 warm-up stopped: {}", e.toString());
      }
    }, "store-hash-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
  }

  /** Hashes until the hashing runs compiled (or MAX_PROBES MiB); returns the mebibytes hashed. */
  static int run() throws InterruptedException {
    MessageDigest sha256 = PartFile.sha256();
    ByteBuffer block = ByteBuffer.allocateDirect(256 * 1024);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var probes = new Probes();
    int hashed = 0;
    boolean compiled = false;
    while (!compiled && hashed < MAX_PROBES) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < 4; i++) {
        sha256.update(block.clear());
      }
      sha256.digest();
      hashed++;
      long took = threads.getCurrentThreadCpuTime() - start;
      compiled = probes.compiled(took);
      Thread.sleep(pauseMillis(took));
    }
    return hashed;
  }

  /** The pause after a mebibyte that took {@code cpuNanos}: ten times as long, at least 10 ms. */
  static long pauseMillis(long cpuNanos) {
    return Math.max(10, cpuNanos * 10 / 1_000_000);
  }

  /**
   * Tells from the CPU time of each mebibyte hashed, in order, when the hashing runs compiled: after
   * at least MIN_PROBES, two in a row at a quarter of the slowest one's time or less. CPU time, not
   * wall time, so that other work on the machine does not make a fast probe look slow.
   */
  static final class Probes {

    private int seen;
    private int fastInARow;
    private long slowest;

    boolean compiled(long cpuNanos) {
      seen++;
      slowest = Math.max(slowest, cpuNanos);
      fastInARow = cpuNanos * 4 <= slowest ? fastInARow + 1 : 0;
      return seen >= MIN_PROBES && fastInARow >= 2;
    }
  }
}
