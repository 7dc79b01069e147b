package org.plenary.contribution;

import java.util.ArrayDeque;
import java.util.Deque;
import org.plenary.store.DocumentStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves files in step with the current transaction: if it rolls back, the moves are undone in
 * reverse order, so the folders always agree with the register.
 */
final class FileMoves implements TransactionSynchronization {

  private record Move(String from, String to) {}

  private final DocumentStore store;
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
  }
}
