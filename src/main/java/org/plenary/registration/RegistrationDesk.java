package org.plenary.registration;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.plenary.account.AccountId;
import org.plenary.account.Countries;
import org.plenary.account.Organization;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Deadline;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.plenary.registration.RegistrationEvents.RegistrationApproved;
import org.plenary.registration.RegistrationEvents.RegistrationRejected;
import org.plenary.registration.RegistrationEvents.RegistrationsSubmitted;
import org.plenary.shared.BatchWorker;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Violations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration for meetings: open until the pre-registration deadline, to Member States, Sector
 * Members and Associates, and to individuals from Member States where the group allows it; one per
 * person and meeting; approved or rejected by a focal point of the person's organization or the
 * secretariat, and numbered when approved.
 */
@Component
public class RegistrationDesk {

  private static final Set<String> MEMBERS = Set.of(OrganizationCategory.MEMBER_STATE.name(),
      OrganizationCategory.SECTOR_MEMBER.name(), OrganizationCategory.ASSOCIATE.name());

  private final Registrations registrations;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final Countries countries;
  private final RepresentedOrganization represented;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final BatchWorker<Registrations.NewRegistration, Recorded> recorder;

  private final org.springframework.context.MessageSource messages;

  /** A sentence of the bundle in the language of whoever asked (the page's or the API's {@code Accept-Language}). */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  RegistrationDesk(Registrations registrations, MeetingCatalog meetings, GroupCatalog groups,
      Countries countries, RepresentedOrganization represented,
      ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock,
      org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.represented = represented;
    this.registrations = registrations;
    this.meetings = meetings;
    this.groups = groups;
    this.countries = countries;
    this.events = events;
    this.transaction = transaction;
    this.clock = clock;
    this.recorder = new BatchWorker<>("registration recorder", 100, transaction, this::record);
  }

  /**
   * Checks the registration on the caller's thread (refusals in the caller's language), then queues
   * it: registrations that arrive together are recorded in one transaction, so one commit serves
   * many ({@link BatchWorker}). Once per person and meeting is kept by the table's unique key.
   */
  public Registration register(String slug, String code, RegistrationForm form, PlenaryUser user) {
    Registrations.NewRegistration checked = check(slug, code, form, user);
    Recorded recorded;
    try {
      recorded = recorder.submit(checked);
    } catch (DuplicateKeyException twice) {
      throw RegistrationRefusedException.of(409, "registration.refused.already", code);
    }
    if (recorded.existing() != null) {
      Registration existing = recorded.existing();
      throw RegistrationRefusedException.of(409, "registration.refused.alreadyAs", code, existing.id(),
          RegistrationRefusedException.word("registration.status." + existing.status().name(), existing.status().name().toLowerCase()));
    }
    return recorded.registration();
  }

  /** What the recorder did with one registration: recorded it, or found the person already registered. */
  private record Recorded(Registration registration, Registration existing) {}

  @PreDestroy
  void stop() {
    recorder.stop();
  }

  private Registrations.NewRegistration check(String slug, String code, RegistrationForm form, PlenaryUser user) {
    Group group = groups.get(slug);
    Meeting meeting = meetings.get(slug, code);
    Deadline deadline = meeting.deadline(Deadline.Kind.REGISTRATION);
    if (deadline.isPast(clock.instant())) {
      throw RegistrationRefusedException.of(403, "registration.refused.closed", code, deadline.display());
    }
    var organization = represented.forRegistration(form.getOrganizationId(), user);
    new Violations()
        .check(countries.exists(form.getCountryCode()), "countryCode", "registration", "registration.error.countryList")
        .throwIfAny();
    String category = organization.map(o -> o.category().name()).orElse(Registration.INDIVIDUAL);
    if (!MEMBERS.contains(category) && !registrations.individualsAllowed(group.id())) {
      throw organization.map(o -> RegistrationRefusedException.of(403, "registration.refused.category", group.acronym(),
          o.name(), RegistrationRefusedException.word("organization.category." + o.category().name(), o.category().label())))
          .orElseGet(() -> RegistrationRefusedException.of(403, "registration.refused.ownName", group.acronym()));
    }
    // The account's address, whatever the form says: Plenary mails only addresses whose owner it knows, never
    // one typed into a registration (it would send confirmations and decisions to anyone a person names).
    return new Registrations.NewRegistration(meeting.id(), user.id(), user.account().email(), form,
        organization.map(Organization::id).orElse(null), category, clock.instant());
  }

