package org.plenary.contribution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.TreeSet;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.plenary.shared.Unproxied;
import org.springframework.stereotype.Component;

/**
 * The circular's folders, read from the register: {@code /t/fg/<group>/docs/} holds
 * {@code incoming/} and one folder per meeting code, each holding its published folders
 * ({@link DocumentSeries#FOLDERS}: {@code in/} with the input documents, {@code out/} with the
 * output documents). HTTP and FTP list and serve exactly these, each as its {@link Reader} may see them
 * ({@link DocumentAccess}): the documents of a private meeting are left out of {@code incoming/}
 * and their files are not found, and its {@code in/} folder is refused.
 */
@Component
public class DocumentFolders {

  /**
   * A folder's entries as one reader may see them. {@code variant} is empty when nothing was left
   * out, and otherwise differs for every different set left out: whatever caches a listing (or its
   * rendering) keys it by path and variant, so no reader is served another's listing. {@code digest}
   * ({@link FolderEntry#digest}) is made from these entries only, never from the register's version or
   * the variant, which also move with documents this reader may not see: a listing's validator made
   * from it tells a stranger nothing of a private meeting's uploads, replacements or withdrawals.
   */
  public record Listing(List<FolderEntry> entries, String variant, long digest) {

    public Listing(List<FolderEntry> entries, String variant) {
      this(entries, variant, FolderEntry.digest(entries));
    }
  }

  /** A value computed at a {@link Contributions#version()}. */
  private record Versioned<T>(long version, T value) {}

  /** An entry and the meeting whose document it is, which decides who may read it. */
  private record Held(FolderEntry entry, MeetingId meeting) {}

  /**
   * The incoming folder for every reader: its entries by name, the meeting of each (by position, as
   * ids: an object per entry would weigh as much as a third of the entry), the meetings they belong
   * to, and the listing for each variant asked so far (computed from these entries, so never from
   * another version; the variant that leaves nothing out is the entries themselves).
   */
  private record Queue(Listing all, long[] meetingOf, List<MeetingId> meetings, Map<String, Listing> views) {

    List<FolderEntry> entries() {
      return all.entries();
    }
  }

  /**
   * How many folder entries the kept listings may hold together (a few hundred bytes each); past it
   * the least used listings are dropped. Was 100,000, so a folder of 100,000 documents was never
   * kept and every listing of it read the whole register again.
   */
  static final long MAX_LISTED_ENTRIES = 250_000;
  /** How many single files' look-ups are kept (a path asked for, found or not). */
  static final long MAX_FILES = 10_000;
  /**
   * How many times a reader looks up a file of {@code incoming/} that it finds gone from its store path
   * when it opens it: each time, a replacement committed since the previous look-up, so a reader stalled
   * between look-up and open while several replacements commit still gets the newest one.
   */
  public static final int LOOK_UPS = 8;
  /** A kept value nobody asked for in this long is dropped. */
  static final Duration IDLE = Duration.ofMinutes(10);

  private static final Comparator<FolderEntry> BY_NAME = Comparator.comparing(FolderEntry::name);

  private final Cache<String, Versioned<Queue>> queues = Caffeine.newBuilder().maximumWeight(MAX_LISTED_ENTRIES)
      .weigher((String key, Versioned<Queue> queue) -> 1 + queue.value().entries().size()).expireAfterAccess(IDLE).build();
  private final Cache<String, Versioned<Listing>> publishedListings = Caffeine.newBuilder()
      .maximumWeight(MAX_LISTED_ENTRIES).weigher((String key, Versioned<Listing> listing) -> 1 + listing.value().entries().size())
      .expireAfterAccess(IDLE).build();
  private final Cache<String, Versioned<Optional<Held>>> files = Caffeine.newBuilder().maximumSize(MAX_FILES)
      .expireAfterAccess(IDLE).build();
  private final ContributionDesk desk;
  private final DocumentAccess access;
  private final Contributions contributions;
  /**
   * The object behind that proxy ({@link Unproxied}), whose exception translation adds nothing to
   * the JDBC client's own: for the version read (or kept) at every download.
   */
  private final Contributions versions;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final org.springframework.beans.factory.ObjectProvider<FolderSupplements> supplements;
  private volatile FolderSupplements supplement;

  DocumentFolders(ContributionDesk desk, DocumentAccess access, Contributions contributions, GroupCatalog groups,
      MeetingCatalog meetings, org.springframework.beans.factory.ObjectProvider<FolderSupplements> supplements) {
    this.supplements = supplements;
    this.desk = desk;
    this.access = access;
    this.contributions = contributions;
    this.versions = Unproxied.target(contributions, Contributions.class);
    this.groups = groups;
    this.meetings = meetings;
  }

