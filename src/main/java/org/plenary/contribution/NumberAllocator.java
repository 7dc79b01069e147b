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
 * takes all waiting requests, records them in one transaction and, last, reserves as many numbers of
 * each group's series (input or output) in one update (the series row stays locked until the
 * transaction commits, so nodes sharing the database queue on it). Numbers stay consecutive and are never reused, and one
 * commit serves many requests, which is what lets a thousand concurrent requests through quickly.
 */
@Component
class NumberAllocator {

  private static final int BATCH = 100;

  /** One waiting request and where its answer goes. */
  record Request(DocumentSeries series, Group group, Meeting meeting, Allocation allocation, PlenaryUser user,
      List<String> coauthors, List<Long> coauthorIds, OutputDetails output, Instant at) {}

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
   * Records the batch's contributions, their co-authors and audit lines, series by series, each in
   * one batch of statements, and numbers them last; all or nothing. The series rows' locks, which
   * every node's batches queue on, are taken only then (in one order, so that two nodes never wait on
   * each other's), and held for as little as the numbering, the event and the commit: the other
   * node's batch is written meanwhile.
   */
  private List<Contribution> record(List<Request> batch) {
    Map<String, List<Request>> bySeries = new TreeMap<>();
    batch.forEach(r -> bySeries.computeIfAbsent("%019d%s".formatted(r.group().id().value(), r.series().name()),
        k -> new ArrayList<>()).add(r));
    Map<List<Request>, List<Long>> recorded = new IdentityHashMap<>();
    for (List<Request> requests : bySeries.values()) {
      recorded.put(requests, recordUnnumbered(requests));
    }
    Map<Request, Contribution> made = new IdentityHashMap<>();
    int left = bySeries.size();
    for (List<Request> requests : bySeries.values()) {
      Group group = requests.get(0).group();
      DocumentSeries series = requests.get(0).series();
      List<Long> ids = recorded.get(requests);
      List<String> numbers = contributions.number(group.id(), series, ids, --left == 0);
      for (int i = 0; i < requests.size(); i++) {
        Request r = requests.get(i);
        Allocation a = r.allocation();
        made.put(r, new Contribution(ids.get(i), group.id(), r.meeting().id(), numbers.get(i), a.title(), a.source(),
            a.agendaItemIds(), a.contact(), r.user().getUsername(), r.at(), r.coauthors(), false, null, List.of()));
      }
    }
    List<Contribution> answers = batch.stream().map(made::get).toList();
    events.publishEvent(new NumbersAllocated(answers));
    return answers;
  }

  /** Records the contributions of one series, unnumbered, with their co-authors, agenda items, outputs and audit lines. */
  private List<Long> recordUnnumbered(List<Request> requests) {
    Group group = requests.get(0).group();
    DocumentSeries series = requests.get(0).series();
    var rows = new ArrayList<Contributions.NewContribution>(requests.size());
    for (Request r : requests) {
      Allocation a = r.allocation();
      rows.add(new Contributions.NewContribution(r.meeting().id(), a.title(), a.source(), a.agendaItemIds(), a.contact(),
          r.user().id().value(), r.at()));
    }
    List<Long> ids = contributions.insertUnnumbered(group.id(), series, rows);
    var coauthors = new ArrayList<long[]>();
    var agendaItems = new ArrayList<long[]>();
    var audit = new ArrayList<Contributions.Audit>(requests.size());
    var outputs = new ArrayList<Contributions.OutputRow>();
    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      long id = ids.get(i);
      r.coauthorIds().forEach(account -> coauthors.add(new long[] {id, account}));
      r.allocation().agendaItemIds().forEach(item -> agendaItems.add(new long[] {id, item}));
      if (r.output() != null) {
        outputs.add(new Contributions.OutputRow(id, r.output().type(), r.output().answers()));
      }
      audit.add(new Contributions.Audit(id, "ALLOCATED", r.user().getUsername(), r.at(), null, null, r.allocation().title()));
    }
    contributions.addCoauthors(coauthors);
    contributions.addAgendaItems(agendaItems);
    contributions.addOutputs(outputs);
    contributions.auditAll(audit);
    return ids;
  }
}
