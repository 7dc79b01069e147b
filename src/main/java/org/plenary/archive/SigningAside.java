package org.plenary.archive;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Signs manifest versions on a thread of its own while the transaction that makes them goes on
 * (its mails, its other listeners), and writes each signed version in that transaction just before it
 * commits: the register's single worker, which makes every publication, no longer waits for an
 * Ed25519 signature. Nothing is weakened: the version's row is written, with the signature of the very
 * header it lists, before the commit that publishes its files, or not at all; anything in the same
 * transaction that reads the manifests again first calls {@link #finish()}, which writes what is
 * pending on the caller's thread. Without a transaction the version is signed and written at once.
 */
@Component
class SigningAside {

  private final ExecutorService signers = Executors.newFixedThreadPool(2,
      Thread.ofPlatform().name("manifest-signer-", 1).daemon().factory());

  /** Computes {@code signed} on another thread and hands its result to {@code write} before the commit. */
  <T> void sign(Supplier<T> signed, Consumer<T> write) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      write.accept(signed.get());
      return;
    }
    var pending = (Pending) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      pending = new Pending();
      TransactionSynchronizationManager.bindResource(this, pending);
      TransactionSynchronizationManager.registerSynchronization(pending);
    }
    pending.add(CompletableFuture.supplyAsync(signed, signers), write);
  }

  /** Writes, on this thread, every version this transaction still has pending. */
  void finish() {
    if (TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
      pending.finish();
    }
  }

  @PreDestroy
  void close() {
    signers.shutdown();
  }

  private record Signing<T>(CompletableFuture<T> signed, Consumer<T> write) {
    void writeSigned() {
      T result;
      try {
        result = signed.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
      }
      write.accept(result);
    }
  }

  /** A transaction's versions being signed, written in their order before it commits. */
  private final class Pending implements TransactionSynchronization {
    private final List<Signing<?>> waiting = new ArrayList<>();

    <T> void add(CompletableFuture<T> signed, Consumer<T> write) {
      waiting.add(new Signing<>(signed, write));
    }

    void finish() {
      while (!waiting.isEmpty()) {
        waiting.removeFirst().writeSigned();
      }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      finish();
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResource(SigningAside.this);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(SigningAside.this, this);
    }

    @Override
    public void afterCompletion(int status) {
      waiting.clear();
      TransactionSynchronizationManager.unbindResourceIfPossible(SigningAside.this);
    }
  }
}
