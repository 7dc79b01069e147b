package org.plenary.meeting;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.plenary.group.ContentLanguages;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupId;
import org.plenary.shared.EditVersion;
import org.plenary.shared.TreeNames;
import org.plenary.shared.TtlCache;
import org.plenary.shared.Unproxied;
import org.plenary.shared.Violations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Schedules meetings, keeps their details and agendas, and answers which are coming. */
@Component
public class MeetingCatalog {

  /** Contributions are due at least this many calendar days before the meeting (ToR clause 12). */
  public static final int CONTRIBUTION_DAYS = 10;
  /** Visa-support requests are taken until four weeks before the meeting. */
  public static final int VISA_DAYS = 28;
  /** Pre-registration closes two weeks before the meeting unless the secretariat says otherwise. */
  public static final int REGISTRATION_DAYS = 14;

  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

  private final Meetings meetings;
  private final MeetingTranslations translations;
  private final GroupCatalog groups;
  /** The object behind that proxy ({@link Unproxied}): for {@link #get(String, String)}, read at every download. */
  private final GroupCatalog groupsKept;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final MessageSource messages;
  private final TtlCache<Object, Optional<Meeting>> cache;
  private final ObjectProvider<AgendaItemDocuments> documents;
  private final ObjectProvider<MeetingDocuments> meetingDocuments;
  private final ObjectProvider<IssuedReferences> issuedReferences;

  MeetingCatalog(Meetings meetings, MeetingTranslations translations, GroupCatalog groups, ApplicationEventPublisher events, Clock clock,
      ObjectProvider<AgendaItemDocuments> documents, ObjectProvider<MeetingDocuments> meetingDocuments,
      ObjectProvider<IssuedReferences> issuedReferences, MessageSource messages,
      @Value("${plenary.catalog.cache-time:5s}") Duration cacheTime) {
    this.issuedReferences = issuedReferences;
    this.messages = messages;
    this.meetings = meetings;
    this.translations = translations;
    this.documents = documents;
    this.meetingDocuments = meetingDocuments;
    this.groups = groups;
    this.groupsKept = Unproxied.target(groups, GroupCatalog.class);
    this.events = events;
    this.clock = clock;
    this.cache = new TtlCache<>(cacheTime, 5000, clock);
  }

  public List<Meeting> of(Group group) {
    return meetings.ofGroup(group.id());
  }

  /** One page of the group's meetings, earliest first (then by id), read by key. */
  public org.plenary.shared.Paged<Meeting> of(Group group, org.plenary.shared.Paged.Asked asked) {
    return meetings.ofGroup(group.id(), asked);
  }

  /** The meeting, or {@link UnknownMeetingException}; an unknown group is {@code UnknownGroupException}. */
  public Meeting get(String slug, String code) {
    Group group = groupsKept.get(slug);
    return cache.get(List.of(group.id(), code), () -> meetings.find(group.id(), code))
        .orElseThrow(() -> new UnknownMeetingException(slug, code));
  }

  public Meeting get(MeetingId id) {
    return cache.get(id, () -> meetings.find(id)).orElseThrow(() -> new UnknownMeetingException("?", "#" + id.value()));
  }

  /**
   * The meeting's version, one more at every change of its details, translations or agenda: the API's
   * ETag ({@link EditVersion#etag}) and the edit pages' hidden field. Read from the database, never cached.
   */
  public long version(MeetingId id) {
    return meetings.version(id).orElseThrow(() -> new UnknownMeetingException("?", "#" + id.value()));
  }

  /** A meeting as the database holds it, with its version: never newer than the meeting shown (its ETag). */
  public record Versioned(Meeting meeting, long version) {}

  /**
   * The meeting read from the database, never from the cache (whose copy may be older than the version),
   * with its version read first: a change committed between the two reads makes the version older than what
   * is shown, so an edit made on it is refused rather than allowed to overwrite what its editor never saw.
   */
  public Versioned versioned(String slug, String code) {
    MeetingId id = get(slug, code).id();
    long version = version(id);
    return new Versioned(fresh(id), version);
  }

  /** The meeting read from the database with its version read first, as {@link #versioned(String, String)}. */
  public Versioned versioned(MeetingId id) {
    long version = version(id);
    return new Versioned(fresh(id), version);
  }

  /**
   * What the group's meetings are at (each one's id, version and last change), read from the database in one short
   * query: a feed of them is written from nothing else of theirs, so its tag is made from this before it is written.
   */
  public List<String> versionsOf(GroupId group) {
    return meetings.versionsOfGroup(group);
  }