  /**
   * Records a batch of checked registrations in the worker's transaction, all or nothing, except the people
   * already registered for their meeting: they are found in one query a meeting and answered with their
   * registration. (Two registrations of one person in the same batch, or one made meanwhile on another
   * node, still fail on the table's unique key, and the batch is run again one by one.)
   */
  private List<Recorded> record(List<Registrations.NewRegistration> batch) {
    var existing = new HashMap<MeetingId, Map<AccountId, Registration>>();
    batch.stream().collect(Collectors.groupingBy(Registrations.NewRegistration::meeting,
            Collectors.mapping(Registrations.NewRegistration::account, Collectors.toList())))
        .forEach((meeting, accounts) -> existing.put(meeting, registrations.ofAccounts(meeting, accounts)));
    var fresh = new ArrayList<Registrations.NewRegistration>(batch.size());
    for (var one : batch) {
      if (!existing.get(one.meeting()).containsKey(one.account())) {
        fresh.add(one);
      }
    }
    Iterator<Registration> recorded = fresh.isEmpty() ? Collections.emptyIterator() : registrations.insertAll(fresh).iterator();
    var answers = new ArrayList<Recorded>(batch.size());
    var ids = new ArrayList<Long>(fresh.size());
    for (var one : batch) {
      Registration already = existing.get(one.meeting()).get(one.account());
      if (already != null) {
        answers.add(new Recorded(null, already));
      } else {
        Registration registration = recorded.next();
        ids.add(registration.id());
        answers.add(new Recorded(registration, null));
      }
    }
    if (!ids.isEmpty()) {
      events.publishEvent(new RegistrationsSubmitted(ids));
    }
    return answers;
  }

  /**
   * The registration, for its participant, a focal point of its organization, the secretariat or the
   * group's management; to anyone else it is unknown (404, as an id never used), so that ids tried one
   * after another tell no one how many registrations there are, or which exist.
   */
  public Registration get(long id, PlenaryUser user) {
    return registrations.find(id).filter(r -> maySee(user, r))
        .orElseThrow(() -> RegistrationRefusedException.of(404, "registration.refused.unknown", id));
  }

  private boolean maySee(PlenaryUser user, Registration registration) {
    return mayDecide(user, registration) || user.id().equals(registration.accountId()) || manages(user, registration);
  }

  public Registration approve(long id, PlenaryUser user) {
    return approve(id, EditVersion.ANY, user);
  }

  /**
   * Approves the registration as its decider saw it ({@code seen}: the version the page or the API's
   * {@code If-Match} named): one changed since (its organization corrected) is refused with a sentence
   * saying what it is now, checked under the row's lock, so what is approved is what was seen.
   */
  public Registration approve(long id, EditVersion seen, PlenaryUser user) {
    Registration found = decidable(id, user);
    transaction.executeWithoutResult(status -> registrations.createCounter(found.meetingId()));
    return transaction.execute(status -> {
      Registration registration = decidable(id, seen, user);
      // The meeting locked and read as it stands: its code is not changed while a number printing it is issued.
      Meeting meeting = meetings.forIssue(registration.meetingId());
      String number = "%s-%04d".formatted(meeting.code().toUpperCase(), registrations.nextNumber(meeting.id()));
      registrations.decide(id, RegistrationStatus.APPROVED, number, user.getUsername(), clock.instant(), null);
      events.publishEvent(new RegistrationApproved(id));
      return registrations.find(id).orElseThrow();
    });
  }

  /** A rejection's reason at most: its column. */
  public static final int REASON_MAX = 1000;

  public Registration reject(long id, String reason, PlenaryUser user) {
    return reject(id, reason, EditVersion.ANY, user);
  }

  /** Rejects the registration as its decider saw it, as {@link #approve(long, EditVersion, PlenaryUser)} approves. */
  public Registration reject(long id, String reason, EditVersion seen, PlenaryUser user) {
    new Violations().check(reason != null && !reason.isBlank(), "reason", say("registration.error.rejectReason"))
        .length(reason, REASON_MAX, "reason").throwIfAny();
    return transaction.execute(status -> {
      decidable(id, seen, user);
      registrations.decide(id, RegistrationStatus.REJECTED, null, user.getUsername(), clock.instant(), reason.strip());
      events.publishEvent(new RegistrationRejected(id));
      return registrations.find(id).orElseThrow();
    });
  }

  /** Every registration for the meeting: for the secretariat and the group's management. */
  public List<Registration> participants(String slug, String code, PlenaryUser user) {
    Group group = groups.get(slug);
    if (!groups.canManage(user, group)) {
      throw RegistrationRefusedException.of(403, "registration.refused.list");
    }
    return registrations.ofMeeting(meetings.get(slug, code).id());
  }

  /** What the person may see of the meeting's registrations: all for its managers, else their own and their organizations'. */
  public List<Registration> visibleTo(String slug, String code, PlenaryUser user) {
    Group group = groups.get(slug);
    List<Registration> all = registrations.ofMeeting(meetings.get(slug, code).id());
    if (groups.canManage(user, group)) {
      return all;
    }
    return all.stream().filter(r -> user.id().equals(r.accountId()) || mayDecide(user, r)).toList();
  }