  /**
   * The folders above the documents, the same for every channel: {@code /} holds {@code t/},
   * {@code /t/} holds {@code fg/}, {@code /t/fg/} one folder per group, {@code /t/fg/<group>/}
   * holds {@code docs/}. Empty for any other path of at most three segments (and for deeper ones).
   */
  public Optional<List<FolderEntry>> above(List<String> segments) {
    return switch (segments.size()) {
      case 0 -> Optional.of(List.of(FolderEntry.folder("t")));
      case 1 -> segments.get(0).equals("t") ? Optional.of(List.of(FolderEntry.folder("fg"))) : Optional.empty();
      case 2 -> segments.equals(List.of("t", "fg"))
          ? Optional.of(groups.all().stream().map(Group::slug).sorted().map(FolderEntry::folder).toList())
          : Optional.empty();
      case 3 -> {
        if (!segments.subList(0, 2).equals(List.of("t", "fg"))) {
          yield Optional.empty();
        }
        groups.get(segments.get(2));
        yield Optional.of(List.of(FolderEntry.folder("docs")));
      }
      default -> Optional.empty();
    };
  }

  /** {@code /t/fg/<group>/docs/}: the incoming folder and one folder per meeting, newest first. */
  public List<FolderEntry> docs(String slug) {
    Group group = groups.get(slug);
    var entries = new ArrayList<FolderEntry>();
    entries.add(FolderEntry.folder("incoming"));
    meetings.of(group).stream().sorted(Comparator.comparing(Meeting::startDate).reversed())
        .forEach(meeting -> entries.add(FolderEntry.folder(meeting.code())));
    return entries;
  }

  /**
   * The version the folders are at now: listings and files change only when it does. It counts every document,
   * those of private meetings too: never a validator of what one reader is shown ({@link Listing#digest}).
   */
  public long version() {
    return contributions.version();
  }

  /**
   * {@code /t/fg/<group>/docs/incoming/}: versions waiting for the secretariat, without those of
   * meetings whose documents the reader may not read.
   */
  public Listing incoming(String slug, Reader reader) {
    Queue queue = cachedOnce(queues, "incoming:" + slug, previous -> incomingNow(slug, previous));
    var hidden = new TreeSet<Long>();
    queue.meetings().stream().filter(meeting -> !access.mayRead(meeting, reader))
        .forEach(meeting -> hidden.add(meeting.value()));
    if (hidden.isEmpty()) {
      return queue.all();
    }
    String variant = "without" + hidden;
    return queue.views().computeIfAbsent(variant, v -> {
      var seen = new ArrayList<FolderEntry>();
      for (int i = 0; i < queue.entries().size(); i++) {
        if (!hidden.contains(queue.meetingOf()[i])) {
          seen.add(queue.entries().get(i));
        }
      }
      return new Listing(List.copyOf(seen), variant);
    });
  }

  /** {@code /t/fg/<group>/docs/<code>/in/}: as {@link #published(String, String, String, Reader)} of {@code in}. */
  public Listing published(String slug, String code, Reader reader) {
    return published(slug, code, DocumentSeries.INPUT.folder(), reader);
  }

  /**
   * {@code /t/fg/<group>/docs/<code>/<folder>/} (a folder of {@link DocumentSeries#FOLDERS}): every
   * published version of the meeting's documents of that series, or {@link DocumentsPrivateException}
   * when the reader may not read them; empty for a folder that is not a published folder.
   */
  public Listing published(String slug, String code, String folder, Reader reader) {
    Meeting meeting = access.readableMeeting(slug, code, reader);
    if (!DocumentSeries.FOLDERS.contains(folder)) {
      return new Listing(List.of(), "");
    }
    return cached(publishedListings, "published:" + meeting.id().value() + ":" + slug + "/" + code + "/" + folder,
        () -> new Listing(publishedNow(slug, meeting, folder), ""));
  }

  /** {@code /t/fg/<group>/docs/<code>/}: the meeting's published folders, or {@link DocumentsPrivateException}. */
  public List<FolderEntry> meetingFolders(String slug, String code, Reader reader) {
    access.readableMeeting(slug, code, reader);
    return DocumentSeries.FOLDERS.stream().map(FolderEntry::folder).toList();
  }

