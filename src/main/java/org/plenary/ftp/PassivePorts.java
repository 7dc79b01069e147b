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
 * at most {@link #perAddress()}: half the range, at least one; one more waits briefly for its turn ({@link #queue})
 * rather than being refused at once; a declared venue address ({@code plenary.venue-addresses}) has no share but the
 * range. Without a range (any free port) no address is capped:
 * the system's ephemeral ports are not the delegates' to share out.
 */
final class PassivePorts {

  private final int first;
  private final int size;
  private final int perAddress;
  private final AtomicInteger next = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> waiting = new ConcurrentHashMap<>();
  /** PASV and EPSV waiting in turn for a slot of their address's share, first come first served. */
  private final java.util.Map<InetAddress, java.util.ArrayDeque<Turn>> turns = new java.util.HashMap<>();

  /** The meeting venue's shared addresses, whose listeners are capped only by the range itself. */
  private final org.plenary.shared.VenueAddresses venue;

  PassivePorts(int[] range, org.plenary.shared.VenueAddresses venue) {
    this.venue = venue;
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

  /** Takes a slot of {@code client}'s share when one is free; each slot taken is ended once by {@link #release}. */
  synchronized boolean tryClaim(InetAddress client) {
    if (!ranged()) {
      return true;
    }
    int now = waiting.getOrDefault(client, 0);
    if (now >= perAddress && !venue.contains(client)) {
      return false;
    }
    waiting.put(client, now + 1);
    return true;
  }

  /**
   * Waits in turn, at most {@code wait}, for a slot of {@code client}'s share: {@code granted} runs (holding the slot)
   * as soon as a listener of that address gets its connection or closes, {@code refused} if none did in time. A venue
   * behind one NAT asks for hundreds of listeners within a second, each held for a round trip: they wait
   * milliseconds for their turn rather than being refused; an address whose listeners are held (never connected)
   * still gets 425 once the wait is over. No thread waits: the callbacks run when a turn comes or the wait ends.
   */
  void queue(InetAddress client, java.time.Duration wait, java.util.concurrent.ScheduledExecutorService timer,
      Runnable granted, Runnable refused) {
    Turn turn = new Turn(granted);
    synchronized (this) {
      if (tryClaim(client)) {
        turn.settled = true;
      } else {
        turns.computeIfAbsent(client, address -> new java.util.ArrayDeque<>()).add(turn);
      }
    }
    if (turn.settled) {
      granted.run();
      return;
    }
    timer.schedule(() -> {
      synchronized (this) {
        if (turn.settled) {
          return;
        }
        turn.settled = true;
        var queued = turns.get(client);
        queued.remove(turn);
        if (queued.isEmpty()) {
          turns.remove(client);
        }
      }
      refused.run();
    }, wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Ends one claim of {@code client} ({@link #tryClaim}): its slot goes to the first turn waiting, if any. */
  void release(InetAddress client) {
    if (!ranged()) {
      return;
    }
    Turn next = null;
    synchronized (this) {
      var queued = turns.get(client);
      if (queued != null) {
        next = queued.poll();
        if (queued.isEmpty()) {
          turns.remove(client);
        }
      }
      if (next != null) {
        next.settled = true; // the slot passes to it: the count stays
      } else {
        waiting.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
      }
    }
    if (next != null) {
      next.granted.run();
    }
  }

  /** A PASV or EPSV waiting for a slot; {@code settled} once granted or refused, under the lock of the ports. */
  private static final class Turn {
    final Runnable granted;
    boolean settled;

    Turn(Runnable granted) {
      this.granted = granted;
    }
  }

  /** How many listeners wait for {@code client} now (for tests and the metrics). */
  int waiting(InetAddress client) {
    return waiting.getOrDefault(client, 0);
  }
}
