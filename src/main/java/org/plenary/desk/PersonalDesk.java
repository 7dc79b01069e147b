package org.plenary.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.ContributionFile;
import org.plenary.contribution.FileState;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Deadline;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Attendance;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationStatus;
import org.plenary.visa.VisaDesk;
import org.plenary.visa.VisaRequest;
import org.plenary.visa.VisaStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rules of a desk: what waits for a participant (their registrations, visa requests and re-issue requests, documents
 * and the next deadline of each meeting they are registered for), a focal point (their people's
 * registrations to decide, their visa requests), group management (coming meetings, milestones)
 * and the secretariat (every registration to decide, every incoming queue, visa requests and re-issue requests, registrations waiting longer than
 * {@code plenary.desk.waiting-days}, failed mails).
 */
@Component
public class PersonalDesk {

  /** Milestones shown from this long before they are due, and this long after. */
  private static final int MILESTONE_DAYS_AHEAD = 120;
  private static final int MILESTONE_DAYS_OVERDUE = 60;

  /** A row's reason in the desk's table at most: a registration's rejection reason (its column). */
  public static final int REASON_MAX = RegistrationDesk.REASON_MAX;

  private final RegistrationDesk registrations;
  private final VisaDesk visas;
  private final ContributionDesk contributions;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final ObjectProvider<MailFailures> mail;
  private final Clock clock;
  private final int waitingDays;

  PersonalDesk(RegistrationDesk registrations, VisaDesk visas, ContributionDesk contributions, MeetingCatalog meetings,
      GroupCatalog groups, ObjectProvider<MailFailures> mail, Clock clock,
      @Value("${plenary.desk.waiting-days:7}") int waitingDays) {
    this.registrations = registrations;
    this.visas = visas;
    this.contributions = contributions;
    this.meetings = meetings;
    this.groups = groups;
    this.mail = mail;
    this.clock = clock;
    this.waitingDays = waitingDays;
  }

  public Desk of(PlenaryUser user) {
    Instant now = clock.instant();
    List<Registration> mine = registrations.of(user);
    List<Group> led = groups.all().stream().filter(g -> leads(user, g)).toList();
    boolean focal = !user.focalPointOf().isEmpty();
    var roles = new ArrayList<>(List.of("PARTICIPANT"));
    if (focal) {
      roles.add("FOCAL_POINT");
    }
    if (!led.isEmpty()) {
      roles.add("MANAGEMENT");
    }
    if (user.isStaff()) {
      roles.add("SECRETARIAT");
    }
    List<Registration> people = focal ? registrations.ofPeopleOf(user) : List.of();
    // What the navigation's "To decide" counts (RegistrationDesk#waitingCount) and leads to: for the secretariat
    // every registration waiting, for a focal point their organizations'. The secretariat's count led to no list.
    List<Registration> toDecide = focal || user.isStaff() ? registrations.waitingFor(user) : List.of();
    return new Desk(roles,
        sorted(mine.stream().map(this::registration).toList()),
        sorted(visaItems(visas.ofRegistrations(mine.stream().map(Registration::id).toList()))),
        sorted(documents(user, now)),
        sorted(nextDeadlines(mine, now)),
        sorted(toDecide.stream().map(this::toDecide).toList()),
        sorted(visaItems(visas.ofRegistrations(people.stream().map(Registration::id).toList()))),
        led.stream().flatMap(g -> comingMeetings(g, user, now).stream()).toList(),
        sorted(led.stream().flatMap(g -> milestones(g).stream()).toList()),
        user.isStaff() ? incoming() : List.of(),
        user.isStaff() ? sorted(java.util.stream.Stream.concat(visas.waiting(user).stream().map(this::visa),
            visas.toReissue(user).stream().map(this::toReissue)).toList()) : List.of(),
        user.isStaff() ? sorted(waitingLong(user, now)) : List.of(),
        user.isStaff() ? mail.getIfAvailable(() -> () -> 0).failedCount() : 0,
        waitingDays);
  }

  private static boolean leads(PlenaryUser user, Group group) {
    return group.leaders().stream().anyMatch(l -> user.getUsername().equalsIgnoreCase(Objects.toString(l.username(), "")));
  }

  /** "FG Cloud meeting 2701-gva, 28–30 January 2027" in the reader's language ("Réunion du FG Cloud …"). */
  private String meetingName(Meeting meeting) {
    String acronym = groups.get(meeting.groupId()).acronym();
    return org.plenary.shared.Words.said(new org.springframework.context.support.DefaultMessageSourceResolvable(
        new String[] {"desk.item.meeting"}, new Object[] {acronym, meeting.code(), meeting.dates(org.plenary.shared.Words.reader())},
        org.plenary.shared.Listed.parts(java.util.Locale.ENGLISH, acronym + " meeting " + meeting.code(), meeting.dates())));
  }

