package org.plenary.ftp;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The passive range's ports and who waits on them. A listener waits from PASV/EPSV until its one data connection
 * comes or the data timeout passes (60 s): with a range of ten ports, ten signed-in sessions from one address (each
 * renewing its listener with another PASV) left every other delegate with "425 Every passive port is in use". A
 * session holds at most one waiting listener (a new PASV/EPSV closes the old one first: {@code FtpSession.prepareData}),
 * only signed-in sessions may ask (PASV before sign-in is 530), and the listeners waiting for one remote address are
 * at most {@link #perAddress()}: half the range, at least one. Without a range (any free port) no address is capped:
 * the system's ephemeral ports are not the delegates' to share out.
 */
final class PassivePorts {

  private final int first;
  private final int size;
  private final int perAddress;
  private final AtomicInteger next = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> waiting = new ConcurrentHashMap<>();

  PassivePorts(int[] range) {
    this.first = range[0];
    this.size = range[0] == 0 ? 0 : range[1] - range[0] + 1;
    this.perAddress = size == 0 ? Integer.MAX_VALUE : Math.max(1, size / 2);
  }

  /** Whether a range is set (else any free port). */
  boolean ranged() {
    return size > 0;
  }

  int size() {
    return size;
  }

  /** How many listeners may wait at once for one remote address. */
  int perAddress() {
    return perAddress;
  }

  /** The next port of the range to try. */
  int nextPort() {
    return first + Math.floorMod(next.getAndIncrement(), size);
  }

  /**
   * Counts a waiting listener for {@code client}, or refuses it (425, {@code ftp.pasv.address}) when that address
   * already has its share of the range waiting. Each claim is ended once by {@link #release}.
   */
  void claim(InetAddress client) {
    if (!ranged()) {
      return;
    }
    boolean[] taken = {false};
    waiting.compute(client, (address, count) -> {
      int now = count == null ? 0 : count;
      if (now >= perAddress) {
        return count;
      }
      taken[0] = true;
      return now + 1;
    });
    if (!taken[0]) {
      throw new FtpRefusal(425, "ftp.pasv.address", String.valueOf(perAddress));
    }
  }

  /** Ends one claim of {@code client} ({@link #claim}). */
  void release(InetAddress client) {
    if (ranged()) {
      waiting.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }
  }

  /** How many listeners wait for {@code client} now (for tests and the metrics). */
  int waiting(InetAddress client) {
    return waiting.getOrDefault(client, 0);
  }
}
