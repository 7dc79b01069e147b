package org.plenary.output;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.Violations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.plenary.shared.Words;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The group's plan as it stands: its milestones against the deliverables serving them, and its
 * lifetime with the extensions decided by the parent group.
 */
@Component
public class MilestonePlan {

  private final GroupCatalog groups;
  private final DeliverableDesk deliverables;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Words words;

  MilestonePlan(GroupCatalog groups, DeliverableDesk deliverables, JdbcClient jdbc, Clock clock, Words words) {
    this.words = words;
    this.groups = groups;
    this.deliverables = deliverables;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The group's milestones in date order, each against its deliverables, as the reader may see them. */
  public List<TrackedMilestone> milestones(String slug, Reader reader) {
    Group group = groups.get(slug);
    List<Deliverable> all = deliverables.list(slug, reader);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return group.milestones().stream().sorted(java.util.Comparator.comparing(org.plenary.group.Milestone::dueOn))
        .map(m -> TrackedMilestone.of(m.dueOn(), m.title(),
            all.stream().filter(d -> m.title().equals(d.milestone())).toList(), today))
        .toList();
  }

  /** One page of the group's milestones ({@link #milestones(String, Reader)}), read by key in (due date, title) order. */
  public org.plenary.shared.Paged<TrackedMilestone> milestones(String slug, Reader reader,
      org.plenary.shared.Paged.Asked asked) {
    Group group = groups.get(slug);
    var page = groups.milestones(group.id(), asked);
    // only the deliverables serving the page's milestones, not the group's whole list
    List<Deliverable> all = deliverables.serving(slug, reader,
        page.rows().stream().map(org.plenary.group.Milestone::title).collect(java.util.stream.Collectors.toSet()));
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return page.map(m -> TrackedMilestone.of(m.dueOn(), m.title(),
        all.stream().filter(d -> m.title().equals(d.milestone())).toList(), today));
  }

  public GroupLifetime lifetime(String slug) {
    Group group = groups.get(slug);
    List<GroupLifetime.Extension> extensions = jdbc.sql("""
            SELECT months, decided_by, decided_on FROM lifetime_extensions WHERE group_id = ? ORDER BY decided_on, id""")
        .param(group.id().value())
        .query((rs, n) -> new GroupLifetime.Extension(rs.getInt(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
        .list();
    int months = extensions.stream().mapToInt(GroupLifetime.Extension::months).sum();
    return new GroupLifetime(group.firstMeetingOn(),
        group.lifetimeEndsOn().map(end -> end.plusDays(1).plusMonths(months).minusDays(1)).orElse(null), extensions);
  }

  /** Records an extension of the lifetime decided by the parent group (secretariat or management). */
  public GroupLifetime extend(String slug, int months, String decidedBy, LocalDate decidedOn, PlenaryUser user) {
    return extend(slug, months, decidedBy, decidedOn, user, org.plenary.shared.EditVersion.ANY);
  }

  /**
   * As {@link #extend(String, int, String, LocalDate, PlenaryUser)}, on the lifetime its recorder saw: {@code seen}
   * the {@link GroupLifetime#version()} their page showed (null for whatever stands). An extension recorded since (the same
   * decision sent from another tab, by another manager, or the form sent again) refuses this one, which would
   * otherwise extend the group a second time in silence. Checked under the group's row lock.
   */
  @Transactional
  public GroupLifetime extend(String slug, int months, String decidedBy, LocalDate decidedOn, PlenaryUser user,
      Long seen) {
    return extend(slug, months, decidedBy, decidedOn, user, org.plenary.shared.EditVersion.of(seen));
  }

  /**
   * As above, the lifetime read named by an {@code If-Match} ({@code "v<n>"}: the {@link GroupLifetime#version()}
   * the reader saw, the ETag of the API's lifetime; a list of them, or {@code *} for whatever stands). A lifetime
   * whose start or end moved since (the first meeting moved, the terms' months changed) refuses it as well: the
   * decision was taken on dates that no longer stand.
   */
  @Transactional
  public GroupLifetime extend(String slug, int months, String decidedBy, LocalDate decidedOn, PlenaryUser user,
      org.plenary.shared.EditVersion seen) {
    Group group = groups.get(slug);
    if (!groups.canManage(user, group)) {
      throw OutputRefusedException.notAllowed("output.refused.manage.extension");
    }
    new Violations()
        .check(months >= 1 && months <= 24, "months", words.get("output.error.months"))
        .check(decidedBy != null && !decidedBy.isBlank(), "decidedBy", words.get("output.error.decidedBy"))
        .check(decidedOn != null, "decidedOn", words.get("output.error.decidedOn"))
        .throwIfAny();
    groups.lockForChange(group.id());
    if (!seen.accepted().isEmpty()) {
      GroupLifetime now = lifetime(slug);
      if (!seen.accepts(now.version())) {
        String endsOn = now.endsOn() == null ? "" : org.plenary.group.Days.day(now.endsOn(), Words.reader());
        boolean extended = seen.accepted().stream()
            .noneMatch(v -> v >= 0 && GroupLifetime.extensionsIn(v) == now.extensions().size());
        throw extended
            ? OutputRefusedException.changedSinceRead("output.refused.extensionMeanwhile", group.acronym(), endsOn)
            : OutputRefusedException.changedSinceRead("output.refused.lifetimeMeanwhile", group.acronym(),
                now.startsOn() == null ? "" : org.plenary.group.Days.day(now.startsOn(), Words.reader()), endsOn);
      }
    }
    Instant now = clock.instant();
    jdbc.sql("""
            INSERT INTO lifetime_extensions (group_id, months, decided_by, decided_on, recorded_at)
            VALUES (?, ?, ?, ?, ?)""")
        .params(group.id().value(), months, decidedBy.strip(), Date.valueOf(decidedOn), now.atOffset(ZoneOffset.UTC))
        .update();
    return lifetime(slug);
  }
}
