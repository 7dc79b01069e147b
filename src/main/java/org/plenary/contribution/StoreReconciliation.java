package org.plenary.contribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plenary.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes the document store agree with the register at start-up, before the web server and the FTP
 * gateway take requests, whatever moment a killed process stopped at:
 * <ol>
 *   <li>a journal of moves (see {@link FileMoves}) whose first target the register references was
 *       committed: the moves it had not made yet (those made after the commit) are made, and it is
 *       dropped; otherwise its moves are undone, last first. The first target is always a path no
 *       register entry had before (a history or published path, or a new version's incoming path), so
 *       only a committed transaction can have put it in the register;</li>
 *   <li>what an upload staged or half wrote is removed;</li>
 *   <li>a file under {@code t/} or {@code history/} that the register does not know is moved to the
 *       orphans folder and logged, so its name can be uploaded again;</li>
 *   <li>a register entry whose file is missing is reported in the log.</li>
 * </ol>
 */
@Component
class StoreReconciliation implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(StoreReconciliation.class);

  /** What a start found and did, for the log and the tests. */
  record Outcome(int undone, int quarantined, List<String> missing) {}

  private final DocumentStore store;
  private final Contributions contributions;

  StoreReconciliation(DocumentStore store, Contributions contributions) {
    this.store = store;
    this.contributions = contributions;
  }

  @Override
  public void afterSingletonsInstantiated() {
    reconcile();
  }

  Outcome reconcile() {
    try {
      Set<String> known = contributions.storePaths();
      int undone = 0;
      for (Map.Entry<String, List<DocumentStore.Move>> journal : store.journals().entrySet()) {
        List<DocumentStore.Move> moves = journal.getValue();
        if (!moves.isEmpty() && !known.contains(moves.get(0).to())) {
          undone += undo(moves);
        } else {
          finish(moves);
        }
        store.endJournal(journal.getKey());
      }
      store.sweep();
      int quarantined = 0;
      // Listed once: on S3 a look-up per known file would cost a request each at every start.
      Set<String> listed = new java.util.HashSet<>(store.files("t", "history"));
      for (String path : listed) {
        if (!known.contains(path)) {
          store.quarantine(path);
          quarantined++;
        }
      }
      List<String> missing = known.stream().filter(path -> !listed.contains(path) && !store.exists(path)).sorted().toList();
      if (!missing.isEmpty()) {
        log.error("{} file(s) of the register are missing from the document store: {}", missing.size(),
            missing.subList(0, Math.min(20, missing.size())));
      }
      if (undone + quarantined > 0) {
        log.warn("Start-up: undid {} move(s) of unfinished transactions; moved {} unknown file(s) out of the store.",
            undone, quarantined);
      }
      return new Outcome(undone, quarantined, missing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes, in order, the moves of a committed transaction that its process had not made. */
  private void finish(List<DocumentStore.Move> moves) {
    for (DocumentStore.Move move : moves) {
      if (!store.exists(move.to()) && store.exists(move.from())) {
        store.move(move.from(), move.to());
        log.warn("Start-up: moved {} to {}, as a committed transaction had left to do.", move.from(), move.to());
      }
    }
  }

  /** Puts back, last first, what an uncommitted transaction moved; a file in the way goes to the orphans. */
  private int undo(List<DocumentStore.Move> moves) {
    int undone = 0;
    var lastFirst = new ArrayList<>(moves);
    java.util.Collections.reverse(lastFirst);
    for (DocumentStore.Move move : lastFirst) {
      if (!store.exists(move.to())) {
        continue;
      }
      if (store.exists(move.from())) {
        store.quarantine(move.to());
      } else {
        store.move(move.to(), move.from());
      }
      undone++;
    }
    return undone;
  }
}
