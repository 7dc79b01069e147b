package org.plenary.contribution;

import static org.plenary.contribution.ContributionRefusedException.Reason.ALREADY_PUBLISHED;
import static org.plenary.contribution.ContributionRefusedException.Reason.BAD_FILE_NAME;
import static org.plenary.contribution.ContributionRefusedException.Reason.LATE;
import static org.plenary.contribution.ContributionRefusedException.Reason.NOT_ALLOWED;
import static org.plenary.contribution.ContributionRefusedException.Reason.NOT_YOURS;
import static org.plenary.contribution.ContributionRefusedException.Reason.UNKNOWN_NUMBER;
import static org.plenary.contribution.ContributionRefusedException.Reason.VERSION_CHANGED;
import static org.plenary.contribution.ContributionRefusedException.Reason.WAITING;
import static org.plenary.contribution.ContributionRefusedException.Reason.WRONG_STATE;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.account.AccountId;
import org.plenary.account.Credentials;
import org.plenary.account.OrganizationId;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Standing;
import org.plenary.contribution.ContributionEvents.ContributionPublished;
import org.plenary.contribution.ContributionEvents.ContributionsPublished;
import org.plenary.contribution.ContributionEvents.ContributionReceived;
import org.plenary.contribution.ContributionEvents.ContributionsReceived;
import org.plenary.contribution.ContributionEvents.ContributionRejected;
import org.plenary.contribution.ContributionEvents.ContributionTakenBack;
import org.plenary.contribution.ContributionEvents.ContributionWithdrawn;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Deadline;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.plenary.registration.RegistrationLookup;
import org.plenary.shared.BatchWorker;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.Violations;
import org.plenary.store.DocumentStore;
import org.plenary.store.StoredFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every rule about contribution documents, whoever asks: the web, the API and the FTP gateway.
 * Allocates numbers, receives uploads into the incoming folder, publishes them into the meeting's
 * read-only folder, rejects and withdraws them, and writes each action to the audit trail.
 */
@Component
public class ContributionDesk {

  private final Contributions contributions;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final AccountDirectory accounts;
  private final RegistrationLookup registrations;
  private final DocumentStore store;
  private final ContributionSettings settings;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final NumberAllocator allocator;
  /** Enters uploads in the register and publishes, the steps that arrive together in one transaction. */
  private final BatchWorker<Step, Object> registrar;
  private final Refusals refusals;
  private final Credentials credentials;
  /** Series (group id and series) that exist; a series is never removed, so this only grows. */
  private final java.util.Set<String> knownSeries = java.util.concurrent.ConcurrentHashMap.newKeySet();

  ContributionDesk(NumberAllocator allocator, Contributions contributions, GroupCatalog groups, MeetingCatalog meetings, AccountDirectory accounts,
      RegistrationLookup registrations, DocumentStore store, ContributionSettings settings, ApplicationEventPublisher events,
      TransactionTemplate transaction, Clock clock, ObjectProvider<MeterRegistry> registry, Credentials credentials) {
    this.allocator = allocator;
    this.credentials = credentials;
    this.refusals = new Refusals(registry.getIfAvailable(() -> Metrics.globalRegistry));
    this.contributions = contributions;
    this.groups = groups;
    this.meetings = meetings;
    this.accounts = accounts;
    this.registrations = registrations;
    this.store = store;
    this.settings = settings;
    this.events = events;
    this.transaction = transaction;
    this.clock = clock;
    this.registrar = new BatchWorker<>("register", 64, transaction, this::record);
  }

  /** As {@link #allocate(String, String, Allocation, PlenaryUser, UploadChannel)} for a caller inside the server. */
  public Contribution allocate(String slug, String code, Allocation request, PlenaryUser user) {
    return allocate(slug, code, request, user, UploadChannel.OTHER);
  }

  /**
   * Allocates the next number of the group's series for a document to the meeting; a refusal is
   * counted for the channel that asked.
   */
  public Contribution allocate(String slug, String code, Allocation request, PlenaryUser user, UploadChannel channel) {
    try {
      return allocateNumber(slug, code, request, user);
    } catch (ContributionRefusedException | InvalidInputException refusal) {
      refusals.count(refusal, channel);
      throw refusal;
    }
  }

