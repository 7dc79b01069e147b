package org.plenary.output;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.plenary.account.Countries;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputDocument;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.group.LeaderRole;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationStatus;
import org.plenary.shared.Violations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.plenary.shared.Words;
import org.springframework.stereotype.Component;

/**
 * Assembles the progress report for a period, for the group's management and the secretariat (it
 * counts participants from the registrations, which only they see); documents through
 * {@link OutputDesk}, so as {@link org.plenary.contribution.DocumentAccess} lets the reader see them.
 */
@Component
public class ProgressReports {

  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final RegistrationDesk registrations;
  private final OrganizationDirectory organizations;
  private final Countries countries;
  private final OutputDesk outputs;
  private final DeliverableDesk deliverables;
  private final LivingListDesk livingList;
  private final TermDesk terms;
  private final MilestonePlan plan;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Words words;

  ProgressReports(GroupCatalog groups, MeetingCatalog meetings, RegistrationDesk registrations,
      OrganizationDirectory organizations, Countries countries, OutputDesk outputs, DeliverableDesk deliverables,
      LivingListDesk livingList, TermDesk terms, MilestonePlan plan, JdbcClient jdbc, Clock clock, Words words) {
    this.words = words;
    this.groups = groups;
    this.meetings = meetings;
    this.registrations = registrations;
    this.organizations = organizations;
    this.countries = countries;
    this.outputs = outputs;
    this.deliverables = deliverables;
    this.livingList = livingList;
    this.terms = terms;
    this.plan = plan;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The report for meetings starting within [from, to], in the reader's language; the chair's paragraphs as last saved. */
  public ProgressReport report(String slug, LocalDate from, LocalDate to, PlenaryUser user) {
    return report(slug, from, to, user, org.plenary.shared.Words.reader());
  }

  /**
   * The report with its counts by category, country and organization named in {@code language} (an issued
   * report: the group's working language, whoever issues it).
   */
  public ProgressReport report(String slug, LocalDate from, LocalDate to, PlenaryUser user, java.util.Locale language) {
    Group group = manageable(slug, user);
    new Violations().check(from != null, "from", words.get("output.error.from"))
        .check(to != null, "to", words.get("output.error.to"))
        .check(from == null || to == null || !to.isBefore(from), "to", words.get("output.error.period"))
        .throwIfAny();
    Reader reader = Reader.of(user);
    List<Contribution> inputs = outputs.inputsOfGroup(slug, reader);
    List<OutputDocument> outs = outputs.ofGroup(slug, reader);
    String chair = org.plenary.shared.Listed.items(language, group.leaders(LeaderRole.CHAIR).stream().map(l -> l.personName()).toList());
    var held = new ArrayList<ProgressReport.MeetingHeld>();
    for (Meeting m : meetings.of(group).stream().sorted(Comparator.comparing(Meeting::startDate)).toList()) {
      if (m.startDate().isBefore(from) || m.startDate().isAfter(to)) {
        continue;
      }
      held.add(held(slug, m, chair, inputs, outs, user, language));
    }
    List<ProgressReport.OutputSummary> periodOutputs = outs.stream().filter(o -> held.stream()
        .anyMatch(h -> h.outputs().contains(o.number())))
        .map(o -> new ProgressReport.OutputSummary(o.number(), o.type(), o.document().title())).toList();
    return new ProgressReport(slug, group.acronym(), group.name(),
        group.parentSlug() == null ? null : groups.get(group.parentSlug()).acronym(), from, to, clock.instant(),
        held, periodOutputs, deliverables.list(slug, reader), livingList.current(slug, reader),
        terms.search(slug, null), plan.milestones(slug, reader), plan.lifetime(slug), notes(group, from, to));
  }

  /** Saves the chair's paragraphs for the period, whatever was saved since they were read. */
  public void saveNotes(String slug, LocalDate from, LocalDate to, String body, PlenaryUser user) {
    saveNotes(slug, from, to, body, org.plenary.shared.EditVersion.ANY, user);
  }

  /**
   * Saves the chair's paragraphs for the period, made on the version {@code read} names (0: none saved yet):
   * refused with {@link org.plenary.shared.ChangedMeanwhileException} when someone saved them since (the
   * chair and the vice-chairs edit the same text); the version saved. Under the row's lock; of two first saves
   * at once, the second finds the first's row (its key) and is refused the same way.
   */
  @org.springframework.transaction.annotation.Transactional
  public long saveNotes(String slug, LocalDate from, LocalDate to, String body, org.plenary.shared.EditVersion read,
      PlenaryUser user) {
    Group group = manageable(slug, user);
    long current = jdbc.sql("""
            SELECT version FROM progress_report_notes WHERE group_id = ? AND period_from = ? AND period_to = ?
            FOR UPDATE""").params(group.id().value(), from, to).query(Long.class).optional().orElse(0L);
    read.check(current, group.acronym());
    String text = body == null ? "" : body.strip();
    if (current == 0) {
      try {
        jdbc.sql("""
                INSERT INTO progress_report_notes (group_id, period_from, period_to, body, written_by, written_at, version)
                VALUES (?, ?, ?, ?, ?, ?, 1)""")
            .params(group.id().value(), from, to, text, user.getUsername(), clock.instant().atOffset(ZoneOffset.UTC))
            .update();
      } catch (org.springframework.dao.DuplicateKeyException first) {
        org.plenary.shared.EditVersion.of(0L).check(1, group.acronym());
      }
      return 1;
    }
    // Kept, empty, when cleared: the version goes on, so a page read before the clearing is refused too.
    jdbc.sql("""
            UPDATE progress_report_notes SET body = ?, written_by = ?, written_at = ?, version = version + 1
            WHERE group_id = ? AND period_from = ? AND period_to = ?""")
        .params(text, user.getUsername(), clock.instant().atOffset(ZoneOffset.UTC), group.id().value(), from, to)
        .update();
    return current + 1;
  }

  /** The version of the chair's paragraphs for the period: 0 while none were saved. */
  public long notesVersion(String slug, LocalDate from, LocalDate to) {
    return notesVersion(groups.get(slug), from, to);
  }

  private long notesVersion(Group group, LocalDate from, LocalDate to) {
    return jdbc.sql("SELECT version FROM progress_report_notes WHERE group_id = ? AND period_from = ? AND period_to = ?")
        .params(group.id().value(), from, to).query(Long.class).optional().orElse(0L);
  }

  private String notes(Group group, LocalDate from, LocalDate to) {
    return jdbc.sql("SELECT body FROM progress_report_notes WHERE group_id = ? AND period_from = ? AND period_to = ?")
        .params(group.id().value(), from, to).query(String.class).optional().filter(b -> !b.isBlank()).orElse(null);
  }

  private ProgressReport.MeetingHeld held(String slug, Meeting m, String chair, List<Contribution> inputs,
      List<OutputDocument> outs, PlenaryUser user, java.util.Locale language) {
    List<Registration> approved = registrations.participants(slug, m.code(), user).stream()
        .filter(r -> r.status() == RegistrationStatus.APPROVED).toList();
    List<Contribution> mine = inputs.stream().filter(c -> c.meetingId().equals(m.id())).toList();
    var byItem = new ArrayList<ProgressReport.ItemDocuments>();
    for (int i = 0; i < m.agenda().size(); i++) {
      Long itemId = m.agenda().get(i).id();
      byItem.add(new ProgressReport.ItemDocuments(i + 1, m.agenda().get(i).title(), mine.stream()
          .filter(c -> c.agendaItemIds().contains(itemId)).map(Contribution::number).toList()));
    }
    return new ProgressReport.MeetingHeld(m.code(), m.dates(language), m.venueName(), chair, approved.size(),
        count(approved, r -> category(r, language)),
        count(approved, r -> r.countryCode() == null ? "—" : countries.name(r.countryCode(), language)),
        count(approved, r -> r.organizationId() == null ? words.in(language, "output.report.ownName")
            : organizations.find(r.organizationId()).map(o -> o.name()).orElse("—")),
        mine.size(), byItem,
        outs.stream().filter(o -> o.document().meetingId().equals(m.id())).map(OutputDocument::number).toList());
  }

  private String category(Registration r, java.util.Locale language) {
    if (r.category() == null || Registration.INDIVIDUAL.equals(r.category())) {
      return words.in(language, "output.report.individuals");
    }
    try {
      return words.in(language, "organization.category." + OrganizationCategory.valueOf(r.category()).name());
    } catch (IllegalArgumentException unknown) {
      return r.category();
    }
  }

  private static Map<String, Long> count(List<Registration> registrations, Function<Registration, String> key) {
    return registrations.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private Group manageable(String slug, PlenaryUser user) {
    Group group = groups.get(slug);
    if (!groups.canManage(user, group)) {
      throw OutputRefusedException.notAllowed("output.refused.manage.report");
    }
    return group;
  }
}