  /** What a page marks in an item named after {@code meeting}: its group's acronym in the group's language. */
  private DeskItem.Marks marks(Meeting meeting) {
    Group group = groups.get(meeting.groupId());
    return new DeskItem.Marks(group.workingLocale().getLanguage(), group.acronym(), meeting.code(),
        meeting.dates(org.plenary.shared.Words.reader()));
  }

  /** What a page marks in an item about {@code group}: its acronym, its milestone's title, in the group's language. */
  private static DeskItem.Marks marks(Group group) {
    return new DeskItem.Marks(group.workingLocale().getLanguage(), group.acronym(), null, null);
  }

  private DeskItem registration(Registration r) {
    Meeting meeting = meetings.get(r.meetingId());
    return new DeskItem(DeskItem.Kind.REGISTRATION, r.id(), meetingName(meeting), r.status().name(), r.number(),
        r.rejectReason(), null, meeting.timeZone().getId(), null, "/registrations/" + r.id()).marked(marks(meeting));
  }

  private DeskItem toDecide(Registration r) {
    Meeting meeting = meetings.get(r.meetingId());
    Deadline closes = meeting.deadline(Deadline.Kind.REGISTRATION);
    return new DeskItem(DeskItem.Kind.REGISTRATION, r.id(), r.fullName(), r.status().name(), meetingName(meeting),
        null, closes.dueAt(), meeting.timeZone().getId(), null, "/registrations/" + r.id(), r.version())
        .marked(marks(meeting));
  }

  private DeskItem visa(VisaRequest v) {
    Meeting meeting = meetings.get(v.meetingId());
    boolean returned = v.status() == VisaStatus.RETURNED;
    Instant due = returned || v.status() == VisaStatus.REQUESTED ? visaDeadline(meeting) : null;
    return new DeskItem(DeskItem.Kind.VISA_REQUEST, v.id(), v.fullName(), v.status().name(), meetingName(meeting),
        v.reason(), due, meeting.timeZone().getId(), null,
        returned ? "/registrations/" + v.registrationId() + "/visa" : "/visa/" + v.id()).marked(marks(meeting));
  }

  /** Visa requests, and the open re-issue request of each whose holder asked for a new letter. */
  private List<DeskItem> visaItems(List<VisaRequest> requests) {
    return java.util.stream.Stream.concat(requests.stream().map(this::visa),
        visas.askedAgain(requests).stream().map(this::askedAgain)).toList();
  }

  /**
   * A new letter asked for: waiting for the secretariat to re-issue it or decline, with the asker's reason; due as the
   * meeting's other visa items are, by its visa-support deadline.
   */
  private DeskItem askedAgain(VisaDesk.AskedAgain asked) {
    VisaRequest v = asked.request();
    Meeting meeting = meetings.get(v.meetingId());
    return new DeskItem(DeskItem.Kind.REISSUE_REQUEST, v.id(), v.fullName(), asked.ask().state().name(),
        meetingName(meeting), asked.ask().reason(), visaDeadline(meeting), meeting.timeZone().getId(), null, "/visa/" + v.id())
        .marked(marks(meeting));
  }

  /** A letter for the secretariat to issue again: asked for by its holder, or its meeting moved, or its facts unknown. */
  private DeskItem toReissue(VisaDesk.ToReissue letter) {
    if (letter.asked() != null) {
      return askedAgain(new VisaDesk.AskedAgain(letter.request(), letter.asked()));
    }
    VisaRequest v = letter.request();
    Meeting meeting = meetings.get(v.meetingId());
    return new DeskItem(DeskItem.Kind.LETTER_TO_REISSUE, v.id(), v.fullName(), letter.moved() ? "MOVED" : "FACTS_UNKNOWN",
        meetingName(meeting), null, visaDeadline(meeting), meeting.timeZone().getId(), null, "/visa/" + v.id())
        .marked(marks(meeting));
  }

  private static Instant visaDeadline(Meeting meeting) {
    return meeting.deadline(Deadline.Kind.VISA_SUPPORT).dueAt();
  }

  private List<DeskItem> documents(PlenaryUser user, Instant now) {
    var items = new ArrayList<DeskItem>();
    for (Contribution c : contributions.of(user)) {
      Meeting meeting = meetings.get(c.meetingId());
      if (!meeting.isUpcoming(now)) {
        continue;
      }
      String state = c.status().name();
      String reason = null;
      var rejected = c.files().stream().filter(f -> f.state() == FileState.REJECTED)
          .max(Comparator.comparingLong(ContributionFile::id));
      if (c.status() == Contribution.Status.ALLOCATED && rejected.isPresent()) {
        state = "REJECTED";
        reason = rejected.get().rejectReason();
      }
      boolean toUpload = c.status() == Contribution.Status.ALLOCATED;
      Deadline deadline = meeting.deadline(Deadline.Kind.CONTRIBUTIONS);
      items.add(new DeskItem(DeskItem.Kind.DOCUMENT, c.id(), c.number() + " " + c.title(), state,
          c.late() ? "late" : meeting.code(), reason, toUpload ? deadline.dueAt() : null, meeting.timeZone().getId(), null,
          "/documents/" + c.number()));
    }
    return items;
  }

