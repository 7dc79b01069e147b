package org.plenary.group;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import org.plenary.account.AccountDirectory;
import org.plenary.account.AccountId;
import org.plenary.account.Countries;
import org.plenary.account.PlenaryUser;
import org.plenary.shared.EditVersion;
import org.plenary.shared.TreeNames;
import org.plenary.shared.TtlCache;
import org.plenary.shared.Violations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Finds, creates and edits groups; says who may manage them. */
@Component
public class GroupCatalog {

  private final Groups groups;
  private final GroupTranslations translations;
  private final AccountDirectory accounts;
  private final Countries countries;
  private final MessageSource messages;
  private final TtlCache<Object, Optional<Group>> cache;

  private final org.springframework.context.ApplicationEventPublisher events;

  GroupCatalog(Groups groups, GroupTranslations translations, AccountDirectory accounts, Countries countries,
      MessageSource messages, Clock clock, org.springframework.context.ApplicationEventPublisher events,
      @Value("${plenary.catalog.cache-time:5s}") Duration cacheTime) {
    this.events = events;
    this.messages = messages;
    this.groups = groups;
    this.translations = translations;
    this.accounts = accounts;
    this.countries = countries;
    this.cache = new TtlCache<>(cacheTime, 1000, clock);
  }

  public List<Group> all() {
    return groups.all().stream().map(this::group).toList();
  }

  /** One page of the groups as stored (no terms of reference, leaders or milestones), by acronym, read by key. */
  org.plenary.shared.Paged<Groups.GroupRow> page(org.plenary.shared.Paged.Asked asked) {
    return groups.page(asked);
  }

  public Optional<Group> find(String slug) {
    return cache.get(slug, () -> groups.find(slug).map(this::group));
  }

  /** The group with that slug, or {@link UnknownGroupException}. */
  public Group get(String slug) {
    return find(slug).orElseThrow(() -> new UnknownGroupException(slug, text("group.error.unknown", slug)));
  }

  /** One page of the group's milestones, read by key in (due date, title) order. */
  public org.plenary.shared.Paged<Milestone> milestones(GroupId id, org.plenary.shared.Paged.Asked asked) {
    return groups.milestones(id, asked);
  }

  public Group get(GroupId id) {
    return cache.get(id, () -> groups.find(id).map(this::group))
        .orElseThrow(() -> new UnknownGroupException("#" + id.value(), text("group.error.unknown", "#" + id.value())));
  }

  @Transactional
  public Group create(GroupDraft draft) {
    return create(draft, Map.of());
  }

  /** Creates the group with its name and terms of reference in other languages (keyed by tag: "fr"). */
  @Transactional
  public Group create(GroupDraft draft, Map<String, GroupTranslation> translated) {
    var badSlug = TreeNames.folderProblem(draft.slug());
    new Violations()
        .check(badSlug.isEmpty(), "slug", badSlug.map(problem -> problem == TreeNames.FolderProblem.FORM
            ? text("group.error.slugForm") : text("group.error.slugReserved", draft.slug())).orElse(null))
        .check(draft.slug() == null || groups.idOf(draft.slug()).isEmpty(), "slug",
            text("group.error.slugTaken", draft.slug()))
        .throwIfAny();
    checkAcronym(draft.acronym(), null);
    cache.clear();
    GroupId id = groups.insert(draft, parentOf(draft, null));
    groups.replaceChildren(id, draft.sections(), leaderRows(draft.leaders()), draft.milestones());
    translations.replace(id, checked(translated));
    return groups.find(id).map(this::group).orElseThrow(); // never the cache: see MeetingCatalog.fresh
  }

  @Transactional
  public Group update(String slug, GroupDraft draft) {
    return update(slug, draft, null);
  }

  /**
   * Replaces the group's details and, when {@code translated} is not null, its translations (null keeps
   * them: a client that does not know translations does not erase them).
   */
  @Transactional
  public Group update(String slug, GroupDraft draft, Map<String, GroupTranslation> translated) {
    return update(slug, draft, translated, EditVersion.ANY);
  }

