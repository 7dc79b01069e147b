package org.plenary.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs requests that arrive together in one transaction: a worker thread takes every waiting
 * request (up to a limit) and hands the list to {@code work}, which returns one answer per request.
 * One commit then serves many requests; under load a batch also waits, briefly, for the requesters of
 * the batch before to come back. If a batch fails, its requests are run again one by one, so one refused request gets
 * its own refusal and the others still succeed; unless the database could not be reached, which every
 * request of the batch is told at once.
 */
public final class BatchWorker<T, R> {

  private static final Logger log = LoggerFactory.getLogger(BatchWorker.class);

  private record Waiting<T, R>(T request, CompletableFuture<R> answer) {}

  /** Under load, how long at most a batch waits for more requests to join it. */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** While lingering, how long a pause between two arrivals ends the wait: nobody else is coming soon. */
  private static final long GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final BlockingQueue<Waiting<T, R>> queue = new LinkedBlockingQueue<>();
  private final String name;
  private final int limit;
  private final TransactionTemplate transaction;
  private final Function<List<T>, List<R>> work;
  private final Thread worker;

  public BatchWorker(String name, int limit, TransactionTemplate transaction, Function<List<T>, List<R>> work) {
    this.name = name;
    this.limit = limit;
    this.transaction = transaction;
    this.work = work;
    this.worker = new Thread(this::run, name);
    worker.setDaemon(true);
    worker.start();
  }

  /** Queues the request; the answer completes when its batch committed (or with the refusal). */
  public CompletableFuture<R> submitAsync(T request) {
    var waiting = new Waiting<T, R>(request, new CompletableFuture<>());
    queue.add(waiting);
    return waiting.answer();
  }

  /** Queues the request and waits (at most a minute) for its answer; a refusal is rethrown as it was. */
  public R submit(T request) {
    try {
      return submitAsync(request).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the " + name + ".", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("The " + name + " did not answer within a minute; try again.", e);
    }
  }

  public void stop() {
    worker.interrupt();
  }

  /**
   * Waits a little for more requests to join the batch: every batch costs a commit (and its event
   * a mail transaction), so under load fewer, larger batches serve more requests per second. Only
   * after a batch of several, so that a lone request is never kept waiting; and only until the batch
   * is as large as the one before (whose requesters, answered, are likely sending their next request)
   * or requests stop arriving: clients that wait for their answer before they ask again would
   * otherwise be kept waiting the whole linger time for requests that cannot come.
   */
  private void linger(List<Waiting<T, R>> batch, int expected) throws InterruptedException {
    long until = System.nanoTime() + LINGER_NANOS;
    long left;
    int enough = Math.min(limit, expected);
    while (batch.size() < enough && (left = until - System.nanoTime()) > 0) {
      Waiting<T, R> more = queue.poll(Math.min(left, GAP_NANOS), TimeUnit.NANOSECONDS);
      if (more == null) {
        return;
      }
      batch.add(more);
      queue.drainTo(batch, limit - batch.size());
    }
  }

  private void run() {
    int last = 0;
    while (!Thread.currentThread().isInterrupted()) {
      var batch = new ArrayList<Waiting<T, R>>();
      try {
        batch.add(queue.take());
      } catch (InterruptedException stopping) {
        return;
      }
      queue.drainTo(batch, limit - 1);
      if (last > 1) {
        try {
          linger(batch, last);
        } catch (InterruptedException stopping) {
          Thread.currentThread().interrupt(); // the batch in hand is still run and answered
        }
      }
      last = batch.size();
      log.trace("The {} takes a batch of {}.", name, batch.size());
      try {
        List<R> answers = transaction.execute(status -> work.apply(batch.stream().map(Waiting::request).toList()));
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).answer().complete(answers.get(i));
        }
      } catch (RuntimeException failed) {
        if (batch.size() == 1 || DatabaseUnreachable.causedBy(failed)) {
          // Without a database every request of the batch fails alike: trying each alone would only make
          // the later ones wait a connection timeout apiece before they are told so.
          batch.forEach(one -> one.answer().completeExceptionally(failed));
        } else {
          log.debug("A batch of {} in the {} failed ({}); running them one by one.", batch.size(), name, failed.toString());
          for (Waiting<T, R> one : batch) {
            try {
              one.answer().complete(transaction.execute(status -> work.apply(List.of(one.request()))).get(0));
            } catch (RuntimeException refused) {
              one.answer().completeExceptionally(refused);
            }
          }
        }
      }
    }
  }
}
