package org.plenary.contribution;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionEvents.NumbersAllocated;
import org.plenary.group.Group;
import org.plenary.meeting.Meeting;
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

  private static final int BATCH = 100;

  /** One waiting request and where its answer goes. */
  record Request(Group group, Meeting meeting, Allocation allocation, PlenaryUser user, List<String> coauthors,
      List<Long> coauthorIds, Instant at) {}

  private final Contributions contributions;
  private final ApplicationEventPublisher events;
  private final BatchWorker<Request, Contribution> worker;

  NumberAllocator(Contributions contributions, ApplicationEventPublisher events, TransactionTemplate transaction) {
    this.contributions = contributions;
    this.events = events;
    this.worker = new BatchWorker<>("number allocator", BATCH, transaction, this::record);
  }

  Contribution allocate(Request request) {
    return worker.submit(request);
  }

  @PreDestroy
  void stop() {
    worker.stop();
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
