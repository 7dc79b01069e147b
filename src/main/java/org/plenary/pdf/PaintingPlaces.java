package org.plenary.pdf;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The places where documents are painted, handed out first come first served within two lanes: a
 * document for someone signed in, or for the application itself (a circular being issued), gets the
 * next free place before any stranger's. Strangers can ask for PDFs without an account (the hotel
 * form), so a flood of theirs only ever queues behind the group's own work, never ahead of it.
 */
final class PaintingPlaces {

  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition membersTurn = lock.newCondition();
  private final Condition strangersTurn = lock.newCondition();
  private int free;
  private int membersWaiting;

  PaintingPlaces(int places) {
    this.free = places;
  }

  /** Takes a place, waiting at most {@code timeout}; false when none came in time. */
  boolean take(boolean stranger, long timeout, TimeUnit unit) throws InterruptedException {
    long left = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      if (!stranger) {
        membersWaiting++;
      }
      try {
        while (free == 0 || (stranger && membersWaiting > 0)) {
          if (left <= 0) {
            return false;
          }
          left = (stranger ? strangersTurn : membersTurn).awaitNanos(left);
        }
        free--;
        return true;
      } finally {
        if (!stranger && --membersWaiting == 0 && free > 0) {
          strangersTurn.signal(); // the last member waiting is served or gave up: strangers may have the rest
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Gives a place back: to a member waiting, else to a stranger. */
  void give() {
    lock.lock();
    try {
      free++;
      (membersWaiting > 0 ? membersTurn : strangersTurn).signal();
    } finally {
      lock.unlock();
    }
  }
}