  /** When the meeting was last scheduled, edited or given a new agenda (feeds give it as their time). */
  public Instant lastChange(MeetingId id) {
    return meetings.changedAt(id).orElseThrow(() -> new UnknownMeetingException("?", "#" + id.value()));
  }

  /** Meetings of every group that have not ended yet, soonest first. */
  public List<Meeting> upcoming() {
    Instant now = clock.instant();
    // A bound in no meeting's zone: the date where it is earliest (UTC-12), a day before; each meeting then
    // says in its own zone whether it has ended.
    return meetings.endingOnOrAfter(org.plenary.shared.Times.earliestToday(clock).minusDays(1)).stream()
        .filter(meeting -> meeting.isUpcoming(now)).toList();
  }

  @Transactional
  public Meeting schedule(String slug, MeetingDraft draft) {
    return schedule(slug, draft, Map.of());
  }

  /** Schedules the meeting with its practical information in other languages (by tag: "fr"). */
  @Transactional
  public Meeting schedule(String slug, MeetingDraft draft, Map<String, MeetingTranslation> translated) {
    Group group = groups.get(slug);
    cache.clear();
    String code = draft.code() == null || draft.code().isBlank() ? deriveCode(draft.startDate(), draft.venueCode())
        : normalized(draft.code());
    MeetingId id = meetings.insert(group.id(), resolve(group.id(), draft, code, null));
    translations.replace(id, checked(translated));
    meetings.touch(id, clock.instant());
    groups.recordFirstMeeting(group.id(), meetings.firstStart(group.id()).orElse(null));
    events.publishEvent(new MeetingAnnounced(group.id(), id));
    return fresh(id);
  }

  /**
   * The meeting as it stands, read from the database with its row locked until the transaction ends: for
   * what prints its code or its venue and days (a registration number, a visa letter's reference and
   * facts), which a change of the meeting then waits for instead of happening underneath, and which a node's
   * cache, up to seconds old, never gives from before a change. Call it inside the transaction that issues them.
   */
  public Meeting forIssue(MeetingId id) {
    meetings.lock(id);
    return fresh(id);
  }

  /**
   * The meeting {@code code} names, locked and read as {@link #forIssue(MeetingId)} does, for what records a decision
   * of it (a term or a deliverable agreed there): its days and code are then the ones the decision is checked against
   * and saved with, and a change of the meeting waits for the decision's transaction. Refused as unknown when a change
   * committed meanwhile renamed it: the code its maker named is no longer the meeting's.
   */
  public Meeting forIssue(String slug, String code) {
    Meeting named = get(slug, code);
    Meeting locked = forIssue(named.id());
    if (!locked.code().equals(named.code())) {
      throw new UnknownMeetingException(slug, code);
    }
    return locked;
  }

  /**
   * The meeting as this transaction wrote it, never from the cache: another thread may have cached the
   * state of just before the write between the cache's clearing and this read.
   */
  private Meeting fresh(MeetingId id) {
    return meetings.find(id).orElseThrow(() -> new UnknownMeetingException("?", "#" + id.value()));
  }

  /**
   * Replaces the meeting's details. A draft without a code keeps the current one (a new date never
   * renames a meeting); a new code is refused ({@link MeetingCodeInUseException}) once the meeting
   * has documents, as the code names the folder they are published in, and once registration numbers or visa
   * letters that print it were issued ({@link IssuedReferences}).
   */
  @Transactional
  public Meeting update(String slug, String code, MeetingDraft draft) {
    return update(slug, code, draft, null);
  }

  /** As {@link #update(String, String, MeetingDraft)}, and replaces the translations unless {@code translated} is null. */
  @Transactional
  public Meeting update(String slug, String code, MeetingDraft draft, Map<String, MeetingTranslation> translated) {
    return update(slug, code, draft, translated, EditVersion.ANY).meeting();
  }