  /** For each meeting the person is registered for (not rejected) and that has not ended: its next open deadline. */
  private List<DeskItem> nextDeadlines(List<Registration> mine, Instant now) {
    var items = new ArrayList<DeskItem>();
    for (Registration r : mine) {
      Meeting meeting = meetings.get(r.meetingId());
      if (r.status() == RegistrationStatus.REJECTED || !meeting.isUpcoming(now)) {
        continue;
      }
      meeting.deadlines().stream()
          .filter(d -> d.kind() != Deadline.Kind.REGISTRATION && !d.isPast(now))
          .filter(d -> d.kind() != Deadline.Kind.VISA_SUPPORT || r.attendance() == Attendance.IN_PERSON)
          .min(Comparator.comparing(Deadline::dueAt))
          .ifPresent(d -> items.add(new DeskItem(DeskItem.Kind.DEADLINE, r.id(), meetingName(meeting), d.kind().name(),
              d.kind().label(), null, d.dueAt(), meeting.timeZone().getId(), null, meetingLink(meeting))
              .marked(marks(meeting))));
    }
    return items;
  }

  private String meetingLink(Meeting meeting) {
    return "/groups/" + groups.get(meeting.groupId()).slug() + "/meetings/" + meeting.code();
  }

  private List<DeskMeeting> comingMeetings(Group group, PlenaryUser user, Instant now) {
    return meetings.of(group).stream().filter(m -> m.isUpcoming(now)).map(m -> {
      List<Registration> all = registrations.participants(group.slug(), m.code(), user);
      long approved = all.stream().filter(r -> r.status() == RegistrationStatus.APPROVED).count();
      long waiting = all.stream().filter(r -> r.status() == RegistrationStatus.SUBMITTED).count();
      return new DeskMeeting(group.slug(), group.acronym(), m.code(), m.startDate(), m.endDate(), m.dates(),
          m.timeZone().getId(), m.opensAt(), m.agenda().size(), all.size(), approved, waiting, meetingLink(m),
          group.workingLocale().getLanguage());
    }).toList();
  }

  private List<DeskItem> milestones(Group group) {
    // A milestone's date is the group's, in UTC as the milestone plan and its reminders read it.
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return group.milestones().stream()
        .filter(m -> m.dueOn() != null && !m.dueOn().isBefore(today.minusDays(MILESTONE_DAYS_OVERDUE))
            && !m.dueOn().isAfter(today.plusDays(MILESTONE_DAYS_AHEAD)))
        .map(m -> new DeskItem(DeskItem.Kind.MILESTONE, null, m.title(), m.dueOn().isBefore(today) ? "OVERDUE" : "DUE",
            group.acronym(), null, m.dueOn().atStartOfDay(ZoneOffset.UTC).toInstant(), null, null,
            "/groups/" + group.slug()).marked(marks(group)))
        .toList();
  }

  private List<DeskItem> incoming() {
    var counts = contributions.incomingCounts();
    return groups.all().stream().map(g -> new DeskItem(DeskItem.Kind.INCOMING_QUEUE, null, g.acronym(), null, g.name(),
        null, null, null, counts.getOrDefault(g.id(), 0L), "/groups/" + g.slug() + "/incoming").marked(marks(g))).toList();
  }

  private List<DeskItem> waitingLong(PlenaryUser user, Instant now) {
    Instant before = now.minus(Duration.ofDays(waitingDays));
    return registrations.waitingFor(user).stream().filter(r -> r.submittedAt().isBefore(before)).map(r -> {
      Meeting meeting = meetings.get(r.meetingId());
      return new DeskItem(DeskItem.Kind.REGISTRATION, r.id(), r.fullName(), r.status().name(), meetingName(meeting), null,
          r.submittedAt(), meeting.timeZone().getId(), null, "/registrations/" + r.id()).marked(marks(meeting));
    }).toList();
  }

  private static List<DeskItem> sorted(List<DeskItem> items) {
    return items.stream().sorted(Comparator.comparing(DeskItem::due, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  /**
   * The reasons typed in the rows of the desk's table ({@code reasons[<id>]}), checked by the desk itself before any
   * registration is looked up, as the other desks check theirs: each at most {@link #REASON_MAX} characters, refused
   * naming its row's field, so every channel that brings the table (the page's binder, any new one) meets one bound.
   */
  public void checkReasons(java.util.Map<String, String> reasons) {
    var violations = new org.plenary.shared.Violations();
    reasons.forEach((id, reason) -> violations.length(reason, REASON_MAX,
        "reasons[" + org.plenary.shared.CodePoints.first(id, 20) + "]"));
    violations.throwIfAny();
  }
}
