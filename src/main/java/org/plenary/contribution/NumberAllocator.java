package org.plenary.contribution;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * takes all waiting requests, reserves as many numbers of each group's series (input or output) in one update (the
 * series row stays locked until the transaction commits, so nodes sharing the database queue on
 * it) and records them in one transaction. Numbers stay consecutive and are never reused, and one
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
   * Reserves the batch's numbers group by group and records the contributions, their co-authors and
   * audit lines, each in one batch of statements; all or nothing.
   */
  private List<Contribution> record(List<Request> batch) {
    Map<String, List<Request>> byGroup = new LinkedHashMap<>();
    batch.forEach(r -> byGroup.computeIfAbsent(r.group().id().value() + r.series().name(), k -> new ArrayList<>()).add(r));
    Map<Request, Contribution> made = new IdentityHashMap<>();
    for (List<Request> requests : byGroup.values()) {
      Group group = requests.get(0).group();
      DocumentSeries series = requests.get(0).series();
      Contributions.Reserved reserved = contributions.reserve(group.id(), series, requests.size());
      var rows = new ArrayList<Contributions.NewContribution>(requests.size());
      for (Request r : requests) {
        int sequence = reserved.last() - requests.size() + rows.size() + 1;
        Allocation a = r.allocation();
        rows.add(new Contributions.NewContribution(r.meeting().id(), series, sequence,
            "%s-%c-%04d".formatted(reserved.prefix(), series.letter(), sequence),
            a.title(), a.source(), a.agendaItemIds(), a.contact(), r.user().id().value(), r.at()));
      }
      Map<Integer, Long> ids = contributions.insertAll(group.id(), series, rows);
      var coauthors = new ArrayList<long[]>();
      var agendaItems = new ArrayList<long[]>();
      var audit = new ArrayList<Contributions.Audit>(requests.size());
      var outputs = new ArrayList<Contributions.OutputRow>();
      for (int i = 0; i < requests.size(); i++) {
        Request r = requests.get(i);
        Contributions.NewContribution row = rows.get(i);
        long id = ids.get(row.sequence());
        r.coauthorIds().forEach(account -> coauthors.add(new long[] {id, account}));
        row.agendaItemIds().forEach(item -> agendaItems.add(new long[] {id, item}));
        if (r.output() != null) {
          outputs.add(new Contributions.OutputRow(id, r.output().type(), r.output().answers()));
        }
        audit.add(new Contributions.Audit(id, "ALLOCATED", r.user().getUsername(), r.at(), null, null, row.title()));
        made.put(r, new Contribution(id, group.id(), row.meeting(), row.number(), row.title(), row.source(),
            row.agendaItemIds(), row.contact(), r.user().getUsername(), r.at(), r.coauthors(), false, null, List.of()));
      }
      contributions.addCoauthors(coauthors);
      contributions.addAgendaItems(agendaItems);
      contributions.addOutputs(outputs);
      contributions.auditAll(audit);
    }
    List<Contribution> answers = batch.stream().map(made::get).toList();
    events.publishEvent(new NumbersAllocated(answers.stream().map(Contribution::number).toList()));
    return answers;
  }
}
