package org.plenary.contribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.stereotype.Component;

/**
 * The circular's folders, read from the register: {@code /t/fg/<group>/docs/} holds
 * {@code incoming/} and one folder per meeting code, each holding {@code in/} with the published
 * documents. HTTP and FTP list and serve exactly these.
 */
@Component
public class DocumentFolders {

  /** Where a path of the folder tree points. */
  public record Location(Group group, Meeting meeting, Kind kind) {
    /** Which folder. */
    public enum Kind { DOCS, INCOMING, MEETING, PUBLISHED }
  }

  /** A value computed at a {@link Contributions#version()}. */
  private record Versioned<T>(long version, T value) {}

  private final Map<String, Versioned<List<FolderEntry>>> listings = new ConcurrentHashMap<>();
  private final Map<String, Versioned<Optional<FolderEntry>>> files = new ConcurrentHashMap<>();
  private final ContributionDesk desk;
  private final Contributions contributions;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  DocumentFolders(ContributionDesk desk, Contributions contributions, GroupCatalog groups, MeetingCatalog meetings) {
    this.desk = desk;
    this.contributions = contributions;
    this.groups = groups;
    this.meetings = meetings;
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

  /** The version the folders are at now: listings and files change only when it does. */
  public long version() {
    return contributions.version();
  }

  /** {@code /t/fg/<group>/docs/incoming/}: versions waiting for the secretariat. */
  public List<FolderEntry> incoming(String slug) {
    return cached(listings, "incoming:" + slug, () -> incomingNow(slug));
  }

  /** {@code /t/fg/<group>/docs/<code>/in/}: every published version of the meeting's documents. */
  public List<FolderEntry> published(String slug, String code) {
    return cached(listings, "published:" + slug + "/" + code, () -> publishedNow(slug, code));
  }

  private List<FolderEntry> incomingNow(String slug) {
    // The queue and each contribution's files are read apart: a version replaced in between is skipped.
    return desk.incoming(slug).stream().filter(c -> c.incoming().isPresent())
        .map(c -> FolderEntry.file(c, c.incoming().orElseThrow(), c.incoming().orElseThrow().uploadedAt()))
        .sorted(Comparator.comparing(FolderEntry::name)).toList();
  }

  private List<FolderEntry> publishedNow(String slug, String code) {
    var entries = new ArrayList<FolderEntry>();
    for (Contribution contribution : desk.register(slug, code)) {
      contribution.files().stream().filter(f -> f.state() == FileState.PUBLISHED)
          .forEach(f -> entries.add(FolderEntry.file(contribution, f, f.publishedAt())));
    }
    entries.sort(Comparator.comparing(FolderEntry::name));
    return entries;
  }

  public Optional<FolderEntry> incomingFile(String slug, String name) {
    return fileAt("t/fg/" + slug + "/docs/incoming/" + name, FileState.INCOMING);
  }

  public Optional<FolderEntry> publishedFile(String slug, String code, String name) {
    return fileAt("t/fg/" + slug + "/docs/" + code + "/in/" + name, FileState.PUBLISHED);
  }

  /** One indexed look-up by path, so serving a file does not read the whole register. */
  private Optional<FolderEntry> fileAt(String path, FileState state) {
    return cached(files, path, () -> fileAtNow(path, state));
  }

  private Optional<FolderEntry> fileAtNow(String path, FileState state) {
    return contributions.numberAt(path, state).map(desk::get).flatMap(contribution -> contribution.files().stream()
        .filter(f -> f.state() == state && f.storePath().equals(path)).findFirst()
        .map(f -> FolderEntry.file(contribution, f, state == FileState.PUBLISHED ? f.publishedAt() : f.uploadedAt())));
  }

  /** Whether a published file of that name was withdrawn (answered 410 Gone rather than 404). */
  public boolean withdrawn(String slug, String code, String name) {
    return desk.register(slug, code).stream().flatMap(c -> c.files().stream())
        .anyMatch(f -> f.state() == FileState.WITHDRAWN && f.publishedAt() != null && f.fileName().equals(name));
  }

  /**
   * The value for {@code key} at the current version, computed again only when a contribution
   * changed; the cache is bounded by forgetting everything when it grows past 10,000 keys.
   */
  private <T> T cached(Map<String, Versioned<T>> cache, String key, java.util.function.Supplier<T> compute) {
    long version = contributions.version();
    Versioned<T> hit = cache.get(key);
    if (hit != null && hit.version() == version) {
      return hit.value();
    }
    T value = compute.get();
    if (cache.size() > 10_000) {
      cache.clear();
    }
    cache.put(key, new Versioned<>(version, value));
    return value;
  }

  /** The meeting whose {@code in/} folder this is, or {@code UnknownMeetingException}. */
  public Meeting meeting(String slug, String code) {
    return meetings.get(slug, code);
  }
}