  /**
   * The incoming folder read again after a change. A line that did not change is the previous
   * version's entry itself, so that while the folder is read again (and once it was) its unchanged
   * lines are not in memory twice; only the new and changed lines are new objects.
   */
  private Queue incomingNow(String slug, Queue previous) {
    List<FolderEntry> before = previous == null ? List.of() : previous.entries();
    Map<Long, MeetingId> meetingIds = new java.util.HashMap<>();
    var lines = new ArrayList<Held>();
    contributions.eachWaiting(groups.get(slug).id(), row -> {
      var entry = new FolderEntry(row.fileName(), false, row.size(), row.uploadedAt(), row.sha256(), row.number(),
          row.title(), row.source(), row.late(), row.storePath());
      int at = java.util.Collections.binarySearch(before, entry, BY_NAME);
      if (at >= 0 && before.get(at).equals(entry)) {
        entry = before.get(at);
      }
      lines.add(new Held(entry, meetingIds.computeIfAbsent(row.meeting(), MeetingId::new)));
    });
    lines.sort(Comparator.comparing(Held::entry, BY_NAME));
    long[] meetingOf = new long[lines.size()];
    for (int i = 0; i < meetingOf.length; i++) {
      meetingOf[i] = lines.get(i).meeting().value();
    }
    return new Queue(new Listing(lines.stream().map(Held::entry).toList(), ""), meetingOf,
        List.copyOf(meetingIds.values()), new ConcurrentHashMap<>());
  }

  /** The meeting's published files that lie in its folder: a listing names only files the folder serves. */
  private List<FolderEntry> publishedNow(String slug, Meeting meeting, String name) {
    String folder = publishedFolder(slug, meeting.code(), name);
    var entries = new ArrayList<FolderEntry>();
    for (Contribution contribution : desk.register(meeting.id())) {
      contribution.files().stream()
          .filter(f -> f.state() == FileState.PUBLISHED && f.storePath().equals(folder + f.fileName()))
          .forEach(f -> entries.add(FolderEntry.file(contribution, f, f.publishedAt())));
    }
    supplements.ifAvailable(made -> entries.addAll(made.of(meeting.id(), folder)));
    entries.sort(Comparator.comparing(FolderEntry::name));
    return entries;
  }

  /** A file waiting in {@code incoming/}; not found when the reader may not read its meeting's documents. */
  public Optional<FolderEntry> incomingFile(String slug, String name, Reader reader) {
    return cached(files, IncomingPaths.folder(slug) + name, () -> incomingNow(slug, name))
        .filter(held -> access.mayRead(held.meeting(), reader)).map(Held::entry);
  }

  /**
   * As {@link #incomingFile}, read from the register now, whatever was kept: for a reader who found the
   * version it looked up gone from its store path (moved to the history by a replacement that has
   * committed since), to serve the version waiting now, if any.
   */
  public Optional<FolderEntry> incomingFileNow(String slug, String name, Reader reader) {
    Optional<Held> now = incomingNow(slug, name);
    files.invalidate(IncomingPaths.folder(slug) + name);
    return now.filter(held -> access.mayRead(held.meeting(), reader)).map(Held::entry);
  }

  /**
   * The version of the group's document waiting under that name, found by the number the name gives:
   * its store path is its own ({@link IncomingPaths}), not the folder's name for it.
   */
  private Optional<Held> incomingNow(String slug, String name) {
    Optional<UploadName> parsed = UploadName.parse(name);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Optional<Contribution> found = contributions.findByNumber(parsed.get().number());
    if (found.isEmpty() || !groups.find(slug).map(group -> group.id().equals(found.get().groupId())).orElse(false)) {
      return Optional.empty();
    }
    Contribution contribution = found.get();
    return contribution.files().stream().filter(f -> f.state() == FileState.INCOMING && f.fileName().equals(name))
        .findFirst().map(f -> new Held(FolderEntry.file(contribution, f, f.uploadedAt()), contribution.meetingId()));
  }

  /**
   * A published file of this meeting, or {@link DocumentsPrivateException} when the reader may not
   * read the meeting's documents. A file at that path that belongs to another meeting (one that had
   * this code before) is not found: the reader was allowed this meeting's documents, not that one's.
   */
  public Optional<FolderEntry> publishedFile(String slug, String code, String name, Reader reader) {
    return publishedFile(slug, code, DocumentSeries.INPUT.folder(), name, reader);
  }

  /** As {@link #publishedFile(String, String, String, Reader)}, in the meeting's published folder {@code folder}. */
  public Optional<FolderEntry> publishedFile(String slug, String code, String folder, String name, Reader reader) {
    Meeting meeting = access.readableMeeting(slug, code, reader);
    if (!DocumentSeries.FOLDERS.contains(folder)) {
      return Optional.empty();
    }
    String path = publishedFolder(slug, code, folder);
    var supplement = supplement();
    var made = supplement == null ? Optional.<FolderEntry>empty() : supplement.find(meeting.id(), path, name);
    if (made.isPresent()) {
      return made;
    }
    return fileAt(path + name, FileState.PUBLISHED)
        .filter(held -> held.meeting().equals(meeting.id())).map(Held::entry);
  }

