package org.plenary.contribution;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.plenary.store.DocumentStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves files in step with the current transaction: if it rolls back, the moves are undone in
 * reverse order, so the folders always agree with the register. Each move is written to the
 * store's journal before it is made, and the journal is dropped once the transaction is settled:
 * if the process dies in between, {@link StoreReconciliation} finishes or undoes the moves at the
 * next start, according to what the register committed.
 */
final class FileMoves implements TransactionSynchronization {

  private record Move(String from, String to) {}

  private final DocumentStore store;
  private final String journal = UUID.randomUUID().toString();
  private final Deque<Move> done = new ArrayDeque<>();

  private FileMoves(DocumentStore store) {
    this.store = store;
  }

  static FileMoves inTransaction(DocumentStore store) {
    var moves = new FileMoves(store);
    TransactionSynchronizationManager.registerSynchronization(moves);
    return moves;
  }

  void move(String from, String to) {
    store.journal(journal, from, to);
    store.move(from, to);
    done.push(new Move(from, to));
  }

  @Override
  public void afterCompletion(int status) {
    if (status != STATUS_COMMITTED) {
      while (!done.isEmpty()) {
        Move move = done.pop();
        store.move(move.to(), move.from());
      }
    }
    store.endJournal(journal);
  }
}