  private Contribution allocateNumber(String slug, String code, Allocation request, PlenaryUser user) {
    Group group = groups.get(slug);
    Meeting meeting = meetings.get(slug, code);
    Instant now = clock.instant();
    var violations = new Violations()
        .check(meeting.isUpcoming(now), "meeting", "contribution", "contribution.error.meetingOver", code);
    var agendaItemIds = new java.util.LinkedHashSet<Long>(request.agendaItemIds());
    for (int item : request.agendaItems()) {
      violations.check(item >= 1 && item <= meeting.agenda().size(), "agendaItems", "contribution",
          "contribution.error.noAgendaItem", item, meeting.agenda().size());
      meeting.agendaItemId(item).ifPresent(agendaItemIds::add);
    }
    for (long item : request.agendaItemIds()) {
      violations.check(meeting.agendaNumber(item) > 0, "agendaItemIds", "contribution",
          "contribution.error.noAgendaItemId", code, item);
    }
    var coauthors = request.coauthors().stream().map(name -> coauthor(name, meeting, user)).toList();
    for (int i = 0; i < coauthors.size(); i++) {
      violations.check(coauthors.get(i).isPresent(), "coauthors", "contribution",
          "contribution.error.coauthor", request.coauthors().get(i));
    }
    violations.throwIfAny();
    // Numbers asked for and never used are capped per account and meeting (the secretariat is exempt):
    // one read of the account's range of contributions_allocated_by, before the number is queued.
    // The allocator counts again under the series lock, where requests sent together are seen together.
    int cap = unusedCap(DocumentSeries.INPUT, user);
    if (cap > 0) {
      refuseUnused(contributions.unusedNumbers(user.id().value(), meeting.id(), cap) < cap, cap, code);
    }
    var resolved = new Allocation(request.title(), request.source(), List.of(), request.contact(), request.coauthors(),
        List.copyOf(agendaItemIds));
    try {
      return allocateIn(DocumentSeries.INPUT, group, meeting, resolved,
          coauthors.stream().map(java.util.Optional::orElseThrow).toList(), null, user, now);
    } catch (NumberAllocator.UnusedCapReached reached) {
      refuseUnused(false, cap, code);
      throw reached;
    }
  }

  /** How many unused numbers of a meeting the account may hold in the series: 0 for no cap (outputs, the secretariat). */
  private int unusedCap(DocumentSeries series, PlenaryUser user) {
    return series == DocumentSeries.INPUT && !user.isStaff() ? settings.maxUnusedNumbers() : 0;
  }

  private static void refuseUnused(boolean holds, int cap, String code) {
    new Violations().check(holds, "meeting", "contribution", "contribution.error.unusedNumbers", cap, code).throwIfAny();
  }

  /**
   * Queues the allocation of the next number of the group's series, once the request was checked;
   * the series is created first if it does not exist (outside the allocation's transaction).
   */
  Contribution allocateIn(DocumentSeries series, Group group, Meeting meeting, Allocation resolved,
      List<Account> coauthors, NumberAllocator.OutputDetails output, PlenaryUser user, Instant now) {
    String key = group.id().value() + ":" + series;
    if (!knownSeries.contains(key)) {
      if (!contributions.seriesExists(group.id(), series)) {
        // A group renamed after another's series began could take its prefix (the group module refuses
        // two groups' acronyms alike, not an acronym a series kept): told here, not as numbers taken.
        contributions.prefixHolder(group.id(), series, seriesPrefix(group)).ifPresent(other -> {
          throw InvalidInputException.of("meeting", "contribution", "contribution.refused.prefixTaken", group.acronym(),
              seriesPrefix(group), groups.get(other).acronym());
        });
        transaction.executeWithoutResult(status -> contributions.createSeries(group.id(), series, seriesPrefix(group)));
      }
      knownSeries.add(key);
    }
    return allocator.allocate(new NumberAllocator.Request(series, group, meeting, resolved, user,
        coauthors.stream().map(Account::username).sorted().toList(),
        coauthors.stream().map(account -> account.id().value()).toList(), output, now, unusedCap(series, user)));
  }

  /**
   * A co-author the author may know of: someone of the author's organization or registered for the
   * meeting (staff may name anyone). Every other name gets the same answer, at the same cost,
   * whether or not it has an account, so the field cannot be used to find out who has one.
   */
  private java.util.Optional<Account> coauthor(String name, Meeting meeting, PlenaryUser author) {
    var account = accounts.find(name);
    boolean registered = registrations.registered(meeting.id(), account.map(Account::id).orElse(new AccountId(-1)));
    OrganizationId organization = author.account().organizationId();
    return account.filter(a -> author.isStaff() || registered
        || (organization != null && organization.equals(a.organizationId())));
  }

  public Contribution get(String number) {
    return contributions.findByNumber(number).orElseThrow(() -> unknownNumber(number));
  }

  /** What a number that was never allocated is answered: also a number the reader may not read. */
  static ContributionRefusedException unknownNumber(String number) {
    return ContributionRefusedException.of(UNKNOWN_NUMBER, "contribution.refused.unknownNumber", printable(number));
  }

  /** The contributions with these numbers, read together. */
  public List<Contribution> all(List<String> numbers) {
    return contributions.findByNumbers(numbers);
  }

  public List<Contribution> register(String slug, String code) {
    return contributions.ofMeeting(meetings.get(slug, code).id());
  }

  List<Contribution> register(org.plenary.meeting.MeetingId meeting) {
    return contributions.ofMeeting(meeting);
  }

  /** A page of the meeting's register, read alone (see {@link RegisterPage#read}). */
  RegisterPage registerPage(org.plenary.meeting.MeetingId meeting, String cursor, String after, int limit) {
    return RegisterPage.read(contributions, meeting, cursor, after, limit);
  }

  /** Contributions of the group with a version waiting in the incoming folder: the secretariat's queue. */
  public List<Contribution> incoming(String slug) {
    return contributions.incoming(groups.get(slug).id());
  }