  /**
   * One page of what the person may see of the meeting's registrations ({@link #visibleTo(String, String,
   * PlenaryUser)}), in (full name, id) order, filtered and read by key in SQL.
   */
  public org.plenary.shared.Paged<Registration> visibleTo(String slug, String code, PlenaryUser user,
      org.plenary.shared.Paged.Asked asked) {
    Group group = groups.get(slug);
    var meeting = meetings.get(slug, code).id();
    if (groups.canManage(user, group) || user.isStaff()) {
      return registrations.ofMeeting(meeting, null, List.of(), asked);
    }
    return registrations.ofMeeting(meeting, user.id(), user.focalPointOf(), asked);
  }

  /** Registrations waiting for this person's decision: all for the secretariat, their organizations' for a focal point. */
  public List<Registration> waitingFor(PlenaryUser user) {
    return registrations.submitted().stream().filter(r -> mayDecide(user, r)).toList();
  }

  /** How many registrations wait for this person's decision (all submitted ones for the secretariat). */
  public long waitingCount(PlenaryUser user) {
    return user == null ? 0 : registrations.countSubmitted(user.focalPointOf(), user.isStaff());
  }

  /** The registrations of the people of the organizations this person is focal point of, newest first. */
  public List<Registration> ofPeopleOf(PlenaryUser user) {
    return registrations.ofOrganizations(user.focalPointOf());
  }

  /** This person's own registration for the meeting, whatever its state. */
  public java.util.Optional<Registration> mine(org.plenary.meeting.MeetingId meeting, PlenaryUser user) {
    return registrations.find(meeting, user.id());
  }

  public List<Registration> of(PlenaryUser user) {
    return registrations.ofAccount(user.id());
  }

  public boolean individualsAllowed(String slug) {
    return registrations.individualsAllowed(groups.get(slug).id());
  }

  public void setIndividualsAllowed(String slug, boolean allowed, PlenaryUser user) {
    setIndividualsAllowed(slug, allowed, user, EditVersion.ANY);
  }

  /**
   * Sets who may register for the group's meetings, made on the policy's version {@code seen}: refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}, nothing saved) when someone saved it since.
   */
  public void setIndividualsAllowed(String slug, boolean allowed, PlenaryUser user, EditVersion seen) {
    Group group = groups.get(slug);
    if (!groups.canManage(user, group)) {
      throw RegistrationRefusedException.of(403, "registration.refused.policy");
    }
    transaction.executeWithoutResult(status -> {
      // Under the group's lock (the policy's own row may not exist yet): one save at a time.
      groups.lockForChange(group.id());
      seen.check(registrations.policyVersion(group.id()), group.acronym());
      registrations.setIndividualsAllowed(group.id(), allowed);
    });
  }

  /** The version of the group's registration policy: the form that sets it carries it. */
  public long policyVersion(String slug) {
    return registrations.policyVersion(groups.get(slug).id());
  }

  public boolean mayDecide(PlenaryUser user, Registration registration) {
    return user != null && (user.isStaff()
        || registration.organizationId() != null && user.isFocalPointOf(registration.organizationId()));
  }

  private boolean manages(PlenaryUser user, Registration registration) {
    Meeting meeting = meetings.get(registration.meetingId());
    return groups.canManage(user, groups.get(meeting.groupId()));
  }

  /**
   * The registration locked until the transaction ends and read under the lock, for a decision: refused as
   * {@link #decidable(long, PlenaryUser)} refuses, then when it is no longer at a version {@code seen} names,
   * with what it is now (told only to whoever may decide on it).
   */
  private Registration decidable(long id, EditVersion seen, PlenaryUser user) {
    Registration current = registrations.lock(id).filter(r -> maySee(user, r))
        .orElseThrow(() -> RegistrationRefusedException.of(404, "registration.refused.unknown", id));
    decidable(id, current, user);
    if (!seen.accepts(current.version())) {
      throw represented.changed(current);
    }
    return current;
  }

  private Registration decidable(long id, PlenaryUser user) {
    return decidable(id, get(id, user), user);
  }

  private Registration decidable(long id, Registration registration, PlenaryUser user) {
    if (!mayDecide(user, registration)) {
      throw RegistrationRefusedException.of(403, "registration.refused.decide", id);
    }
    if (registration.status() != RegistrationStatus.SUBMITTED) {
      throw RegistrationRefusedException.of(409, "registration.refused.decided", id,
          RegistrationRefusedException.word("registration.status." + registration.status().name(), registration.status().name().toLowerCase()));
    }
    return registration;
  }
}