  /**
   * As {@link #update(String, GroupDraft, Map)}, made on the version {@code read} names: refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}) when someone changed the group since.
   */
  @Transactional
  public Group update(String slug, GroupDraft draft, Map<String, GroupTranslation> translated, EditVersion read) {
    groups.lock(get(slug).id());
    cache.clear();
    Group current = get(slug);
    read.check(version(current.id()), current.acronym());
    if (draft.acronym() != null && !current.documentPrefix().equalsIgnoreCase(Group.documentPrefix(draft.acronym()))) {
      checkAcronym(draft.acronym(), current.id()); // groups that already share one may still be edited otherwise
    }
    cache.clear();
    GroupId parent = parentOf(draft, current.id());
    groups.update(current.id(), draft, parent);
    groups.replaceChildren(current.id(), draft.sections(), leaderRows(draft.leaders()), draft.milestones());
    var renamed = MilestonesRenamed.between(current.milestones(), draft.milestones());
    if (!renamed.isEmpty()) {
      events.publishEvent(new MilestonesRenamed(current.id(), renamed));
    }
    var removed = MilestonesRemoved.between(current.milestones(), draft.milestones(), renamed);
    if (!removed.isEmpty()) {
      events.publishEvent(new MilestonesRemoved(current.id(), removed));
    }
    if (translated != null) {
      translations.replace(current.id(), checked(translated));
    }
    return groups.find(current.id()).map(this::group).orElseThrow(); // never the cache: see MeetingCatalog.fresh
  }

  /**
   * {@link #update(String, GroupDraft, Map)} asked by a person, on the web or the API. The group's
   * management edits its details, terms of reference, milestones and its leaders' names,
   * organizations and countries; who leads it with an account (which accounts are linked to a
   * leader, and in which role) is the secretariat's to change, since leaders are appointed by the
   * parent group and a linked account manages the group. Anyone else changing that is refused on
   * the row.
   */
  @Transactional
  public Group update(String slug, GroupDraft draft, Map<String, GroupTranslation> translated, PlenaryUser by) {
    return update(slug, draft, translated, by, EditVersion.ANY).group();
  }

  /** As {@link #update(String, GroupDraft, Map, PlenaryUser)}, made on the version {@code read} names; the group saved with its version. */
  @Transactional
  public Versioned update(String slug, GroupDraft draft, Map<String, GroupTranslation> translated, PlenaryUser by,
      EditVersion read) {
    if (by == null || !by.isStaff()) {
      checkAppointments(get(slug).leaders(), draft.leaders());
    }
    Group saved = update(slug, draft, translated, read);
    return new Versioned(saved, version(saved.id()));
  }

  /** A group as the database holds it, with its version: never newer than the group shown (its ETag). */
  public record Versioned(Group group, long version) {}

  /**
   * The group read from the database, never from the cache (whose copy may be older than the version), with
   * its version read first: a change committed between the two reads makes the version older than what is
   * shown, so an edit made on it is refused rather than allowed to overwrite what its editor never saw.
   */
  public Versioned versioned(String slug) {
    GroupId id = get(slug).id();
    long version = version(id);
    return new Versioned(groups.find(id).map(this::group).orElseThrow(() -> new UnknownGroupException(slug)), version);
  }

  /**
   * The group's version, one more at every edit: the API's ETag ({@link EditVersion#etag}) and the edit
   * page's hidden field. Read from the database, never cached.
   */
  public long version(GroupId id) {
    return groups.version(id).orElseThrow(() -> new UnknownGroupException("#" + id.value()));
  }

  /**
   * Holds the group's row until the caller's transaction ends and gives the group's version: the saves other
   * modules make on what belongs to a group (its announcement rules, its registration policy, its lifetime's
   * extensions, a circular quoting it) are made one after the other, and no edit of the group lands between their
   * check and their write, without any module but this one reaching into the group's table. Only inside a
   * transaction: a lock released at once would hold nothing.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public long lockForChange(GroupId id) {
    groups.lock(id);
    return version(id);
  }

  /** Refuses a change of the linked leaders (account and role): one error on each row that adds one, one for those removed. */
  private void checkAppointments(List<Leader> before, List<Leader> after) {
    var unchanged = new ArrayList<String>(before.stream().map(GroupCatalog::appointment).filter(Objects::nonNull).toList());
    var violations = new Violations();
    for (int i = 0; i < after.size(); i++) {
      String appointment = appointment(after.get(i));
      violations.check(appointment == null || unchanged.remove(appointment), "leaders[" + i + "].username",
          text("group.error.appointment", after.get(i).username()));
    }
    violations.check(unchanged.isEmpty(), "leaders", text("group.error.appointmentRemoved",
        org.plenary.shared.Listed.items(org.plenary.shared.Words.reader(), unchanged.stream().map(a -> a.substring(a.indexOf(' ') + 1)).toList())));
    violations.throwIfAny();
  }