  /**
   * A published file that anyone may read (signed in or not), or empty for every other answer: an
   * unknown group or meeting, a meeting whose documents are not public, a file missing or withdrawn
   * ({@link #publishedFile} and {@link #withdrawn} say which).
   */
  public Optional<FolderEntry> publicFile(String slug, String code, String folder, String name) {
    try {
      return publishedFile(slug, code, folder, name, Reader.ANONYMOUS);
    } catch (java.util.NoSuchElementException | DocumentsPrivateException notForAnyone) {
      return Optional.empty();
    }
  }

  /** The supplements' bean, asked for once it exists (asking the bean factory at every download cost a twentieth of it). */
  private FolderSupplements supplement() {
    FolderSupplements found = supplement;
    if (found == null) {
      found = supplements.getIfAvailable();
      supplement = found;
    }
    return found;
  }

  private static String publishedFolder(String slug, String code, String folder) {
    return "t/fg/" + slug + "/docs/" + code + "/" + folder + "/";
  }

  /** One indexed look-up by path, so serving a file does not read the whole register. */
  private Optional<Held> fileAt(String path, FileState state) {
    return cached(files, path, () -> fileAtNow(path, state));
  }

  private Optional<Held> fileAtNow(String path, FileState state) {
    return contributions.numberAt(path, state).map(desk::get).flatMap(contribution -> contribution.files().stream()
        .filter(f -> f.state() == state && f.storePath().equals(path)).findFirst()
        .map(f -> new Held(FolderEntry.file(contribution, f,
            state == FileState.PUBLISHED ? f.publishedAt() : f.uploadedAt()), contribution.meetingId())));
  }

  /**
   * Where the bytes of the version {@code name} of {@code number} with SHA-256 {@code sha256} are kept now:
   * its folder while published, the history once withdrawn (for a reader who had started on it, such as a
   * folder's ZIP laid out before the withdrawal). Empty when no such version was ever stored.
   */
  public Optional<String> storePathNow(String number, String name, String sha256) {
    return contributions.storePathOf(number, name, sha256);
  }

  /**
   * Whether a published file of that name was withdrawn (answered 410 Gone rather than 404), or
   * {@link DocumentsPrivateException} when the reader may not read the meeting's documents.
   */
  public boolean withdrawn(String slug, String code, String name, Reader reader) {
    return withdrawn(slug, code, DocumentSeries.INPUT.folder(), name, reader);
  }

  /** As {@link #withdrawn(String, String, String, Reader)}, in the meeting's published folder {@code folder}. */
  public boolean withdrawn(String slug, String code, String folder, String name, Reader reader) {
    return access.register(slug, code, reader).stream().filter(c -> c.series().folder().equals(folder))
        .flatMap(c -> c.files().stream())
        .anyMatch(f -> f.state() == FileState.WITHDRAWN && f.publishedAt() != null && f.fileName().equals(name));
  }

  /**
   * As {@link #cached}, one reading at a time per key, each given the value kept before (null when
   * none) to start from.
   */
  private <T> T cachedOnce(Cache<String, Versioned<T>> cache, String key, java.util.function.UnaryOperator<T> compute) {
    long version = versions.version();
    Versioned<T> hit = cache.getIfPresent(key);
    if (hit != null && hit.version() == version) {
      return hit.value();
    }
    // One reading at a time per folder: readers who arrive meanwhile take its result rather than read it
    // again each (each reading holds the whole folder until it is done). A reading starts from the kept one.
    return cache.asMap().compute(key, (k, kept) -> kept != null && kept.version() == version ? kept
        : new Versioned<>(version, compute.apply(kept == null ? null : kept.value()))).value();
  }

  /**
   * The value for {@code key} at the current version, computed again only when a contribution
   * changed; each cache is bounded (entries or keys, and idle time), so a path asked for once, or a
   * folder nobody reads any more, does not stay in memory.
   */
  private <T> T cached(Cache<String, Versioned<T>> cache, String key, java.util.function.Supplier<T> compute) {
    long version = versions.version();
    Versioned<T> hit = cache.getIfPresent(key);
    if (hit != null && hit.version() == version) {
      return hit.value();
    }
    T value = compute.get();
    cache.put(key, new Versioned<>(version, value));
    return value;
  }

  /**
   * The meeting whose folder this is, or {@code UnknownMeetingException}, or
   * {@link DocumentsPrivateException} when the reader may not read its documents.
   */
  public Meeting meeting(String slug, String code, Reader reader) {
    return access.readableMeeting(slug, code, reader);
  }
}
