package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;
import org.plenary.group.Milestone;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Milestone mails with a test clock: due within 14 days, overdue, the lifetime ending within 60
 * days, each mailed once to the group's management and the secretariat. Dates lie a year ahead of
 * the real clock, so the application's own hourly watch finds nothing to announce for this group.
 */
@DemoTest
class MilestoneWatchTests {

  @Autowired GroupCatalog groups;
  @Autowired AccountDirectory accounts;
  @Autowired DeliverableDesk deliverables;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired org.plenary.shared.Words words;

  @Test
  void mailsDueSoonOverdueAndLifetimeEndingOncePerMilestoneAndKind() throws Exception {
    LocalDate base = LocalDate.now(ZoneOffset.UTC).plusDays(400);
    accounts.create(new NewAccount("watchchair", "watchchair@example.org", "Watch Chair", null, null, Set.of()),
        "watch-password", false);
    groups.create(new GroupDraft("watched", "FG Watched", "Focus Group Watched", null, null, "English", 12, null, null,
        List.of(), List.of(new Leader(LeaderRole.CHAIR, "Watch Chair", null, null, "watchchair")),
        List.of(new Milestone(base.minusDays(5), "First draft"), new Milestone(base.plusDays(10), "Second draft"),
            new Milestone(base.plusDays(100), "Final report"))));
    groups.recordFirstMeeting(groups.get("watched").id(), base.minusMonths(12).plusDays(40));
    LocalDate end = groups.get("watched").lifetimeEndsOn().orElseThrow();

    List<MilestoneNotice> first = watchAt(base).check().stream().filter(n -> n.groupSlug().equals("watched")).toList();
    assertThat(first).extracting(MilestoneNotice::kind, MilestoneNotice::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(MilestoneNotice.Kind.OVERDUE, "First draft"),
        org.assertj.core.groups.Tuple.tuple(MilestoneNotice.Kind.DUE_SOON, "Second draft"),
        org.assertj.core.groups.Tuple.tuple(MilestoneNotice.Kind.LIFETIME_ENDING, "lifetime ending " + end));
    assertThat(first.get(0).recipients()).contains("watchchair@example.org", "tsb@demo.plenary.example");
    assertThat(watchAt(base.plusDays(1)).check()).noneMatch(n -> n.groupSlug().equals("watched"));

    List<MilestoneNotice> later = watchAt(base.plusDays(11)).check().stream()
        .filter(n -> n.groupSlug().equals("watched")).toList();
    assertThat(later).extracting(MilestoneNotice::kind, MilestoneNotice::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(MilestoneNotice.Kind.OVERDUE, "Second draft"));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> subjects = List.of();
    while (System.nanoTime() < deadline && subjects.size() < 4) {
      subjects = jdbc.sql("SELECT subject FROM mail_messages WHERE subject LIKE 'FG Watched%' ORDER BY id")
          .query(String.class).list();
      Thread.sleep(100);
    }
    // Dates are written the recipient's way ("7 June 2027"), not as ISO codes.
    var day = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH);
    assertThat(subjects).containsExactlyInAnyOrder(
        "FG Watched milestone overdue since " + day.format(base.minusDays(5)) + ": First draft",
        "FG Watched milestone due on " + day.format(base.plusDays(10)) + ": Second draft",
        "FG Watched lifetime ends on " + day.format(end),
        "FG Watched milestone overdue since " + day.format(base.plusDays(10)) + ": Second draft");
    assertThat(jdbc.sql("SELECT recipients FROM mail_messages WHERE subject LIKE 'FG Watched lifetime%'")
        .query(String.class).single()).contains("watchchair@example.org").contains("tsb@demo.plenary.example");
  }

  /**
   * A milestone is remembered as announced by its title, cut to its column by characters: cut in UTF-16 units, a title
   * of emoji kept the first half of one (stored as '?' in PostgreSQL, so a title differing there was taken as announced).
   */
  @Test
  void aLongTitleIsRememberedCutByWholeCharacters() {
    LocalDate base = LocalDate.now(ZoneOffset.UTC).plusDays(430);
    // 561 UTF-16 units: the 560th is the first half of the last emoji; in characters the title is 281 long.
    String title = "a" + "\uD83D\uDE00".repeat(280);
    groups.create(new GroupDraft("watchcut", "FG Watchcut", "Focus Group Watchcut", null, null, "English", 12, null, null,
        List.of(), List.of(), List.of(new Milestone(base.plusDays(3), title))));

    assertThat(watchAt(base).check()).filteredOn(n -> n.groupSlug().equals("watchcut"))
        .extracting(MilestoneNotice::subject).containsExactly(title);
    String kept = jdbc.sql("SELECT n.subject FROM milestone_notices n JOIN plenary_groups g ON g.id = n.group_id"
        + " WHERE g.slug = 'watchcut'").query(String.class).single();
    assertThat(kept.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).as(kept).isTrue();
    assertThat(kept).isEqualTo(title + " " + base.plusDays(3));
    assertThat(watchAt(base.plusDays(1)).check()).noneMatch(n -> n.groupSlug().equals("watchcut"));
  }

  private MilestoneWatch watchAt(LocalDate day) {
    Clock clock = Clock.fixed(Instant.parse(day + "T08:00:00Z"), ZoneOffset.UTC);
    MilestonePlan plan = new MilestonePlan(groups, deliverables, jdbc, clock, words);
    return new MilestoneWatch(groups, plan, accounts, jdbc, events, transaction, clock, new org.plenary.shared.Leases(jdbc, clock, "test", "0"));
  }
}