  /** The contributions this person asked for or co-authors, in number order. */
  public List<Contribution> of(PlenaryUser user) {
    return contributions.ofPerson(user.id().value());
  }

  /** How many contributions of each group wait in its incoming folder (groups with none are left out). */
  public java.util.Map<org.plenary.group.GroupId, Long> incomingCounts() {
    var counts = new java.util.HashMap<org.plenary.group.GroupId, Long>();
    contributions.incomingCounts().forEach((group, count) -> counts.put(new org.plenary.group.GroupId(group), count));
    return counts;
  }

  /** Every action on the contribution, with the username of the account that acted. */
  public List<AuditEvent> auditTrail(String number) {
    return contributions.auditTrail(get(number).id());
  }

  /** Every action on a contribution already read, without reading it again by its number. */
  public List<AuditEvent> auditTrail(Contribution contribution) {
    return contributions.auditTrail(contribution.id());
  }

  /**
   * The trail as readers see it (page and API): each action names the person who acted by their
   * name, never by their username, as the trail is public and usernames are half of a sign-in.
   */
  public List<AuditEvent> readersAuditTrail(String number) {
    return auditTrail(number).stream().map(readers()).toList();
  }

  /** One page of the trail as readers see it ({@link #readersAuditTrail(String)}), read by key. */
  public org.plenary.shared.Paged<AuditEvent> readersAuditTrail(String number, org.plenary.shared.Paged.Asked asked) {
    return contributions.auditTrail(get(number).id(), asked).map(readers());
  }

  private java.util.function.Function<AuditEvent, AuditEvent> readers() {
    var names = new java.util.HashMap<String, String>();
    return e -> new AuditEvent(e.action(), e.actor() == null ? null : names.computeIfAbsent(e.actor(), this::personName),
        e.at(), e.fileName(), e.sha256(), e.detail());
  }

  /** The name a reader sees for an account: its display name, never the username it signs in with. */
  public String personName(String username) {
    return accounts.findEvenDisabled(username).map(a -> a.displayName()).orElse("a former account");
  }

  /** Whether the person may upload versions of the contribution. */
  public boolean mayUpload(PlenaryUser user, Contribution contribution) {
    return user != null && (user.isStaff() || user.getUsername().equals(contribution.allocatedBy())
        || contribution.coauthors().contains(user.getUsername()));
  }

  /**
   * The numbers of the group's incoming folder whose waiting version this account may replace now by
   * sending the same name again: those it sent itself ({@link Replacing#OWN}) and may upload
   * ({@link #mayUpload}), unless the meeting refuses
   * late inputs, its deadline has passed and the contribution has no exception. What FTP's
   * MLSD/MLST {@code perm} fact says of each file (RFC 3659, 7.5.5). One query.
   */
  public java.util.function.Predicate<String> replaceableIncoming(String slug, PlenaryUser user) {
    if (user == null) {
      return number -> false;
    }
    Group group = groups.get(slug);
    var refusing = new HashMap<Long, Boolean>();
    var replaceable = new java.util.HashSet<String>();
    for (var waiting : contributions.waitingOf(group.id(), user.id().value(), user.isStaff())) {
      boolean refused = DocumentSeries.of(waiting.number()) == DocumentSeries.INPUT && !waiting.lateException()
          && refusing.computeIfAbsent(waiting.meeting(), id -> {
            Meeting meeting = meetings.get(new MeetingId(id));
            return meeting.latePolicy() == LatePolicy.REFUSE
                && meeting.deadline(Deadline.Kind.CONTRIBUTIONS).isPast(clock.instant());
          });
      if (!refused) {
        replaceable.add(waiting.number());
      }
    }
    return replaceable::contains;
  }

  /** As {@link #upload(String, String, InputStream, PlenaryUser, UploadChannel)} for a caller inside the server. */
  public ContributionFile upload(String number, String fileName, InputStream bytes, PlenaryUser user) {
    return upload(number, fileName, bytes, user, UploadChannel.OTHER);
  }

  /** As {@link #upload(String, String, InputStream, PlenaryUser, UploadChannel, Replacing)} when nothing may wait. */
  public ContributionFile upload(String number, String fileName, InputStream bytes, PlenaryUser user,
      UploadChannel channel) {
    return upload(number, fileName, bytes, user, channel, Replacing.NOTHING);
  }

  /**
   * Receives a file for the contribution {@code number} (web and API). The name must be that
   * number, with the revision due, and an allowed extension. A version already waiting is replaced
   * only when {@code replacing} names it ({@link Replacing}).
   */
  ContributionFile upload(String number, String fileName, InputStream bytes, PlenaryUser user,
      UploadChannel channel, Replacing replacing) {
    IncomingUpload opened;
    try {
      UploadName name = parse(fileName);
      if (!name.number().equalsIgnoreCase(number)) {
        throw ContributionRefusedException.of(BAD_FILE_NAME, "contribution.refused.nameFor", number,
            number + "." + name.extension(), fileName);
      }
      opened = open(name, fileName, user, null, channel, replacing);
    } catch (ContributionRefusedException refusal) {
      refusals.count(refusal, channel);
      throw refusal;
    }
    // From here the upload reports its own refusals (too large, a rule re-checked at completion).
    try (IncomingUpload upload = opened) {
      upload.transfer(bytes);
      return upload.complete();
    }
  }

