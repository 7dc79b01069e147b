package org.plenary.contribution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One database read shared by the callers that ask for it at the same time, without giving any of
 * them an older answer than its own read would have: a caller joins the next read that has not
 * started yet, and that read starts only after everyone who joined it had asked. Reads run one at a
 * time, so while one runs the callers arriving gather for the next. Under load (64 downloads at once)
 * this turns one query per request into about one per query's round trip; alone, a caller reads
 * itself as before. Used for the register's version, which every file and listing request compares.
 */
final class SharedRead {

  private final LongSupplier read;
  private final ReentrantLock running = new ReentrantLock();
  private final Object gate = new Object();
  private CompletableFuture<Long> next;

  SharedRead(LongSupplier read) {
    this.read = read;
  }

  long get() {
    CompletableFuture<Long> mine;
    synchronized (gate) {
      if (next == null) {
        next = new CompletableFuture<>();
      }
      mine = next;
    }
    running.lock();
    try {
      if (!mine.isDone()) {
        synchronized (gate) {
          // Whoever asks from now on waits for a later read: this one may start before they asked.
          if (next == mine) {
            next = null;
          }
        }
        try {
          mine.complete(read.getAsLong());
        } catch (RuntimeException | Error failure) {
          mine.completeExceptionally(failure);
        }
      }
    } finally {
      running.unlock();
    }
    // Done by now (by this caller or the one that ran it); its failure is thrown as it was thrown.
    try {
      return mine.join();
    } catch (java.util.concurrent.CompletionException wrapped) {
      if (wrapped.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (wrapped.getCause() instanceof Error failure) {
        throw failure;
      }
      throw wrapped;
    }
  }
}
