package org.plenary.output;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputDocument;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.UnknownException;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Violations;
import org.plenary.shared.Words;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every rule about the living list: public to read (as it stands, or as a meeting agreed it); the
 * group's management (or the secretariat) adds, edits and removes entries, each edit a new version,
 * and records the list as agreed at a meeting. Liaison statements named on an entry are documents of
 * the group, shown to a reader only if the reader may read them.
 */
@Component
public class LivingListDesk {

  /** What the management gives for an entry; liaisons are document numbers separated by spaces or commas. */
  public record EntryDraft(String organization, String bodyGroup, String url, String topics, String contact,
      java.time.LocalDate lastReviewed, String liaisons) {

    List<String> liaisonNumbers() {
      return liaisons == null ? List.of()
          : Arrays.stream(liaisons.split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
    }
  }

  private final LivingListEntries entries;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final OutputDesk outputs;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Words words;

  LivingListDesk(LivingListEntries entries, GroupCatalog groups, MeetingCatalog meetings, OutputDesk outputs,
      TransactionTemplate transaction, Clock clock, Words words) {
    this.words = words;
    this.entries = entries;
    this.groups = groups;
    this.meetings = meetings;
    this.outputs = outputs;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** The list as it stands. */
  public LivingList current(String slug, Reader reader) {
    Group group = groups.get(slug);
    long version = entries.version(group.id());
    List<LivingListEntry> all = entries.at(group.id(), version);
    return shown(version, null, all, visible(slug, all, reader));
  }

  /** The list as the meeting agreed it, or {@link NoSuchElementException} when the meeting did not. */
  public LivingList agreedAt(String slug, String code, Reader reader) {
    Group group = groups.get(slug);
    Meeting meeting = meetings.get(slug, code);
    long version = entries.agreedVersion(group.id(), meeting.id()).orElseThrow(() -> new UnknownException("output",
        "output.unknown.agreedList", code, group.acronym()));
    List<LivingListEntry> all = entries.at(group.id(), version);
    return shown(version, code, all, visible(slug, all, reader));
  }

  /** The codes of the meetings that agreed the list. */
  public List<String> agreements(String slug) {
    return entries.agreements(groups.get(slug).id());
  }

  /** Adds an entry ({@code id} null) or edits one: a new version of the list. */
  public LivingListEntry save(String slug, Long id, EntryDraft draft, PlenaryUser user) {
    return save(slug, id, draft, user, EditVersion.ANY);
  }

  /**
   * As {@link #save(String, Long, EntryDraft, PlenaryUser)}, an edit made on the entry's version {@code read}
   * names: refused ({@link org.plenary.shared.ChangedMeanwhileException}) when someone changed it since.
   */
  public LivingListEntry save(String slug, Long id, EntryDraft draft, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    List<String> liaisons = checked(slug, draft, user);
    counter(group);
    return transaction.execute(status -> {
      long version = entries.nextVersion(group.id());
      long entryId = id == null ? entries.newEntry(group.id()) : existing(group, id);
      // Under the list's lock (nextVersion): an entry someone removed meanwhile is not brought back by an edit
      // made on the page or the GET that still showed it.
      if (id != null) {
        LivingListEntry current = entries.at(group.id(), version - 1).stream().filter(e -> e.id() == entryId)
            .findFirst().orElseThrow(() -> OutputRefusedException.state("output.refused.livingList.removed",
                group.acronym(), entryId));
        read.check(current.version(), current.organization());
      }
      var entry = new LivingListEntry(entryId, draft.organization().strip(), blankToNull(draft.bodyGroup()),
          blankToNull(draft.url()), blankToNull(draft.topics()), blankToNull(draft.contact()), draft.lastReviewed(),
          liaisons, version);
      entries.record(group.id(), version, entry, false, user.getUsername(), clock.instant());
      return entry;
    });
  }

  public void remove(String slug, long id, PlenaryUser user) {
    remove(slug, id, user, EditVersion.ANY);
  }

  /**
   * Removes the entry as read at a version {@code read} names: refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}) when someone changed it since, so that an edit made
   * after the remover read it is not dropped unseen.
   */
  public void remove(String slug, long id, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    counter(group);
    transaction.executeWithoutResult(status -> {
      existing(group, id);
      long version = entries.nextVersion(group.id());
      LivingListEntry current = entries.at(group.id(), version).stream().filter(e -> e.id() == id).findFirst()
          .orElseThrow(() -> new UnknownException("output", "output.unknown.livingListEntry", group.acronym(), id));
      read.check(current.version(), current.organization());
      entries.record(group.id(), version, current, true, user.getUsername(), clock.instant());
    });
  }

  /** Records the list as it stands as agreed at the meeting. */
  public LivingList agree(String slug, String code, PlenaryUser user) {
    return agree(slug, code, user, EditVersion.ANY);
  }

  /**
   * Records the list as agreed at the meeting, when it still stands at a version {@code read} names (the one the
   * chair showed the meeting): refused ({@link OutputRefusedException#changedSinceRead}) when someone edited it
   * since, so that an entry added, changed or removed meanwhile is not agreed unseen; nothing is recorded.
   */
  public LivingList agree(String slug, String code, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    Meeting meeting = meetings.get(slug, code);
    Instant now = clock.instant();
    if (meeting.startDate().isAfter(java.time.LocalDate.now(clock.withZone(meeting.timeZone())))) {
      throw OutputRefusedException.state("output.refused.livingList.notStarted", code);
    }
    counter(group);
    transaction.executeWithoutResult(status -> {
      long version = entries.lockVersion(group.id());
      List<LivingListEntry> all = entries.at(group.id(), version);
      if (!read.accepts(version) && !read.accepts(shown(version, null, all, visible(slug, all, Reader.of(user))).version())
          && !read.accepts(shown(version, null, all, visible(slug, all, Reader.ANONYMOUS)).version())) {
        throw OutputRefusedException.changedSinceRead("output.refused.livingList.changedBeforeAgreement",
            group.acronym(), code, version, entries.at(group.id(), version).size());
      }
      entries.agree(group.id(), meeting.id(), version, user.getUsername(), now);
    });
    return agreedAt(slug, code, Reader.of(user));
  }

  /** Whether {@code shown} (the list as it stands, as a reader was shown it) leaves nothing out. */
  boolean whole(String slug, LivingList shown) {
    return shown.entries().equals(entries.at(groups.get(slug).id(), shown.version()));
  }

  private List<String> checked(String slug, EntryDraft draft, PlenaryUser user) {
    List<String> liaisons = draft.liaisonNumbers();
    Set<String> known = documents(slug, Reader.of(user));
    var violations = new Violations()
        .check(draft.organization() != null && !draft.organization().isBlank(), "organization", words.get("output.error.organization"))
        .check(draft.url() == null || draft.url().isBlank() || draft.url().strip().matches("https?://\\S+"), "url", words.get("output.error.url"));
    for (String number : liaisons) {
      violations.check(known.contains(number), "liaisons", words.get("output.error.liaison", number));
    }
    violations.throwIfAny();
    return liaisons;
  }

  /** The numbers of the group's documents (inputs and outputs) the reader may read. */
  private Set<String> documents(String slug, Reader reader) {
    return Stream.concat(outputs.ofGroup(slug, reader).stream().map(OutputDocument::number),
        outputs.inputsOfGroup(slug, reader).stream().map(Contribution::number)).collect(Collectors.toSet());
  }

  /**
   * The list at {@code version} as a reader is shown it. When liaison statements the reader may not read are left
   * out, they leave no trace: the version of each entry, and the list's, are made from what is shown
   * (numbers of at least 2^48, hashes of it), so that an edit that changed only what the reader may not read moves
   * nothing they get; {@code If-Match} on the agreement takes such a version while that part is unchanged.
   */
  private static LivingList shown(long version, String agreedAt, List<LivingListEntry> all,
      List<LivingListEntry> shown) {
    if (shown.equals(all)) {
      return new LivingList(version, agreedAt, all);
    }
    // Every entry's, not only those that lost a statement: the list's versions the others keep would show, by their
    // gaps, how many edits were made meanwhile, those of what the reader may not read too.
    List<LivingListEntry> parts = shown.stream().map(e -> new LivingListEntry(e.id(), e.organization(), e.bodyGroup(),
        e.url(), e.topics(), e.contact(), e.lastReviewed(), e.liaisons(), DeliverableDesk.partVersion(e.withVersion0())))
        .toList();
    return new LivingList(DeliverableDesk.partVersion(new LivingList(0, agreedAt, parts)), agreedAt, parts);
  }

  private List<LivingListEntry> visible(String slug, List<LivingListEntry> list, Reader reader) {
    if (list.stream().allMatch(e -> e.liaisons().isEmpty())) {
      return list;
    }
    Set<String> readable = documents(slug, reader);
    return list.stream().map(e -> new LivingListEntry(e.id(), e.organization(), e.bodyGroup(), e.url(), e.topics(),
        e.contact(), e.lastReviewed(), e.liaisons().stream().filter(readable::contains).toList(), e.version())).toList();
  }

  private void counter(Group group) {
    try {
      transaction.executeWithoutResult(status -> entries.createCounter(group.id()));
    } catch (org.springframework.dao.DuplicateKeyException madeByAConcurrentFirstEdit) {
      // The counter exists, which is all that was wanted.
    }
  }

  private long existing(Group group, long id) {
    if (!entries.exists(group.id(), id)) {
      throw new UnknownException("output", "output.unknown.livingListEntry", group.acronym(), id);
    }
    return id;
  }

  private Group manageable(String slug, PlenaryUser user) {
    Group group = groups.get(slug);
    if (!groups.canManage(user, group)) {
      throw OutputRefusedException.notAllowed("output.refused.manage.livingList");
    }
    return group;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
