package org.plenary.search;

import java.util.List;
import org.plenary.contribution.ContributionEvents.ContributionPublished;
import org.plenary.contribution.ContributionEvents.ContributionReceived;
import org.plenary.contribution.ContributionEvents.ContributionRejected;
import org.plenary.contribution.ContributionEvents.ContributionWithdrawn;
import org.plenary.contribution.ContributionEvents.ContributionsPublished;
import org.plenary.contribution.ContributionEvents.ContributionsReceived;
import org.plenary.contribution.ContributionEvents.NumbersAllocated;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Queues the numbers each contribution event names, after its transaction committed; indexing happens later, apart. */
@Component
class IndexingListener {

  private final SearchIndexer indexer;

  IndexingListener(SearchIndexer indexer) {
    this.indexer = indexer;
  }

  @ApplicationModuleListener
  void on(NumbersAllocated event) {
    indexer.enqueue(event.numbers());
  }

  @ApplicationModuleListener
  void on(ContributionsReceived event) {
    indexer.enqueue(event.received().stream().map(ContributionReceived::number).toList());
  }

  @ApplicationModuleListener
  void on(ContributionsPublished event) {
    indexer.enqueue(event.published().stream().map(ContributionPublished::number).toList());
  }

  @ApplicationModuleListener
  void on(ContributionRejected event) {
    indexer.enqueue(List.of(event.number()));
  }

  @ApplicationModuleListener
  void on(ContributionWithdrawn event) {
    indexer.enqueue(List.of(event.number()));
  }
}
