package org.plenary.contribution;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionEvents.NumbersAllocated;
import org.plenary.group.Group;
import org.plenary.meeting.Meeting;
import org.plenary.shared.BatchWorker;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out document numbers. Requests that arrive together are allocated together: one worker
 * takes all waiting requests and records them in one transaction, numbered with as many numbers of
 * each group's series (input or output) reserved in one update (the series row stays locked until the
 * transaction commits, so nodes sharing the database queue on it). Numbers stay consecutive and are never reused, and one
 * commit serves many requests, which is what lets a thousand concurrent requests through quickly.
 */
@Component
class NumberAllocator {

  private static final int BATCH = 100;

  /**
   * One waiting request and where its answer goes. {@code unusedCap}: how many numbers of the meeting
   * with nothing uploaded the account may hold once this one is made (0: no cap).
   */
  record Request(DocumentSeries series, Group group, Meeting meeting, Allocation allocation, PlenaryUser user,
      List<String> coauthors, List<Long> coauthorIds, OutputDetails output, Instant at, int unusedCap) {}

  /**
   * Thrown in the batch's transaction when a request would leave its account holding more unused
   * numbers of the meeting than its cap: the batch rolls back and its requests are made one by one,
   * so that only those past the cap are refused (the desk tells them why, in the reader's language).
   */
  static final class UnusedCapReached extends RuntimeException {
    UnusedCapReached() {
      super("The account holds as many unused numbers of the meeting as it may.", null, false, false);
    }
  }

  /** What an output document records beside its number: its type and the input numbers it answers. */
  record OutputDetails(OutputType type, List<String> answers) {}

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

  /**
   * Records the batch's contributions, numbered, with their audit lines, co-authors and agenda items,
   * series by series; all or nothing. Each series' numbering takes its row's lock, which every node's
   * batches queue on (in one order, so that two nodes never wait on each other's), held until the
   * commit: the rows are written once, already numbered, rather than written unnumbered before the
   * lock and written again to number them, which cost PostgreSQL each row twice.
   */
  private List<Contribution> record(List<Request> batch) {
    Map<String, List<Request>> bySeries = new TreeMap<>();
    batch.forEach(r -> bySeries.computeIfAbsent("%019d%s".formatted(r.group().id().value(), r.series().name()),
        k -> new ArrayList<>()).add(r));
    Map<Request, Contribution> made = new IdentityHashMap<>();
    int left = bySeries.size();
    for (List<Request> requests : bySeries.values()) {
      Group group = requests.get(0).group();
      var rows = new ArrayList<Contributions.NewContribution>(requests.size());
      for (Request r : requests) {
        Allocation a = r.allocation();
        rows.add(new Contributions.NewContribution(r.meeting().id(), a.title(), a.source(), a.contact(),
            r.user().id().value(), r.user().getUsername(), r.at()));
      }
      Contributions.Numbered numbered = contributions.insertNumbered(group.id(), requests.get(0).series(), rows,
          --left == 0);
      checkUnusedCaps(group, requests);
      recordDetails(requests, numbered.ids());
      for (int i = 0; i < requests.size(); i++) {
        Request r = requests.get(i);
        Allocation a = r.allocation();
        made.put(r, new Contribution(numbered.ids().get(i), group.id(), r.meeting().id(), numbered.numbers().get(i),
            a.title(), a.source(), a.agendaItemIds(), a.contact(), r.user().getUsername(), r.at(), r.coauthors(), false,
            null, List.of()));
      }
    }
    List<Contribution> answers = batch.stream().map(made::get).toList();
    events.publishEvent(new NumbersAllocated(answers));
    return answers;
  }

  /**
   * The cap on unused numbers, counted again once the batch's numbers are recorded, under the series
   * lock that every allocation of the group's meetings takes on every node: the desk's count before a
   * request is queued is read outside it, so requests sent together all passed it (a delegate's 120
   * parallel requests under a cap of 50 made 73 numbers). One grouped count for the batch's capped accounts.
   */
  private void checkUnusedCaps(Group group, List<Request> requests) {
    var capped = requests.stream().filter(r -> r.unusedCap() > 0).toList();
    if (capped.isEmpty()) {
      return;
    }
    var held = contributions.unusedNumbers(group.id(), capped.stream().map(r -> r.user().id().value()).distinct().toList(),
        capped.stream().map(r -> r.meeting().id().value()).distinct().toList());
    for (Request r : capped) {
      if (held.getOrDefault(Contributions.holder(r.user().id().value(), r.meeting().id().value()), 0) > r.unusedCap()) {
        throw new UnusedCapReached();
      }
    }
  }

  /** Records the co-authors, agenda items and output details of contributions just recorded (those that have any). */
  private void recordDetails(List<Request> requests, List<Long> ids) {
    var coauthors = new ArrayList<long[]>();
    var agendaItems = new ArrayList<long[]>();
    var outputs = new ArrayList<Contributions.OutputRow>();
    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      long id = ids.get(i);
      r.coauthorIds().forEach(account -> coauthors.add(new long[] {id, account}));
      r.allocation().agendaItemIds().forEach(item -> agendaItems.add(new long[] {id, item}));
      if (r.output() != null) {
        outputs.add(new Contributions.OutputRow(id, r.output().type(), r.output().answers()));
      }
    }
    contributions.addCoauthors(coauthors);
    contributions.addAgendaItems(agendaItems);
    contributions.addOutputs(outputs);
  }
}
