package org.plenary.contribution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.plenary.store.DocumentStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves files in step with the current transaction: if it rolls back, the moves are undone in
 * reverse order, so the folders always agree with the register. Each move is written to the
 * store's journal before it is made, and the journal is dropped once the transaction is settled:
 * if the process dies in between, {@link StoreReconciliation} finishes or undoes the moves at the
 * next start, according to what the register committed. A move {@linkplain #moveAfterCommit made after
 * the commit} is journalled with the others, before the commit, so that a process dying before it is
 * made has it finished at the next start.
 */
final class FileMoves implements TransactionSynchronization {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FileMoves.class);

  private record Move(String from, String to) {}

  private final DocumentStore store;
  private final String journal = UUID.randomUUID().toString();
  private final Deque<Move> done = new ArrayDeque<>();
  private final List<Move> afterCommit = new ArrayList<>();

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

  /**
   * Moves a file once the transaction has committed, and not at all if it rolls back: for a file that
   * the register names at {@code from} until the commit (the version a replacement moves to the
   * history), so that a reader who looked it up before the commit still finds it there.
   */
  void moveAfterCommit(String from, String to) {
    store.journal(journal, from, to);
    afterCommit.add(new Move(from, to));
  }

  @Override
  public void afterCompletion(int status) {
    if (status != STATUS_COMMITTED) {
      while (!done.isEmpty()) {
        Move move = done.pop();
        store.move(move.to(), move.from());
      }
    } else {
      for (Move move : afterCommit) {
        try {
          store.move(move.from(), move.to());
        } catch (RuntimeException e) {
          // Committed: the register names the target. The journal stays, so the next start finishes it.
          log.error("Could not move {} to {} after its transaction committed; the next start will.", move.from(),
              move.to(), e);
          return;
        }
      }
    }
    store.endJournal(journal);
  }
}
