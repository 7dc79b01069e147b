package org.plenary.search;

import java.util.List;
import org.plenary.contribution.ContributionEvents.ContributionPublished;
import org.plenary.contribution.ContributionEvents.ContributionReceived;
import org.plenary.contribution.ContributionEvents.ContributionRejected;
import org.plenary.contribution.ContributionEvents.ContributionTakenBack;
import org.plenary.contribution.ContributionEvents.ContributionWithdrawn;
import org.plenary.contribution.ContributionEvents.ContributionsPublished;
import org.plenary.contribution.ContributionEvents.ContributionsReceived;
import org.plenary.contribution.ContributionEvents.NumbersAllocated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues the numbers each contribution event names once its transaction has committed; indexing
 * happens later, apart. The events are only a shortcut: the indexer's catch-up finds every change in
 * the register (after a restart too, from what the index last committed), so nothing here is kept
 * in the event publication registry. A module listener cost each event a listener transaction and
 * two more commits to mark its publication processing, then completed, for an in-memory queue.
 */
@Component
class IndexingListener {

  private final SearchIndexer indexer;

  IndexingListener(SearchIndexer indexer) {
    this.indexer = indexer;
  }

  @EventListener
  void on(NumbersAllocated event) {
    afterCommit(() -> indexer.enqueueAllocated(event.numbers()));
  }

  @EventListener
  void on(ContributionsReceived event) {
    afterCommit(event.received().stream().map(ContributionReceived::number).toList());
  }

  @EventListener
  void on(ContributionsPublished event) {
    afterCommit(event.published().stream().map(ContributionPublished::number).toList());
  }

  @EventListener
  void on(ContributionRejected event) {
    afterCommit(List.of(event.number()));
  }

  @EventListener
  void on(ContributionTakenBack event) {
    afterCommit(List.of(event.number()));
  }

  @EventListener
  void on(ContributionWithdrawn event) {
    afterCommit(List.of(event.number()));
  }

  /** Queues the numbers when the transaction that changed them commits (at once outside one); never when it rolls back. */
  private void afterCommit(List<String> numbers) {
    afterCommit(() -> indexer.enqueue(numbers));
  }

  private static void afterCommit(Runnable queue) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      queue.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        queue.run();
      }
    });
  }
}
