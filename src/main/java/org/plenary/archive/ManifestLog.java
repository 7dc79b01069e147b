package org.plenary.archive;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenary.contribution.AuditEvent;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.ContributionEvents.ContributionPublished;
import org.plenary.contribution.ContributionEvents.ContributionsPublished;
import org.plenary.contribution.ContributionEvents.ContributionWithdrawn;
import org.plenary.contribution.ContributionFile;
import org.plenary.contribution.FileState;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.store.DocumentStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each published folder's manifest in step with the folder. A new version is written in the
 * very transaction that publishes or withdraws (a synchronous listener of the desk's events, which
 * are published inside it): the folder and its manifest commit together or not at all, so no
 * reader ever sees a folder its manifest does not describe. Publications made together in one
 * transaction (the desk's batches) make one version per folder. Each version lists the files the
 * register shows in the folder, keeps every withdrawn one as an entry marked withdrawn, names the
 * hash of the version before, and is signed with the site's key (on another thread while the
 * transaction goes on, the version's row written before it commits: {@link SigningAside}). Versions of one group are
 * ordered by its feed row's lock, which also numbers them in the group's changes feed.
 *
 * <p>Versions are written in format 2 ({@value #FORMAT_2}): the signature covers the manifest's header
 * and {@code entries}, a digest chained over each version's change ({@link EntriesDigest}), not every
 * entry; the version's hash, which the next one names, is the SHA-256 of that signed statement. So a
 * version costs its change and a few map operations on the folder's kept head, never a pass over the
 * folder (format 1 signed and hashed the whole file: tens of megabytes at each publication in a folder
 * of 100,000 documents). The file itself still lists every entry and is joined when first read;
 * a reader replays the digest from it. Versions written in format 1 ({@value #FORMAT_1}) are served and
 * verified as they were, and the first format-2 version of such a folder names the last one's SHA-256.
 * Chosen over versions signed lazily at first read, which would make a read after many publications
 * pay for every unread version, each still a pass over the folder.
 */
@Component
public class ManifestLog {

  /** The name of the manifest in each published folder. */
  public static final String NAME = "MANIFEST.json";
  static final String FORMAT_1 = "plenary-manifest/1";
  static final String FORMAT_2 = "plenary-manifest/2";

  private final Manifests manifests;
  private final ContributionDesk desk;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final DocumentStore store;
  private final ManifestKey key;
  private final SigningAside signing;
  private final Clock clock;
  private final TransactionTemplate separately;
  private final String keyUrl;
  /**
   * Each folder's head as this node last wrote or read it, so that a version costs its change and
   * not a read of the whole folder; weighed by entries (about a kilobyte each, so at most about 200 MB,
   * enough for a folder of 100,000 documents and others beside it). A folder past the bound is read
   * again at each version, as every folder was before.
   */
  private final Cache<String, FolderHead> heads = Caffeine.newBuilder().maximumWeight(200_000)
      .weigher((String folder, FolderHead head) -> head.size() + 1).build();

  /** A format-2 version's served size and SHA-256, known once its file was first joined (by its store path). */
  private final Cache<String, Served> served = Caffeine.newBuilder().maximumSize(10_000).build();

  /** What a version's MANIFEST.json is served as: its length and SHA-256. */
  record Served(long size, String sha256) {}

  ManifestLog(Manifests manifests, ContributionDesk desk, MeetingCatalog meetings, GroupCatalog groups,
      DocumentStore store, ManifestKey key, SigningAside signing, Clock clock, PlatformTransactionManager transactions,
      @Value("${plenary.base-url}") String baseUrl) {
    this.manifests = manifests;
    this.desk = desk;
    this.meetings = meetings;
    this.groups = groups;
    this.store = store;
    this.key = key;
    this.signing = signing;
    this.clock = clock;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.keyUrl = baseUrl.replaceAll("/+$", "") + "/.well-known/plenary-manifest-key";
  }

  /**
   * One version per folder for a batch of publications (group commit): the publications made together
   * in one transaction are added to each folder's manifest by a single new version, so that signing
   * and hashing the folder's manifest, which pass over every entry, are paid once per batch and not
   * once per document. The version names the change ({@code REVISED} when the batch only revised
   * documents there, {@code PUBLISHED} otherwise) and the number when the batch published only one
   * there; each file's entry names its own number.
   */
  @EventListener
  void on(ContributionsPublished event) {
    // The batch's contributions as its transaction left them (locked and moved there) come with the event.
    var byFolder = new LinkedHashMap<String, Batch>();
    // Who published each file is in the event: no read of each contribution's audit trail for it.
    var publishers = new HashMap<String, String>();
    for (ContributionPublished published : event.published()) {
      Contribution contribution = event.contribution(published.number());
      contribution.files().stream().filter(f -> f.id() == published.fileId()).findFirst().ifPresent(file -> {
        String folder = file.storePath().substring(0, file.storePath().lastIndexOf('/') + 1);
        byFolder.computeIfAbsent(folder, f -> new Batch()).add(contribution, file.revision() > 0);
        publishers.put(contribution.number() + "/PUBLISHED/" + file.fileName(), published.publishedBy());
      });
    }
    byFolder.forEach((folder, batch) -> write(folder, batch.contributions(), batch.kind(), batch.number(), publishers));
  }

  /** What a batch of publications changed in one folder. */
  private static final class Batch {
    private final Map<String, Contribution> contributions = new LinkedHashMap<>();
    private boolean onlyRevisions = true;

    void add(Contribution contribution, boolean revision) {
      contributions.put(contribution.number(), contribution);
      onlyRevisions &= revision;
    }

    List<Contribution> contributions() {
      return List.copyOf(contributions.values());
    }

    String kind() {
      return onlyRevisions ? "REVISED" : "PUBLISHED";
    }

    /** The number when the batch changed one number's files here; null for several. */
    String number() {
      return contributions.size() == 1 ? contributions.keySet().iterator().next() : null;
    }
  }

  @EventListener
  void on(ContributionWithdrawn event) {
    Contribution contribution = desk.get(event.number());
    for (String folder : manifests.foldersListing(contribution.meetingId().value(), event.number())) {
      write(folder, List.of(contribution), "WITHDRAWN", contribution.number(), Map.of());
    }
  }

  /**
   * Writes the folder's first version (every file the register shows there) unless it has one by the
   * time the group's lock is held; answers whether it wrote it. Must run inside a transaction.
   */
  boolean first(String folder, Contribution latest, String kind) {
    return write(folder, List.of(latest), kind, latest.number(), Map.of());
  }

  /**
   * Writes a new version of the folder's manifest when what the register shows of the changed
   * contributions in the folder differs from the last version: their files published since are added,
   * those no longer there are marked withdrawn. The folder's first version takes in every file the
   * register shows there (documents published before manifests existed included); answers whether it
   * wrote a version. {@code actors}: the usernames of whoever did actions already known (key
   * {@code number/action/fileName}), which need no read of the audit trail.
   */
  private boolean write(String folder, List<Contribution> changed, String kind, String number,
      Map<String, String> actors) {
    // A version this transaction made before and is still signing is written first: this one reads the head.
    signing.finish();
    Contribution any = changed.getFirst();
    Meeting meeting = meetings.get(any.meetingId());
    Group group = groups.get(any.groupId());
    long lastChange = lockFeed(group.id().value());
    long meetingId = meeting.id().value();
    FolderHead state = heads.get(meetingId + ":" + folder, k -> new FolderHead());
    // The version this node last knew is only where the look-up starts: the database answers.
    int known = state.knownVersion();
    Optional<ManifestVersion> head = known > 0 ? manifests.headFrom(meetingId, folder, known) : Optional.empty();
    if (head.isEmpty()) {
      head = manifests.head(meetingId, folder);
    }
    int version = head.map(ManifestVersion::version).orElse(0) + 1;
    // The group's lock orders this node's writers in the database; the monitor makes what the last one
    // left in the head (or half left, if it failed) visible to this thread.
    synchronized (state) {
      if (!state.describes(head.orElse(null))) {
        state.read(head.orElse(null),
            head.map(h -> FolderHead.ordered(manifests.entries(meetingId, folder, h.version()))).orElse(List.of()));
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      var names = new Actors(actors);
      List<Contribution> looked = head.isEmpty() ? desk.register(group.slug(), meeting.code()) : changed;
      var read = new HashMap<String, Contribution>();
      var stillListed = new HashSet<String>();
      var added = new ArrayList<ManifestEntry>();
      for (Contribution contribution : looked) {
        read.put(contribution.number(), contribution);
        for (ContributionFile file : contribution.files()) {
          if (file.state() != FileState.PUBLISHED || !file.storePath().equals(folder + file.fileName())) {
            continue;
          }
          stillListed.add(file.fileName() + "/" + file.sha256());
          if (!state.lists(file.fileName(), file.sha256())) {
            var entry = new ManifestEntry(0, meetingId, folder, file.fileName(), contribution.number(),
                file.storePath(), file.size(), file.sha256(), file.crc32() != null ? file.crc32() : crc32(file.storePath()),
                file.publishedAt().truncatedTo(ChronoUnit.MILLIS),
                names.of(contribution.number(), read, "PUBLISHED", file.fileName()), version, null, null, null);
            added.add(entry.withId(manifests.insert(entry)));
          }
        }
      }
      var gone = new ArrayList<ManifestEntry>();
      for (ManifestEntry listed : state.listedOf(read.keySet())) {
        if (!stillListed.contains(listed.name() + "/" + listed.sha256())) {
          String by = names.of(listed.number(), read, "WITHDRAWN", null);
          manifests.withdraw(meetingId, folder, listed.name(), listed.sha256(), version, now, by);
          gone.add(listed.withdrawn(version, now, by));
        }
      }
      if (added.isEmpty() && gone.isEmpty()) {
        return false;
      }
      state.apply(version, added, gone);
      var draft = new ManifestVersion(group.id().value(), meetingId, folder, version, lastChange + 1, kind,
          number, now, head.map(ManifestVersion::sha256).orElse(null), null, 0, null, keyUrl, key.id(), 2,
          state.entriesSha256());
      manifests.setLastChange(group.id().value(), draft.changeSeq());
      // Signed aside while the transaction goes on; the version's row is written before it commits. Until
      // then the head describes no version (apply), so no reader serves it from memory.
      signing.sign(() -> signed(draft), signed -> {
        manifests.insert(new ManifestVersion(draft.groupId(), meetingId, folder, version, draft.changeSeq(), kind,
            number, now, draft.previousSha256(), signed.sha256(), 0, signed.signature(), keyUrl, key.id(), 2,
            draft.entriesSha256()));
        synchronized (state) {
          state.describe(version, signed.sha256());
        }
        heads.put(meetingId + ":" + folder, state); // weighed again
      });
      return true;
    }
  }

  /** A version's signature and its hash (the SHA-256 of its signed statement). */
  private record Signed(String signature, String sha256) {}

  private Signed signed(ManifestVersion draft) {
    String signature = key.sign(CanonicalJson.bytes(header(draft)));
    return new Signed(signature, Digests.sha256Hex(statement(draft, signature)));
  }

  /**
   * Locks the group's feed row until the transaction ends and answers its last change; the row is
   * created once, by a transaction of its own (two first publications may race).
   */
  private long lockFeed(long group) {
    Optional<Long> locked = manifests.lockFeed(group);
    if (locked.isPresent()) {
      return locked.get();
    }
    try {
      separately.executeWithoutResult(status -> manifests.createFeed(group));
    } catch (DuplicateKeyException createdByAnother) {
      // The other transaction made it: the row is there to lock.
    }
    return manifests.lockFeed(group).orElseThrow();
  }

  /**
   * The display names of whoever did the actions a version records (never a username), each looked up
   * once per version: from the usernames already known, else from the number's audit trail (read by the
   * contribution's id when this version already read the contribution).
   */
  private final class Actors {
    private final Map<String, String> known;
    private final Map<String, String> byAction = new HashMap<>();
    private final Map<String, String> byUsername = new HashMap<>();

    Actors(Map<String, String> known) {
      this.known = known;
    }

    String of(String number, Map<String, Contribution> read, String action, String fileName) {
      return byAction.computeIfAbsent(number + "/" + action + "/" + fileName, key -> {
        String username = known.get(key);
        if (username == null) {
          username = fromTrail(number, read, action, fileName);
        }
        return username == null ? "the secretariat" : byUsername.computeIfAbsent(username, desk::personName);
      });
    }

    private String fromTrail(String number, Map<String, Contribution> read, String action, String fileName) {
      Contribution contribution = read.get(number);
      List<AuditEvent> trail = contribution != null ? desk.auditTrail(contribution) : desk.auditTrail(number);
      for (int i = trail.size() - 1; i >= 0; i--) {
        AuditEvent event = trail.get(i);
        if (event.action().equals(action) && (fileName == null || fileName.equals(event.fileName()))
            && event.actor() != null) {
          return event.actor();
        }
      }
      return null;
    }
  }

  private long crc32(String storePath) {
    try {
      return Digests.crc32(store.open(storePath, 0, Long.MAX_VALUE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest of a version without its signature, keys in their fixed order. */
  static Map<String, Object> json(ManifestVersion v, List<ManifestEntry> entries) {
    Map<String, Object> json = header(v);
    json.put("files", entries.stream().filter(e -> !e.withdrawnAt(v.version()))
        .map(e -> e.json(v.version(), v.format())).toList());
    json.put("withdrawn", entries.stream().filter(e -> e.withdrawnAt(v.version()))
        .map(e -> e.json(v.version(), v.format())).toList());
    return json;
  }

  /**
   * What a format-2 version's signature and hash cover: its header and, with {@code signature} given,
   * the signature last ({@code CanonicalJson} bytes). Its SHA-256 is the version's hash.
   */
  static byte[] statement(ManifestVersion v, String signature) {
    Map<String, Object> json = header(v);
    json.put("signature", signature);
    return CanonicalJson.bytes(json);
  }

  /**
   * The keys of a version's manifest before its entries, in their fixed order; in format 2 the last is
   * {@code entries}, the digest of the entries that its signature covers in their place.
   */
  static Map<String, Object> header(ManifestVersion v) {
    var json = new LinkedHashMap<String, Object>();
    json.put("format", v.format() >= 2 ? FORMAT_2 : FORMAT_1);
    json.put("folder", "/" + v.folder());
    json.put("version", v.version());
    json.put("issued", v.issuedAt().toString());
    json.put("change", v.kind());
    json.put("number", v.number());
    json.put("previous", v.previousSha256());
    json.put("key", v.keyUrl());
    json.put("keyId", v.keyId());
    if (v.format() >= 2) {
      json.put("entries", v.entriesSha256());
    }
    return json;
  }

  /** The newest version of the meeting's folder's manifest, if anything was ever published in it. */
  Optional<ManifestVersion> head(long meeting, String folder) {
    return manifests.head(meeting, folder);
  }

  Optional<ManifestVersion> version(long meeting, String folder, int version) {
    return manifests.version(meeting, folder, version);
  }

  /** The files a version lists (withdrawn ones too), by name. */
  List<ManifestEntry> entries(ManifestVersion v) {
    return manifests.entries(v.meetingId(), v.folder(), v.version());
  }

  /**
   * The bytes of a version, exactly as first served: joined from the folder's kept head when the
   * version is the one it describes (the newest, just written: no read of the folder's rows), else
   * rebuilt from its entries and checked against the hashes recorded when it was written.
   */
  byte[] bytes(ManifestVersion v) {
    FolderHead kept = v.format() >= 2 ? heads.getIfPresent(v.meetingId() + ":" + v.folder()) : null;
    if (kept != null) {
      synchronized (kept) {
        if (kept.describes(v)) {
          return kept.bytes(header(v), v.signature());
        }
      }
    }
    List<ManifestEntry> rows = entries(v);
    if (v.format() >= 2) {
      Map<String, Object> json = json(v, FolderHead.ordered(rows));
      @SuppressWarnings("unchecked")
      String digest = EntriesDigest.replay((List<Map<String, Object>>) json.get("files"),
          (List<Map<String, Object>>) json.get("withdrawn"));
      if (digest != null && digest.equals(v.entriesSha256())
          && Digests.sha256Hex(statement(v, v.signature())).equals(v.sha256())) {
        json.put("signature", v.signature());
        return CanonicalJson.bytes(json);
      }
    } else {
      // Entries are in Java's order of names (FolderHead's); versions written before it are in the database's
      // order, the same on H2 and under a C collation, perhaps not under another.
      for (List<ManifestEntry> order : List.of(FolderHead.ordered(rows), rows)) {
        Map<String, Object> json = json(v, order);
        json.put("signature", v.signature());
        byte[] bytes = CanonicalJson.bytes(json);
        if (Digests.sha256Hex(bytes).equals(v.sha256())) {
          return bytes;
        }
      }
    }
    throw new IllegalStateException("The manifest " + v.folder() + " version " + v.version()
        + " no longer matches its recorded SHA-256: the database was changed behind Plenary.");
  }

  /**
   * The length and SHA-256 of the version's MANIFEST.json: recorded for format 1; for format 2 taken
   * from its bytes at the first need and then kept.
   */
  Served served(ManifestVersion v) {
    if (v.format() < 2) {
      return new Served(v.size(), v.sha256());
    }
    return served.get(v.storePath(), path -> {
      byte[] bytes = bytes(v);
      return new Served(bytes.length, Digests.sha256Hex(bytes));
    });
  }

  /** The version's bytes as a file of the document store (written at first need, then kept); its store path. */
  String file(ManifestVersion v) {
    if (!store.exists(v.storePath())) {
      byte[] bytes = bytes(v);
      if (v.format() >= 2) {
        served.put(v.storePath(), new Served(bytes.length, Digests.sha256Hex(bytes)));
      }
      try {
        store.write(v.storePath(), new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE);
      } catch (RuntimeException raced) {
        if (!store.exists(v.storePath())) {
          throw raced;
        }
      }
    }
    return v.storePath();
  }
}