  /**
   * As {@link #update(String, String, MeetingDraft, Map)}, made on the version {@code read} names: refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}) when the meeting changed since (its details, translations
   * or agenda).
   */
  @Transactional
  public Versioned update(String slug, String code, MeetingDraft draft, Map<String, MeetingTranslation> translated,
      EditVersion read) {
    MeetingId id = get(slug, code).id();
    meetings.lock(id);
    Meeting current = meetings.find(id).orElseThrow(() -> new UnknownMeetingException(slug, code));
    read.check(version(id), current.code());
    String newCode = draft.code() == null || draft.code().isBlank() ? current.code() : normalized(draft.code());
    if (!newCode.equals(current.code())
        && meetingDocuments.orderedStream().anyMatch(answer -> answer.anyFor(current.id()))) {
      throw new MeetingCodeInUseException("meeting.error.codeInUse", current.code());
    }
    if (!newCode.equals(current.code()) && issuedReferences.orderedStream().anyMatch(issued -> issued.anyFor(current.id()))) {
      // Registration numbers and letters' references print the code: left to name a meeting called otherwise,
      // they would no longer say which meeting they are of, and the meeting's own would disagree with them.
      throw new MeetingCodeInUseException("meeting.error.codePrinted", current.code());
    }
    cache.clear();
    meetings.update(current.id(), resolve(current.groupId(), keepingInstants(draft, current), newCode, current.id()));
    if (translated != null) {
      translations.replace(current.id(), checked(translated));
    }
    meetings.touch(current.id(), clock.instant());
    groups.recordFirstMeeting(current.groupId(), meetings.firstStart(current.groupId()).orElse(null));
    Meeting saved = fresh(current.id());
    if (!saved.contributionDeadline().equals(current.contributionDeadline())) {
      events.publishEvent(new ContributionDeadlineMoved(saved.id(), saved.contributionDeadline()));
    }
    if (!java.util.Objects.equals(saved.venueName(), current.venueName()) || !saved.startDate().equals(current.startDate())
        || !saved.endDate().equals(current.endDate())) {
      events.publishEvent(new MeetingMoved(saved.id()));
    }
    return new Versioned(saved, version(current.id()));
  }

  /**
   * Replaces the agenda: items with an id keep it (renamed, moved or not), items without one are
   * new, items left out are removed, unless documents are filed under them
   * ({@link AgendaItemInUseException}, which lists them). An id from elsewhere is invalid input.
   */
  @Transactional
  public Meeting replaceAgenda(String slug, String code, List<AgendaItem> agenda) {
    return replaceAgenda(slug, code, agenda, EditVersion.ANY).meeting();
  }

  /** As {@link #replaceAgenda(String, String, List)}, made on the version {@code read} names (see {@link #update}). */
  @Transactional
  public Versioned replaceAgenda(String slug, String code, List<AgendaItem> agenda, EditVersion read) {
    MeetingId id = get(slug, code).id();
    meetings.lock(id);
    Meeting current = meetings.find(id).orElseThrow();
    read.check(version(id), current.code());
    List<Long> removed = AgendaRules.removedBy(current, agenda);
    if (!removed.isEmpty()) {
      var filed = new HashMap<Long, List<String>>();
      documents.orderedStream().forEach(answer -> filed.putAll(answer.documentsOn(removed)));
      AgendaRules.refuseRemovingFiled(current, filed);
    }
    cache.clear();
    List<Map<String, String>> titles = agenda.stream().map(item -> checkedTitles(item.translations())).toList();
    try {
      translations.replaceAgendaTitles(meetings.replaceAgenda(id, agenda), titles);
    } catch (DataIntegrityViolationException documentFiledMeanwhile) {
      throw new AgendaItemInUseException("meeting.agenda.error.filedMeanwhile");
    }
    meetings.touch(id, clock.instant());
    return new Versioned(fresh(id), version(id));
  }

  private <T> Map<String, T> checked(Map<String, T> translated) {
    var violations = new Violations();
    var keyed = new TreeMap<String, T>();
    translated.forEach((tag, t) -> {
      var key = ContentLanguages.key(tag);
      violations.check(key.isPresent(), "translations", text("meeting.error.language", tag));
      key.ifPresent(k -> keyed.put(k, t));
    });
    violations.throwIfAny();
    return keyed;
  }

  private Map<String, String> checkedTitles(Map<String, String> titles) {
    return titles == null ? null : checked(titles);
  }

  /** A sentence for the person acting, in their language (the page's or the API request's). */
  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  /** "1006-gva": two-digit year and month of the start, then the venue code. */
  public static String deriveCode(LocalDate start, String venueCode) {
    return DateTimeFormatter.ofPattern("yyMM", Locale.ROOT).format(start) + "-" + venueCode.toLowerCase(Locale.ROOT);
  }

  private static String normalized(String code) {
    return code.strip().toLowerCase(Locale.ROOT);
  }