  /** "CHAIR alice" for a leader linked to an account, null for one without. */
  private static String appointment(Leader leader) {
    return leader.username() == null || leader.username().isBlank() ? null
        : leader.role() + " " + leader.username().strip().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The acronym gives the group's document numbers ({@link Group#documentPrefix}): it needs a Latin
   * letter or digit, and no other group's may give the same numbers whatever their case, or the second
   * group's numbers would be the first's (refused at every allocation as taken).
   */
  private void checkAcronym(String acronym, GroupId self) {
    if (acronym == null || acronym.isBlank()) {
      return; // the form's own rule says it is required
    }
    String prefix = Group.documentPrefix(acronym);
    var violations = new Violations();
    violations.check(prefix.chars().anyMatch(c -> c != '-'), "acronym", text("group.error.acronymLetters", acronym));
    groups.all().stream()
        .filter(other -> !other.id().equals(self)
            && Group.documentPrefix(other.acronym()).equalsIgnoreCase(prefix))
        .findFirst()
        .ifPresent(other -> violations.check(false, "acronym",
            text("group.error.acronymTaken", acronym, prefix, other.acronym())));
    violations.throwIfAny();
  }

  /** Kept by the meeting module: the lifetime runs from the first meeting's start. */
  @Transactional
  public void recordFirstMeeting(GroupId id, LocalDate firstMeetingOn) {
    cache.clear();
    groups.setFirstMeeting(id, firstMeetingOn);
  }

  /** Whether the person may edit the group and its meetings' agendas: staff, or a leader linked to the account. */
  public boolean canManage(PlenaryUser user, Group group) {
    return user != null && (user.isStaff() || group.leaders().stream()
        .anyMatch(leader -> user.getUsername().equalsIgnoreCase(Objects.toString(leader.username(), ""))));
  }

  private Map<String, GroupTranslation> checked(Map<String, GroupTranslation> translated) {
    var violations = new Violations();
    var keyed = new TreeMap<String, GroupTranslation>();
    translated.forEach((tag, t) -> {
      var key = ContentLanguages.key(tag);
      violations.check(key.isPresent(), "translations", text("group.error.language", tag));
      key.ifPresent(k -> keyed.put(k, t == null ? new GroupTranslation(null, List.of()) : t));
    });
    violations.throwIfAny();
    return keyed;
  }

  /** A sentence for the person who asked, in their language (the page's or the API request's). */
  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  private GroupId parentOf(GroupDraft draft, GroupId self) {
    if (draft.parentSlug() == null || draft.parentSlug().isBlank()) {
      return null;
    }
    Optional<GroupId> parent = groups.idOf(draft.parentSlug());
    new Violations()
        .check(parent.isPresent(), "parentSlug", text("group.error.noParent", draft.parentSlug()))
        .check(parent.isEmpty() || !parent.get().equals(self), "parentSlug", text("group.error.ownParent"))
        .throwIfAny();
    return parent.get();
  }

  private List<Groups.LeaderRow> leaderRows(List<Leader> leaders) {
    var violations = new Violations();
    var rows = new ArrayList<Groups.LeaderRow>();
    for (int i = 0; i < leaders.size(); i++) {
      Leader leader = leaders.get(i);
      Long accountId = null;
      if (leader.username() != null && !leader.username().isBlank()) {
        var account = accounts.find(leader.username());
        violations.check(account.isPresent(), "leaders[" + i + "].username",
            text("group.error.noAccount", leader.username()));
        accountId = account.map(a -> a.id().value()).orElse(null);
      }
      violations.check(leader.countryCode() == null || countries.exists(leader.countryCode()),
          "leaders[" + i + "].countryCode", text("group.error.country"));
      rows.add(new Groups.LeaderRow(leader.role(), leader.personName(), leader.organization(), leader.countryCode(),
          accountId));
    }
    violations.throwIfAny();
    return rows;
  }

  private Group group(Groups.GroupRow row) {
    List<Leader> leaders = groups.leaders(row.id()).stream()
        .map(l -> new Leader(l.role(), l.personName(), l.organization(), l.countryCode(),
            l.accountId() == null ? null : accounts.get(new AccountId(l.accountId())).username()))
        .toList();
    return new Group(row.id(), row.slug(), row.acronym(), row.name(), row.parentSlug(), row.establishedBy(),
        row.workingLanguage(), row.lifetimeMonths(), row.contactEmail(), row.mailingList(), row.firstMeetingOn(),
        groups.sections(row.id()), leaders, groups.milestones(row.id()), translations.of(row.id()));
  }
}