  /**
   * Opens an upload into a group's incoming folder (FTP): the number comes from the file's name.
   * Every rule that can be checked before the bytes arrive is checked here, so a refused upload
   * costs no transfer. A version waiting is overwritten only when its sender sends again, as a
   * file of one's own in any FTP server; another's waiting version is refused ({@link Replacing#OWN}).
   */
  public IncomingUpload openIncoming(String slug, String fileName, PlenaryUser user) {
    try {
      return open(parse(fileName), fileName, user, slug, UploadChannel.FTP, Replacing.OWN);
    } catch (ContributionRefusedException refusal) {
      refusals.count(refusal, UploadChannel.FTP);
      throw refusal;
    }
  }

  private IncomingUpload open(UploadName name, String sent, PlenaryUser user, String slug, UploadChannel channel,
      Replacing replacing) {
    Contribution contribution = get(name.number());
    Group group = groups.get(contribution.groupId());
    if (slug != null && !slug.equals(group.slug())) {
      throw ContributionRefusedException.of(UNKNOWN_NUMBER, "contribution.refused.otherGroup",
          contribution.number(), group.acronym());
    }
    if (!mayUpload(user, contribution)) {
      throw ContributionRefusedException.of(NOT_YOURS, "contribution.refused.notYours", contribution.number());
    }
    checkRevision(contribution, name);
    String storedName = contribution.baseName(name.revision()) + "." + name.extension();
    if (!storedName.equals(sent)) {
      // One name per document, on every channel: never stored under another name than the one sent.
      throw ContributionRefusedException.of(BAD_FILE_NAME, "contribution.refused.exactName", storedName,
          printable(sent));
    }
    // After the request's own faults (a name to correct whatever waits), before a byte is taken; judged again under
    // the lock, at the end.
    checkReplacing(contribution, replacing, user);
    Meeting meeting = meetings.get(contribution.meetingId());
    // Outputs are written at and after the meeting: the contribution deadline is not theirs.
    if (contribution.series() == DocumentSeries.INPUT) {
      lateness(contribution, meeting, clock.instant());  // refused now if already late; judged again at the end
    }
    // Staged towards the version's own path in the incoming folder (IncomingPaths), fixed here and carried
    // to the register's move: on S3 the move lands it there without a copy.
    String destination = IncomingPaths.newVersion(group.slug(), storedName);
    var writer = store.stage(destination, settings.maxBytes());
    return new IncomingUpload(storedName, channel, settings.maxSizeText(), store, writer,
        staged -> receive(new Receipt(contribution, group, name, storedName, destination, staged, user,
            clock.instant().truncatedTo(ChronoUnit.MICROS), replacing)),
        refusal -> refusals.count(refusal, channel));
  }

  /**
   * Hands a complete upload to the register with its sender's rights as they stand at its last byte, not
   * at its first, minutes before: an upload whose account was disabled, whose password changed or whose
   * token was revoked meanwhile is not kept (the register then checks the upload rule itself again, and
   * the deadline, under the contribution's lock). A refusal is a failed future: the staged file goes.
   */
  private CompletableFuture<ContributionFile> receive(Receipt receipt) {
    Standing standing = credentials.recheck(receipt.user());
    if (!standing.stands()) {
      return CompletableFuture.failedFuture(ContributionRefusedException.of(NOT_YOURS,
          "contribution.refused.senderEnded", receipt.storedName()));
    }
    return registrar.submitAsync(receipt.sentBy(standing.user())).thenApply(ContributionFile.class::cast);
  }

  /** What the register's worker does: enter an upload ({@link Receipt}) or publish ({@link Publication}). */
  private sealed interface Step permits Receipt, Publication {}

  /** A complete staged upload waiting to enter the register, and the store path it was staged for. */
  private record Receipt(Contribution contribution, Group group, UploadName name, String storedName,
      String destination, StoredFile staged, PlenaryUser user, Instant at, Replacing replacing) implements Step {

    Receipt sentBy(PlenaryUser now) {
      return new Receipt(contribution, group, name, storedName, destination, staged, now, at, replacing);
    }
  }

  /**
   * Refuses an upload that would take the place of a waiting version it does not name (409), or that
   * names a version no longer waiting (412): the sentence says whose version waits and since when.
   */
  private void checkReplacing(Contribution contribution, Replacing replacing, PlenaryUser user) {
    ContributionFile waiting = contribution.incoming().orElse(null);
    if (replacing.allows(waiting, user.getUsername())) {
      return;
    }
    if (waiting == null) {
      throw ContributionRefusedException.of(VERSION_CHANGED, "contribution.refused.waitingGone", contribution.number());
    }
    throw ContributionRefusedException.of(replacing.versions().isEmpty() ? WAITING : VERSION_CHANGED,
        replacing.versions().isEmpty() ? "contribution.refused.waiting" : "contribution.refused.waitingChanged",
        waiting.fileName(), personName(waiting.uploadedBy()), utcMinute(waiting));
  }

