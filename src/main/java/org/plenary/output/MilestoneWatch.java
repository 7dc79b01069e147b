package org.plenary.output;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.account.Role;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.Leases;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks every hour (and whenever {@link #check()} is called) for milestones due within 14 days or
 * overdue, and lifetimes ending within 60 days, and announces each once per subject and kind
 * ({@link MilestoneNotice}, mailed by {@code notification}). The notice and the record that it was
 * sent are one transaction, so that nodes sharing the database announce it once between them.
 */
@Component
class MilestoneWatch {

  private final GroupCatalog groups;
  private final MilestonePlan plan;
  private final AccountDirectory accounts;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Leases leases;

  MilestoneWatch(GroupCatalog groups, MilestonePlan plan, AccountDirectory accounts, JdbcClient jdbc,
      ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock, Leases leases) {
    this.leases = leases;
    this.groups = groups;
    this.plan = plan;
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.events = events;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Hourly, on one node of several sharing the database (a lease). */
  @Scheduled(initialDelay = 120_000, fixedDelay = 3_600_000)
  void scheduled() {
    leases.runOnce("milestone-watch", Duration.ofHours(1), this::check);
  }

  /** Announces what is due and not yet announced; returns the notices sent. */
  List<MilestoneNotice> check() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    var sent = new ArrayList<MilestoneNotice>();
    for (Group group : groups.all()) {
      List<String> recipients = recipients(group);
      for (TrackedMilestone m : plan.milestones(group.slug(), new Reader("system"))) {
        if (m.standing() == TrackedMilestone.Standing.DUE_SOON) {
          once(group, MilestoneNotice.Kind.DUE_SOON, m.title(), m.dueOn(), recipients, sent);
        } else if (m.standing() == TrackedMilestone.Standing.OVERDUE) {
          once(group, MilestoneNotice.Kind.OVERDUE, m.title(), m.dueOn(), recipients, sent);
        }
      }
      LocalDate end = plan.lifetime(group.slug()).endsOn();
      if (end != null && !end.isBefore(today) && ChronoUnit.DAYS.between(today, end) <= 60) {
        once(group, MilestoneNotice.Kind.LIFETIME_ENDING, "lifetime ending " + end, end, recipients, sent);
      }
    }
    return sent;
  }

  private void once(Group group, MilestoneNotice.Kind kind, String subject, LocalDate dueOn, List<String> recipients,
      List<MilestoneNotice> sent) {
    // Cut by characters, as the column counts them: a cut in UTF-16 units could keep half of one.
    String key = org.plenary.shared.CodePoints.first(subject, 560);
    boolean announced = jdbc.sql("SELECT COUNT(*) FROM milestone_notices WHERE group_id = ? AND kind = ? AND subject = ?")
        .params(group.id().value(), kind.name(), key + " " + dueOn).query(Long.class).single() > 0;
    if (announced) {
      return;
    }
    var notice = new MilestoneNotice(kind, group.slug(), group.acronym(), subject, dueOn, recipients);
    try {
      transaction.executeWithoutResult(status -> {
        jdbc.sql("INSERT INTO milestone_notices (group_id, kind, subject, sent_at) VALUES (?, ?, ?, ?)")
            .params(group.id().value(), kind.name(), key + " " + dueOn, clock.instant().atOffset(ZoneOffset.UTC))
            .update();
        events.publishEvent(notice);
      });
      sent.add(notice);
    } catch (DuplicateKeyException anotherNodeAnnouncedIt) {
      // Announced once, by the other node.
    }
  }

  /** The group's management with an account, and every secretariat account. */
  private List<String> recipients(Group group) {
    var emails = new LinkedHashSet<String>();
    group.leaders().stream().filter(l -> l.username() != null).forEach(l -> accounts.find(l.username())
        .map(Account::email).ifPresent(emails::add));
    accounts.all().stream().filter(a -> a.has(Role.SECRETARIAT)).map(Account::email).forEach(emails::add);
    return List.copyOf(emails);
  }
}
