package org.plenary.output;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputDocument;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Violations;
import org.plenary.shared.Words;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every rule about deliverables, for the pages and the API: the group's management (or the
 * secretariat) creates them, adds versions (output documents of the group), records their agreement
 * at a meeting and their transfer to the parent group. Readers see the versions whose output
 * documents they may read ({@link org.plenary.contribution.DocumentAccess}, through {@link OutputDesk}).
 */
@Component
public class DeliverableDesk {

  private final Deliverables deliverables;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final OutputDesk outputs;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Words words;

  DeliverableDesk(Deliverables deliverables, GroupCatalog groups, MeetingCatalog meetings, OutputDesk outputs,
      TransactionTemplate transaction, Clock clock, Words words) {
    this.words = words;
    this.deliverables = deliverables;
    this.groups = groups;
    this.meetings = meetings;
    this.outputs = outputs;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** The group's deliverables, each with the versions the reader may read. */
  public List<Deliverable> list(String slug, Reader reader) {
    Group group = groups.get(slug);
    Set<String> readable = readableOutputs(slug, reader);
    return deliverables.ofGroup(group.id()).stream().map(d -> visible(d, readable)).toList();
  }

  /** One page of the group's deliverables ({@link #list(String, Reader)}), in id order, read by key. */
  public org.plenary.shared.Paged<Deliverable> list(String slug, Reader reader, org.plenary.shared.Paged.Asked asked) {
    Group group = groups.get(slug);
    var page = deliverables.ofGroup(group.id(), asked);
    if (page.rows().stream().allMatch(d -> d.versions().isEmpty())) {
      return page;
    }
    Set<String> readable = readableOutputs(slug, reader);
    return page.map(d -> visible(d, readable));
  }

  /** The group's deliverables serving one of the milestones {@code titles}, as the reader may see them. */
  public List<Deliverable> serving(String slug, Reader reader, java.util.Collection<String> titles) {
    List<Deliverable> serving = deliverables.serving(groups.get(slug).id(), titles);
    if (serving.stream().allMatch(d -> d.versions().isEmpty())) {
      return serving;
    }
    Set<String> readable = readableOutputs(slug, reader);
    return serving.stream().map(d -> visible(d, readable)).toList();
  }

  /**
   * A milestone renamed on the group's page or API: the deliverables serving it follow. Before, they kept the
   * old title, and the plan, the progress report and the milestone notices showed the milestone unserved.
   * Heard in the edit's transaction (not after its commit, as notices are), so that the rename and the
   * deliverables' reference are one change, never seen apart.
   */
  @org.springframework.context.event.EventListener
  void on(org.plenary.group.MilestonesRenamed renamed) {
    renamed.renamed().forEach((from, to) -> deliverables.renameMilestone(renamed.group(), from, to));
  }

  /**
   * A milestone taken off the group's list while deliverables serve it: the edit is refused (a field error
   * on the page, 400 on the API) and changes nothing. Before, the deliverables kept serving a title that was
   * gone, and the plan and the progress report showed them serving nothing.
   */
  @org.springframework.context.event.EventListener
  void on(org.plenary.group.MilestonesRemoved removed) {
    for (String milestone : removed.titles()) {
      List<String> serving = deliverables.ofGroup(removed.group()).stream()
          .filter(d -> milestone.equals(d.milestone())).map(Deliverable::title).toList();
      if (!serving.isEmpty()) {
        throw org.plenary.shared.InvalidInputException.of("milestones", "output", "output.refused.milestoneServed",
            milestone, org.plenary.shared.Listed.items(org.plenary.shared.Words.reader(), serving));
      }
    }
  }

  public Deliverable get(String slug, long id, Reader reader) {
    return shown(slug, id, reader).deliverable();
  }

  /** A deliverable as a reader may read it, and whether that is all of it (every version). */
  record Shown(Deliverable deliverable, boolean whole) {}

  /**
   * The deliverable as the reader may read it, and whether that is all of it, from one reading (two readings, one
   * for each, told a reader who read every version of a deliverable changed in between that they had not).
   */
  Shown shown(String slug, long id, Reader reader) {
    Deliverable all = find(groups.get(slug), id);
    Deliverable shown = visible(all, readableOutputs(slug, reader));
    return new Shown(shown, shown == all);
  }

  /**
   * The group's latest changes to deliverables, newest first (for the feed), as the reader may see them: a new
   * version whose output document the reader may not read is left out, not shown without its number (which told
   * that a hidden version was added), and takes no place among the 50.
   */
  public List<DeliverableChange> changes(String slug, Reader reader) {
    Set<String> readable = readableOutputs(slug, reader);
    return deliverables.events(groups.get(slug).id(), 50,
        c -> !"VERSION".equals(c.action()) || readable.contains(c.detail()));
  }

  public Deliverable create(String slug, String title, DeliverableKind kind, String milestone, List<String> editors,
      PlenaryUser user) {
    Group group = manageable(slug, user);
    new Violations()
        .check(title != null && !title.isBlank(), "title", words.get("output.error.deliverableTitle"))
        .check(kind != null, "kind", words.get("output.error.kind"))
        .check(milestone == null || milestone.isBlank() || group.milestones().stream()
            .anyMatch(m -> m.title().equals(milestone)), "milestone", words.get("output.error.milestone", milestone))
        .throwIfAny();
    return transaction.execute(status -> {
      long id = deliverables.insert(group.id(), title.strip(), kind,
          milestone == null || milestone.isBlank() ? null : milestone, editors == null ? List.of() : editors,
          clock.instant());
      deliverables.event(id, "CREATED", user.getUsername(), clock.instant(), ChangeDetail.created(kind));
      return find(group, id);
    });
  }

  /** Adds an output document of the group as the next version of a draft, whatever version it is at. */
  public Deliverable addVersion(String slug, long id, String outputNumber, PlenaryUser user) {
    return addVersion(slug, id, outputNumber, user, EditVersion.ANY);
  }

  /** Adds an output document as the next version of a draft read at a version {@code read} names (else 412). */
  public Deliverable addVersion(String slug, long id, String outputNumber, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    OutputDocument output = outputs.ofGroup(slug, Reader.of(user)).stream()
        .filter(o -> o.number().equalsIgnoreCase(outputNumber == null ? "" : outputNumber.strip())).findFirst()
        .orElseThrow(() -> OutputRefusedException.state("output.refused.deliverable.notAnOutput", outputNumber, group.acronym()));
    return transaction.execute(status -> {
      lock(id);
      Deliverable next = seen(group, id, read, "output.refused.deliverable.changedBeforeVersion", user)
          .withVersion(output.number(), clock.instant());
      deliverables.addVersion(id, next.versions().get(next.versions().size() - 1), user.getUsername());
      deliverables.event(id, "VERSION", user.getUsername(), clock.instant(), output.number());
      return find(group, id);
    });
  }

  /** Records the agreement at a meeting of the group: its decision, and consensus or the objections by name. */
  public Deliverable agree(String slug, long id, String meetingCode, String decision, boolean consensus,
      List<String> objections, PlenaryUser user) {
    return agree(slug, id, meetingCode, decision, consensus, objections, user, EditVersion.ANY);
  }

  /**
   * Records the agreement, as the deciding editor read the deliverable at a version {@code read} names: refused
   * (412, nothing recorded) when someone changed it since (a newer version added), so that what is agreed is
   * what the meeting saw.
   */
  public Deliverable agree(String slug, long id, String meetingCode, String decision, boolean consensus,
      List<String> objections, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    return transaction.execute(status -> {
      lock(id);
      // The meeting under its lock: a move or a rename committed since it was named is seen (and refused), not
      // one the agreement is recorded past.
      Meeting meeting = meetings.forIssue(slug, meetingCode);
      Deliverable agreed = seen(group, id, read, "output.refused.deliverable.changedBeforeAgreement", user).agree(meeting, LocalDate.now(clock.withZone(meeting.timeZone())),
          decision, consensus, objections);
      deliverables.saveState(agreed, meeting.id().value());
      deliverables.event(id, "AGREED", user.getUsername(), clock.instant(),
          ChangeDetail.agreed(meeting.code(), agreed.decision(), consensus, agreed.objections()));
      return find(group, id);
    });
  }

  /** Records the transfer to the parent group on a date. */
  public Deliverable transfer(String slug, long id, LocalDate on, PlenaryUser user) {
    return transfer(slug, id, on, user, EditVersion.ANY);
  }

  /** Records the transfer of the deliverable as read at a version {@code read} names (else 412, nothing recorded). */
  public Deliverable transfer(String slug, long id, LocalDate on, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    return transaction.execute(status -> {
      lock(id);
      Deliverable current = seen(group, id, read, "output.refused.deliverable.changedBeforeTransfer", user);
      // The agreeing meeting under its lock: the transfer is checked against its days as they stand.
      Meeting agreeing = current.agreedAt() == null ? null
          : meetings.forIssue(meetings.get(slug, current.agreedAt()).id());
      LocalDate agreedOn = agreeing == null ? null : agreeing.startDate();
      Deliverable moved = current.transfer(on, agreedOn);
      Long meetingId = agreeing == null ? null : agreeing.id().value();
      deliverables.saveState(moved, meetingId);
      deliverables.event(id, "TRANSFERRED", user.getUsername(), clock.instant(),
          ChangeDetail.transferred(group.parentSlug() == null ? null : group.parentSlug().toUpperCase(), on));
      return find(group, id);
    });
  }

  private Group manageable(String slug, PlenaryUser user) {
    Group group = groups.get(slug);
    if (!groups.canManage(user, group)) {
      throw OutputRefusedException.notAllowed("output.refused.manage.deliverables");
    }
    return group;
  }

  /**
   * Takes the deliverable's row lock, then the row lock of the meeting that agreed it ({@link MeetingCatalog#forIssue}, as
   * the visa desk does): the deliverable's version adds that meeting's, and a change of the meeting (its code renamed)
   * committed between the version's check and the write would otherwise be saved over unseen.
   */
  private void lock(long id) {
    deliverables.lock(id).ifPresent(meetings::forIssue);
  }

  /**
   * The deliverable as it stands, under its lock, if the editor read it at a version {@code read} accepts: its own,
   * or that of a part of it as shown today to the editor or to a signed-out reader (a part's tag names what that part
   * showed, and the change writes nothing of what it left out; a version added that the part leaves out does not make
   * it stale, as it moves nothing of it); else refused with a sentence saying what it is now (its title, version,
   * state and newest version's output document).
   */
  private Deliverable seen(Group group, long id, EditVersion read, String refusal, PlenaryUser user) {
    Deliverable current = find(group, id);
    if (!read.accepts(current.version())
        && !read.accepts(visible(current, readableOutputs(group.slug(), Reader.of(user))).version())
        && !read.accepts(visible(current, readableOutputs(group.slug(), Reader.ANONYMOUS)).version())) {
      throw OutputRefusedException.changedSinceRead(refusal, current.title(), current.version(),
          new org.springframework.context.support.DefaultMessageSourceResolvable("output.state." + current.state().name()),
          current.currentVersion() == null ? "—" : current.currentVersion());
    }
    return current;
  }

  private Deliverable find(Group group, long id) {
    return deliverables.find(group.id(), id).orElseThrow(() -> new org.plenary.shared.UnknownException("output",
        "output.unknown.deliverable", group.acronym(), id));
  }

  private Set<String> readableOutputs(String slug, Reader reader) {
    return outputs.ofGroup(slug, reader).stream().map(OutputDocument::number).collect(Collectors.toSet());
  }

  /**
   * The deliverable as a reader who may read the output documents {@code readable} sees it. The versions left out
   * leave no trace: those shown are numbered 1, 2… among themselves, and the deliverable's {@code version} (its
   * ETag's) is made from what is shown, so that a version added, and any change, that the reader may not read
   * moves nothing the reader gets. It is at least 2^48, never one of the versions a whole deliverable counts.
   */
  static Deliverable visible(Deliverable d, Set<String> readable) {
    var shown = d.versions().stream().filter(v -> readable.contains(v.outputNumber())).toList();
    if (shown.size() == d.versions().size()) {
      return d;
    }
    var numbered = java.util.stream.IntStream.range(0, shown.size())
        .mapToObj(i -> new Deliverable.Version(i + 1, shown.get(i).outputNumber(), shown.get(i).addedAt())).toList();
    Deliverable part = new Deliverable(d.id(), d.title(), d.kind(), d.milestone(), d.editors(), d.state(),
        d.agreedAt(), d.decision(), d.consensus(), d.objections(), d.transferredOn(), numbered, d.createdAt(), 0);
    long version = partVersion(part);
    return new Deliverable(d.id(), d.title(), d.kind(), d.milestone(), d.editors(), d.state(), d.agreedAt(),
        d.decision(), d.consensus(), d.objections(), d.transferredOn(), numbered, d.createdAt(), version);
  }

  /**
   * The version of a part of a record shown to a reader who may not read all of it: made from what the part shows
   * (its record text, written with version 0), at least 2^48 so that it is never a version the whole record counts.
   */
  static long partVersion(Record part) {
    return (1L << 48) | (java.nio.ByteBuffer.wrap(sha256(part.toString())).getLong() & 0xFFFF_FFFF_FFFFL);
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