  /** When a version arrived, to the minute in UTC (2010-06-07 14:05 UTC): said the same on every channel. */
  static String utcMinute(ContributionFile file) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT)
        .format(file.uploadedUtc());
  }

  /**
   * The uploads and publications that arrived together, made in one transaction: the uploads registered
   * first, then the publications (a publication is asked only once its upload was answered, so never of
   * an upload in the same batch). One commit serves both where each kind took its own: under the
   * document cycle's load an H2 commit (writing every page the transaction changed) was a fifth of the
   * server's time, and the two kinds change the same tables (the files, the audit trail, the outbox).
   * Answers each step with its own answer, in order.
   */
  private List<Object> record(List<Step> steps) {
    var receipts = new java.util.ArrayList<Receipt>();
    var publications = new java.util.ArrayList<Publication>();
    for (Step step : steps) {
      switch (step) {
        case Receipt r -> receipts.add(r);
        case Publication p -> publications.add(p);
      }
    }
    var files = (receipts.isEmpty() ? List.<ContributionFile>of() : register(receipts)).iterator();
    var made = (publications.isEmpty() ? List.<Contribution>of() : publish(publications)).iterator();
    var answers = new java.util.ArrayList<Object>(steps.size());
    for (Step step : steps) {
      answers.add(step instanceof Receipt ? files.next() : made.next());
    }
    return answers;
  }

  /**
   * Enters complete staged files in the register and moves them into the incoming folder, in one
   * transaction for all the uploads that completed together (each re-checked under its lock).
   */
  private List<ContributionFile> register(List<Receipt> receipts) {
    var moves = FileMoves.inTransaction(store);
    var received = new java.util.ArrayList<ContributionFile>(receipts.size());
    var announced = new java.util.ArrayList<ContributionReceived>(receipts.size());
    // Each contribution as this transaction leaves it, for the event's listeners (read once, under its lock).
    var after = new java.util.LinkedHashMap<String, Contribution>();
    for (Receipt r : receipts) {
      contributions.lock(r.contribution().id());
      Contribution current = get(r.contribution().number());
      checkRevision(current, r.name());
      checkReplacing(current, r.replacing(), r.user());
      // The rules of the upload's start, judged again at its end (its time): a co-author dropped, a
      // deadline of a meeting that refuses late documents passed or moved earlier while the bytes came.
      if (!mayUpload(r.user(), current)) {
        throw ContributionRefusedException.of(NOT_YOURS, "contribution.refused.notYours", current.number());
      }
      boolean late = current.series() == DocumentSeries.INPUT && lateness(current, meetings.get(current.meetingId()), r.at());
      String who = r.user().getUsername();
      ContributionFile previous = current.incoming().orElse(null);
      if (previous != null) {
        String history = historyPath(r.group(), previous);
        // Moved once the new version is committed: until then the register names this one, and a reader
        // who looked it up finds it at its path; after, a reader who finds it gone looks up the new one.
        moves.moveAfterCommit(previous.storePath(), history);
        contributions.moveFile(previous.id(), FileState.REPLACED, history, null, null);
        contributions.audit(current.id(), "REPLACED", who, r.at(), previous.fileName(), previous.sha256(), null);
        current = current.with(previous.moved(FileState.REPLACED, history, null, null));
      }
      String incoming = r.destination();
      try {
        moves.move(r.staged().path(), incoming);
      } catch (UncheckedIOException taken) {
        if (!(taken.getCause() instanceof java.nio.file.FileAlreadyExistsException)) {
          throw taken;
        }
        // Every version has a path of its own: a file already here is one no register entry knows. It
        // must not stop the upload. Asked only when the move finds the name taken: on S3 a look-up
        // before every upload is a request.
        store.quarantine(incoming);
        moves.move(r.staged().path(), incoming);
      }
      long fileId = contributions.insertFile(current.id(), r.name().revision(), r.storedName(), incoming,
          r.staged(), r.user().id().value(), r.at(), late);
      contributions.audit(current.id(), "UPLOADED", who, r.at(), r.storedName(), r.staged().sha256(),
          late ? "late" : null);
      var file = new ContributionFile(fileId, r.name().revision(), r.storedName(), incoming, r.staged().size(),
          r.staged().sha256(), who, r.at(), late, FileState.INCOMING, null, null,
          r.staged().crc32() < 0 ? null : r.staged().crc32());
      received.add(file);
      after.put(current.number(), current.with(file));
      announced.add(new ContributionReceived(current.number(), fileId));
    }
    events.publishEvent(new ContributionsReceived(announced, List.copyOf(after.values())));
    return received;
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    registrar.stop();
  }

  /**
   * Moves the waiting version into the meeting's read-only folder. Publications asked for together
   * are made in one transaction (each checked under its contribution's lock; a refused one is told
   * alone, the others are made), so that one commit, one event and one mail transaction serve them all.
   * Asked inside a transaction, the publication joins it instead, and commits or rolls back with it.
   */
  public Contribution publish(String number, PlenaryUser user) {
    return publish(number, List.of(), user);
  }

  /**
   * As {@link #publish(String, PlenaryUser)}, but only the version the secretariat reviewed: when
   * {@code reviewedSha256} is given and the version waiting is another (its author replaced it since
   * the page or the listing was read), nothing is published and the refusal says so.
   */
  public Contribution publish(String number, String reviewedSha256, PlenaryUser user) {
    return publish(number, reviewedSha256 == null || reviewedSha256.isBlank() ? List.of() : List.of(reviewedSha256), user);
  }

  /**
   * As {@link #publish(String, String, PlenaryUser)}, for a client that names several versions it would
   * publish (an {@code If-Match} list): the version waiting is published when it is any of them; an
   * empty list names whatever version waits.
   */
  public Contribution publish(String number, java.util.Collection<String> reviewedSha256, PlenaryUser user) {
    requireStaff(user, "publish");
    var publication = new Publication(number, reviewedSha256.stream()
        .map(sha -> sha.strip().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet()), user);
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return publish(List.of(publication)).getFirst();
    }
    return (Contribution) registrar.submit(publication);
  }

  /** A publication asked for; {@code reviewed} the versions (SHA-256) it may publish, empty for whichever waits. */
  private record Publication(String number, java.util.Set<String> reviewed, PlenaryUser user) implements Step {}

  private List<Contribution> publish(List<Publication> publications) {
    var moves = FileMoves.inTransaction(store);
    var published = new java.util.ArrayList<ContributionPublished>(publications.size());
    var sealed = new java.util.ArrayList<String>(publications.size());
    // Each contribution as this transaction leaves it: the event's listeners and the answers use it, where
    // each read it again (a publication's contribution cannot change meanwhile: this transaction holds its lock).
    var after = new java.util.LinkedHashMap<String, Contribution>();
    for (Publication p : publications) {
      Contribution contribution = lockedWithIncoming(p.number(), "publish");
      ContributionFile file = contribution.incoming().orElseThrow();
      if (!p.reviewed().isEmpty() && !p.reviewed().contains(file.sha256())) {
        // Checked under the contribution's lock: an upload that lands beside this publication is seen here.
        throw ContributionRefusedException.of(VERSION_CHANGED, "contribution.refused.replacedSinceReviewed",
            file.fileName(), file.sha256().substring(0, 12));
      }
      Group group = groups.get(contribution.groupId());
      Meeting meeting = meetings.get(contribution.meetingId());
      String folder = contribution.series().folder();
      String path = "t/fg/" + group.slug() + "/docs/" + meeting.code() + "/" + folder + "/" + file.fileName();
      if (store.exists(path) && !contributions.knows(path)) {
        store.quarantine(path);
      }
      if (store.exists(path)) {
        throw ContributionRefusedException.of(ALREADY_PUBLISHED, "contribution.refused.alreadyPublished", file.fileName());
      }
      // To the microsecond, as both databases keep it: the contribution carried on is the one read back later.
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      moves.move(file.storePath(), path);
      contributions.moveFile(file.id(), FileState.PUBLISHED, path, now, null);
      contributions.audit(contribution.id(), "PUBLISHED", p.user().getUsername(), now, file.fileName(), file.sha256(),
          meeting.code() + "/" + folder + "/");
      after.put(contribution.number(), contribution.with(file.moved(FileState.PUBLISHED, path, now, null)));
      published.add(new ContributionPublished(contribution.number(), file.id(), p.user().getUsername()));
      sealed.add(path);
    }
    events.publishEvent(new ContributionsPublished(published, List.copyOf(after.values())));
    sealed.forEach(store::seal);
    return published.stream().map(p -> after.get(p.number())).toList();
  }

  /** A rejection's or a withdrawal's reason at most: its column (and the audit trail's). */
  public static final int REASON_MAX = 1000;

  /** Refuses the waiting version, whichever it is, with a reason the submitter receives. */
  public Contribution reject(String number, String reason, PlenaryUser user) {
    return reject(number, reason, List.of(), user);
  }

  /**
   * As {@link #reject(String, String, PlenaryUser)}, but only a version the secretariat reviewed
   * ({@code reviewedSha256}: an {@code If-Match} list, the page's hidden field; empty for whichever waits).
   * A reason is written about one version: when its author put another in its place meanwhile (a
   * correction, often), nothing is rejected and the refusal says so, as for a publication.
   */
  public Contribution reject(String number, String reason, java.util.Collection<String> reviewedSha256,
      PlenaryUser user) {
    requireStaff(user, "reject");
    new Violations().check(reason != null && !reason.isBlank(), "reason", "contribution", "contribution.error.rejectReason")
        .length(reason, REASON_MAX, "reason").throwIfAny();
    var reviewed = reviewedSha256.stream().map(sha -> sha.strip().toLowerCase(java.util.Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return transaction.execute(status -> {
      Contribution contribution = lockedWithIncoming(number, "reject");
      ContributionFile file = contribution.incoming().orElseThrow();
      if (!reviewed.isEmpty() && !reviewed.contains(file.sha256())) {
        // Checked under the contribution's lock: an upload that lands beside this rejection is seen here.
        throw ContributionRefusedException.of(VERSION_CHANGED, "contribution.refused.replacedSinceRejected",
            file.fileName(), file.sha256().substring(0, 12));
      }
      Group group = groups.get(contribution.groupId());
      String history = historyPath(group, file);
      Instant now = clock.instant();
      FileMoves.inTransaction(store).move(file.storePath(), history);
      contributions.moveFile(file.id(), FileState.REJECTED, history, null, reason.strip());
      contributions.audit(contribution.id(), "REJECTED", user.getUsername(), now, file.fileName(), file.sha256(),
          reason.strip());
      events.publishEvent(new ContributionRejected(contribution.number(), file.id(), reason.strip()));
      return get(number);
    });
  }

  /**
   * Takes back the version waiting in the incoming folder (a wrong file sent before the secretariat acts):
   * its sender may, and the secretariat; the file goes to the history as a replaced one does, the audit
   * trail says who took it back, and the number stays allocated for a new upload. A published version is
   * never touched (the secretariat withdraws those). When {@code waitingSha256} names versions, the one
   * waiting must be among them (an {@code If-Match} list, the page's hidden field): otherwise nothing
   * changes and the refusal says it was replaced meanwhile.
   */
  public Contribution takeBack(String number, java.util.Collection<String> waitingSha256, PlenaryUser user) {
    if (user == null) {
      throw ContributionRefusedException.of(NOT_ALLOWED, "contribution.refused.notYourUpload", number);
    }
    var named = waitingSha256.stream().map(sha -> sha.strip().toLowerCase(java.util.Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return transaction.execute(status -> {
      Contribution contribution = lockedWithIncoming(number, "takeBack");
      ContributionFile file = contribution.incoming().orElseThrow();
      if (!user.isStaff() && !user.getUsername().equals(file.uploadedBy())) {
        throw ContributionRefusedException.of(NOT_YOURS, "contribution.refused.notYourUpload", file.fileName());
      }
      if (!named.isEmpty() && !named.contains(file.sha256())) {
        throw ContributionRefusedException.of(VERSION_CHANGED, "contribution.refused.replacedSinceTakeBack",
            file.fileName(), file.sha256().substring(0, 12));
      }
      Group group = groups.get(contribution.groupId());
      String history = historyPath(group, file);
      FileMoves.inTransaction(store).move(file.storePath(), history);
      contributions.moveFile(file.id(), FileState.REPLACED, history, null, null);
      contributions.audit(contribution.id(), "TAKEN_BACK", user.getUsername(), clock.instant(), file.fileName(),
          file.sha256(), null);
      events.publishEvent(new ContributionTakenBack(contribution.number(), file.id(), user.getUsername()));
      return get(number);
    });
  }

  /**
   * The numbers of the group's incoming folder whose waiting version this account may take back
   * ({@link #takeBack}): what FTP's {@code d} of {@code perm} and {@code DELE} say. The secretariat may
   * take back any; a participant the versions they sent.
   */
  public java.util.function.Predicate<String> takeBackableIncoming(String slug, PlenaryUser user) {
    if (user == null) {
      return number -> false;
    }
    if (user.isStaff()) {
      return number -> true;
    }
    var own = new java.util.HashSet<String>();
    contributions.waitingOf(groups.get(slug).id(), user.id().value(), false).forEach(w -> own.add(w.number()));
    return own::contains;
  }

  /** Withdraws a published contribution: its files leave the folders, the register keeps a tombstone. */
  public Contribution withdraw(String number, String reason, PlenaryUser user) {
    return withdraw(number, reason, List.of(), user);
  }

  /**
   * As {@link #withdraw(String, String, PlenaryUser)}, but only the versions the secretariat read
   * ({@code seenSha256}: an {@code If-Match} list, the page's hidden fields; empty for whatever stands).
   * A withdrawal takes the latest published version and the one waiting with it: a revision another
   * secretary published meanwhile, or a correction its author sent after the page was read, would
   * otherwise leave the folders unseen. Checked under the contribution's lock; nothing is withdrawn
   * and the refusal names the version not seen.
   */
  public Contribution withdraw(String number, String reason, java.util.Collection<String> seenSha256,
      PlenaryUser user) {
    requireStaff(user, "withdraw");
    new Violations().length(reason, REASON_MAX, "reason").throwIfAny();
    var seen = seenSha256.stream().map(sha -> sha.strip().toLowerCase(java.util.Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return transaction.execute(status -> {
      contributions.lock(get(number).id());
      Contribution contribution = get(number);
      if (contribution.status() == Contribution.Status.WITHDRAWN || contribution.published().isEmpty()) {
        throw ContributionRefusedException.of(WRONG_STATE, "contribution.refused.notPublished", number);
      }
      if (!seen.isEmpty()) {
        var taken = new java.util.ArrayList<ContributionFile>();
        taken.add(contribution.published().orElseThrow());
        contribution.incoming().ifPresent(taken::add);
        for (ContributionFile file : taken) {
          if (!seen.contains(file.sha256())) {
            throw ContributionRefusedException.of(VERSION_CHANGED, "contribution.refused.changedSinceWithdrawn",
                number, file.fileName(), file.sha256().substring(0, 12));
          }
        }
      }
      Group group = groups.get(contribution.groupId());
      Instant now = clock.instant();
      var moves = FileMoves.inTransaction(store);
      for (ContributionFile file : contribution.files()) {
        if (file.state() == FileState.PUBLISHED || file.state() == FileState.INCOMING) {
          String history = historyPath(group, file);
          moves.move(file.storePath(), history);
          contributions.moveFile(file.id(), FileState.WITHDRAWN, history, null, null);
        }
      }
      contributions.withdraw(contribution.id(), now);
      contributions.audit(contribution.id(), "WITHDRAWN", user.getUsername(), now, null, null,
          reason == null || reason.isBlank() ? null : reason.strip());
      events.publishEvent(new ContributionWithdrawn(number));
      return get(number);
    });
  }

  /** Lets one contribution be uploaded after the deadline of a meeting that refuses late documents. */
  public Contribution grantLateException(String number, PlenaryUser user) {
    requireStaff(user, "grantLate");
    return transaction.execute(status -> {
      contributions.lock(get(number).id());
      Contribution contribution = get(number);
      // A withdrawn number takes no file again (see checkRevision): an exception for it would be an audit line of nothing.
      if (contribution.withdrawnAt() != null) {
        throw ContributionRefusedException.of(WRONG_STATE, "contribution.refused.withdrawn", contribution.number());
      }
      contributions.grantLateException(contribution.id());
      contributions.audit(contribution.id(), "LATE_EXCEPTION", user.getUsername(), clock.instant(), null, null, null);
      return get(number);
    });
  }

  /** The start of the group's document numbers: "FG Cloud" gives FG-Cloud (FG-Cloud-I-0001). */
  static String seriesPrefix(Group group) {
    return group.documentPrefix();
  }

  private UploadName parse(String fileName) {
    UploadName name = UploadName.parse(fileName).orElseThrow(() -> ContributionRefusedException.of(BAD_FILE_NAME,
        "contribution.refused.notAName", printable(fileName)));
    if (!settings.extensions().contains(name.extension())) {
      throw ContributionRefusedException.of(BAD_FILE_NAME, "contribution.refused.extension",
          name.extension(), org.plenary.shared.Listed.items(org.plenary.shared.Words.reader(), settings.extensions()));
    }
    return name;
  }

  private static void checkRevision(Contribution contribution, UploadName name) {
    if (contribution.withdrawnAt() != null) {
      throw ContributionRefusedException.of(WRONG_STATE, "contribution.refused.withdrawn",
          contribution.number());
    }
    int due = contribution.nextRevision();
    if (name.revision() == due) {
      return;
    }
    String expected = contribution.baseName(due) + "." + name.extension();
    if (due == 0) {
      throw ContributionRefusedException.of(BAD_FILE_NAME, "contribution.refused.noRevisions",
          contribution.number(), expected);
    }
    if (name.revision() < due) {
      throw ContributionRefusedException.of(ALREADY_PUBLISHED, "contribution.refused.publishedRevision",
          contribution.baseName(name.revision()), expected);
    }
    throw ContributionRefusedException.of(BAD_FILE_NAME, "contribution.refused.nextRevision",
        contribution.number(), due, expected);
  }

  /** Whether an upload received {@code at} is late; refused when the meeting refuses late documents and grants it no exception. */
  private boolean lateness(Contribution contribution, Meeting meeting, Instant at) {
    var deadline = meeting.deadline(Deadline.Kind.CONTRIBUTIONS);
    boolean late = deadline.isPast(at);
    if (late && meeting.latePolicy() == LatePolicy.REFUSE && !contribution.lateException()) {
      throw ContributionRefusedException.of(LATE, "contribution.refused.late", meeting.code(),
          deadline.display());
    }
    return late;
  }

  private Contribution lockedWithIncoming(String number, String verb) {
    // Locked by its number (one statement), then read once under the lock: reading it whole first only
    // for its id cost four queries more for every publication.
    if (!contributions.lockNumber(number)) {
      throw unknownNumber(number);
    }
    Contribution contribution = get(number);
    if (contribution.incoming().isEmpty()) {
      throw ContributionRefusedException.of(WRONG_STATE,
          "contribution.refused.nothingIncoming." + verb, number);
    }
    return contribution;
  }

  private static void requireStaff(PlenaryUser user, String what) {
    if (user == null || !user.isStaff()) {
      throw ContributionRefusedException.of(NOT_ALLOWED, "contribution.refused.staffOnly." + what);
    }
  }

  private static String historyPath(Group group, ContributionFile file) {
    return "history/" + group.slug() + "/" + file.id() + "-" + file.fileName();
  }

  /** The name as it may be quoted back: control and bidirectional characters shown as '?'. */
  static String printable(String name) {
    if (name == null) {
      return "";
    }
    String cleaned = name.codePoints()
        .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return org.plenary.shared.CodePoints.atMost(cleaned, 120) ? cleaned : org.plenary.shared.CodePoints.first(cleaned, 120) + "…";
  }
}