  private Meetings.Details resolve(GroupId group, MeetingDraft draft, String code, MeetingId self) {
    ZoneId zone = zone(draft.timeZone());
    LocalDate start = draft.startDate();
    LocalDateTime registration = orDefault(draft.registrationDeadline(), start, REGISTRATION_DAYS);
    LocalDateTime contributions = orDefault(draft.contributionDeadline(), start, CONTRIBUTION_DAYS);
    LocalDateTime visa = orDefault(draft.visaDeadline(), start, VISA_DAYS);
    var badCode = TreeNames.folderProblem(code).map(problem -> problem == TreeNames.FolderProblem.FORM
        ? text("meeting.error.codeForm") : text("meeting.error.codeReserved", code));
    String firstDay = text("meeting.error.noLaterThan", org.plenary.group.Days.day(start, LocaleContextHolder.getLocale()));
    new Violations()
        .check(!draft.endDate().isBefore(start), "endDate", text("meeting.error.endBeforeStart"))
        .check(ChronoUnit.DAYS.between(start, draft.endDate()) < 31, "endDate", text("meeting.error.tooLong"))
        .check(badCode.isEmpty(), "code", badCode.orElse(null))
        .check(!meetings.codeTaken(group, code, self), "code",
            text("meeting.error.codeTaken", code))
        .check(!registration.toLocalDate().isAfter(start), "registrationDeadline", firstDay)
        .check(!contributions.toLocalDate().isAfter(start), "contributionDeadline", firstDay)
        .check(!visa.toLocalDate().isAfter(start), "visaDeadline", firstDay)
        .check(exists(registration, zone), "registrationDeadline", noSuchTime(registration, zone))
        .check(exists(contributions, zone), "contributionDeadline", noSuchTime(contributions, zone))
        .check(exists(visa, zone), "visaDeadline", noSuchTime(visa, zone))
        .throwIfAny();
    var offsets = draft.offsets();
    return new Meetings.Details(draft, code, zone,
        instant(registration, zone, offsets.get(Deadline.Kind.REGISTRATION)),
        instant(contributions, zone, offsets.get(Deadline.Kind.CONTRIBUTIONS)),
        instant(visa, zone, offsets.get(Deadline.Kind.VISA_SUPPORT)));
  }

  /**
   * The draft with the offset each deadline has now for those it gives unchanged (the same local time in the same
   * zone) and without an offset: a page's field (the browser's datetime-local has none) or a body's local time, sent
   * back as read, names a time that comes twice (the clocks go back) no more precisely than "the later", and saving
   * it would move a deadline set at the first coming (by the API, with its offset) by an hour that nobody edited.
   */
  static MeetingDraft keepingInstants(MeetingDraft draft, Meeting current) {
    if (draft.timeZone() == null || !draft.timeZone().strip().equals(current.timeZone().getId())) {
      return draft;
    }
    var offsets = new java.util.EnumMap<Deadline.Kind, java.time.ZoneOffset>(Deadline.Kind.class);
    offsets.putAll(draft.offsets());
    for (Deadline d : current.deadlines()) {
      var now = d.dueAt().atZone(current.timeZone());
      if (!offsets.containsKey(d.kind()) && now.toLocalDateTime().equals(draft.deadline(d.kind()))) {
        offsets.put(d.kind(), now.getOffset());
      }
    }
    return offsets.equals(draft.offsets()) ? draft : draft.withOffsets(offsets);
  }

  /** Whether the local time is on the meeting's clocks: not in the hour skipped when they go forward. */
  private static boolean exists(LocalDateTime local, ZoneId zone) {
    return !zone.getRules().getValidOffsets(local).isEmpty();
  }

  private String noSuchTime(LocalDateTime local, ZoneId zone) {
    return exists(local, zone) ? null
        : text("meeting.error.noSuchTime", local.toLocalDate() + " " + local.toLocalTime(), zone.getId());
  }

  /**
   * A deadline's instant: a local time that comes twice (the clocks go back) is its second coming, the later
   * one, so that no one who met the deadline as the clock read is late, unless it was sent with the offset of the
   * first (an offset the time does not have there, say of a zone since changed, is not read: the time is kept at
   * the venue). A time that never comes is refused above.
   */
  private static java.time.Instant instant(LocalDateTime local, ZoneId zone, java.time.ZoneOffset sent) {
    if (sent != null && zone.getRules().isValidOffset(local, sent)) {
      return local.atOffset(sent).toInstant();
    }
    return local.atZone(zone).withLaterOffsetAtOverlap().toInstant();
  }

  private ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException | NullPointerException e) {
      new Violations().check(false, "timeZone", text("meeting.error.timeZone")).throwIfAny();
      throw e;
    }
  }

  private static LocalDateTime orDefault(LocalDateTime deadline, LocalDate start, int daysBefore) {
    return deadline != null ? deadline : start.minusDays(daysBefore).atTime(END_OF_DAY);
  }
}
