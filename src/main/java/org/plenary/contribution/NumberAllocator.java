package org.plenary.contribution;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionEvents.NumbersAllocated;
import org.plenary.group.Group;
import org.plenary.meeting.Meeting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out document numbers. Requests that arrive together are allocated together: one worker
 * takes all waiting requests, reserves as many numbers of each group's series in one update (the
 * series row stays locked until the transaction commits, so nodes sharing the database queue on
 * it) and records them in one transaction. Numbers stay consecutive and are never reused, and one
 * commit serves many requests, which is what lets a thousand concurrent requests through quickly.
 */
@Component
class NumberAllocator {

  private static final Logger log = LoggerFactory.getLogger(NumberAllocator.class);
  private static final int BATCH = 100;

  /** One waiting request and where its answer goes. */
  record Request(Group group, Meeting meeting, Allocation allocation, PlenaryUser user, List<String> coauthors,
      List<Long> coauthorIds, Instant at, CompletableFuture<Contribution> answer) {}

  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Contributions contributions;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Thread worker;

  NumberAllocator(Contributions contributions, ApplicationEventPublisher events, TransactionTemplate transaction) {
    this.contributions = contributions;
    this.events = events;
    this.transaction = transaction;
    this.worker = new Thread(this::work, "number-allocator");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  Contribution allocate(Request request) {
    queue.add(request);
    try {
      return request.answer().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a document number.", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("No document number could be allocated within a minute; try again.", e);
    }
  }

  @PreDestroy
  void stop() {
    worker.interrupt();
  }

  private void work() {
    while (!Thread.currentThread().isInterrupted()) {
      var batch = new ArrayList<Request>();
      try {
        batch.add(queue.take());
      } catch (InterruptedException stopping) {
        return;
      }
      queue.drainTo(batch, BATCH - 1);
      try {
        List<Contribution> made = transaction.execute(status -> record(batch));
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).answer().complete(made.get(i));
        }
      } catch (RuntimeException failed) {
        if (batch.size() == 1) {
          batch.get(0).answer().completeExceptionally(failed);
        } else {
          log.warn("Allocating {} numbers together failed ({}); allocating them one by one.", batch.size(),
              failed.toString());
          batch.forEach(queue::add);
        }
      }
    }
  }

  /** Reserves the batch's numbers group by group and records each contribution; all or nothing. */
  private List<Contribution> record(List<Request> batch) {
    Map<Long, List<Request>> byGroup = new LinkedHashMap<>();
    batch.forEach(r -> byGroup.computeIfAbsent(r.group().id().value(), k -> new ArrayList<>()).add(r));
    Map<Request, Contribution> made = new java.util.IdentityHashMap<>();
    for (List<Request> requests : byGroup.values()) {
      Group group = requests.get(0).group();
      int last = contributions.reserve(group.id(), requests.size());
      String prefix = contributions.prefixOf(group.id(), ContributionDesk.seriesPrefix(group));
      int sequence = last - requests.size();
      for (Request r : requests) {
        sequence++;
        String number = "%s-I-%04d".formatted(prefix, sequence);
        Allocation a = r.allocation();
        long id = contributions.insert(group.id(), r.meeting().id(), sequence, number, a.title(), a.source(),
            a.agendaItems(), a.contact(), r.user().id().value(), r.at());
        r.coauthorIds().forEach(account -> contributions.addCoauthor(id, account));
        contributions.audit(id, "ALLOCATED", r.user().getUsername(), r.at(), null, null, a.title());
        made.put(r, new Contribution(id, group.id(), r.meeting().id(), number, a.title(), a.source(), a.agendaItems(),
            a.contact(), r.user().getUsername(), r.at(), r.coauthors(), false, null, List.of()));
      }
    }
    List<Contribution> answers = batch.stream().map(made::get).toList();
    events.publishEvent(new NumbersAllocated(answers.stream().map(Contribution::number).toList()));
    return answers;
  }
}
