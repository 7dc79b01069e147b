package org.plenary.archive;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import org.plenary.shared.UnknownException;
import java.util.Optional;
import org.plenary.contribution.DocumentAccess;
import org.plenary.contribution.DocumentFolders;
import org.plenary.contribution.Reader;
import org.plenary.meeting.Meeting;
import org.plenary.store.DocumentStore;
import org.springframework.stereotype.Component;

/**
 * A published folder as one ZIP: its {@code MANIFEST.json} first, then its files by name, as the
 * newest manifest lists them (optionally only those published after a time). The layout of each
 * (folder, manifest version, since) is computed once and kept, so a resumed download costs only
 * the bytes it asks for. Whether the reader may have it is {@link DocumentAccess}'s answer.
 */
@Component
class FolderArchives {

  /** A ZIP ready to send: its name, tag and time, and its bytes laid out. */
  record Download(String fileName, String etag, Instant modified, ZipArchive zip) {}

  private record Key(long meeting, String folder, int version, Instant since) {}

  private final DocumentAccess access;
  private final ManifestLog log;
  private final DocumentStore store;
  private final DocumentFolders folders;
  /**
   * Layouts by folder version and {@code since}: bounded by their parts (a layout of a large folder
   * weighs as much as thousands of small ones; {@code since} is the client's to vary), and dropped
   * when nobody asked for them for ten minutes.
   */
  private final Cache<Key, ZipArchive> layouts = Caffeine.newBuilder().maximumWeight(200_000)
      .weigher((Key key, ZipArchive zip) -> 1 + zip.parts()).expireAfterAccess(java.time.Duration.ofMinutes(10)).build();

  FolderArchives(DocumentAccess access, ManifestLog log, DocumentStore store, DocumentFolders folders) {
    this.folders = folders;
    this.access = access;
    this.log = log;
    this.store = store;
  }

  /**
   * The ZIP of the meeting's folder {@code kind} ({@code in}, {@code out}); not found while nothing
   * was ever published there. {@code DocumentsPrivateException} when the reader may not read it.
   */
  Download zip(String slug, String code, String kind, Instant since, Reader reader) {
    Meeting meeting = access.readableMeeting(slug, code, reader);
    String folder = "t/fg/" + slug + "/docs/" + meeting.code() + "/" + kind + "/";
    ManifestVersion head = log.head(meeting.id().value(), folder).orElseThrow(() -> new UnknownException("archive",
        "archive.error.noZip", folder));
    ZipArchive zip = layouts.get(new Key(meeting.id().value(), folder, head.version(), since),
        key -> layout(head, since));
    String name = slug + "-" + meeting.code() + "-" + kind;
    String etag = "\"" + log.served(head).sha256() + (since == null ? "" : "-" + since.toEpochMilli()) + "\"";
    return new Download(name + (since == null ? "" : "-since-" + since.getEpochSecond()) + ".zip", etag,
        head.issuedAt(), zip);
  }

  private ZipArchive layout(ManifestVersion head, Instant since) {
    String prefix = head.folder().substring("t/fg/".length()).replace("/docs/", "-").replace('/', '-');
    prefix = prefix.substring(0, prefix.length() - 1) + "/";
    var members = new ArrayList<ZipArchive.Member>();
    members.add(ZipArchive.Member.ofBytes(prefix + ManifestLog.NAME, log.bytes(head), head.issuedAt()));
    for (ManifestEntry e : log.entries(head)) {
      if (!e.withdrawnAt(head.version()) && (since == null || e.publishedAt().isAfter(since))) {
        members.add(new ZipArchive.Member(prefix + e.name(), e.size(), e.crc32(), e.publishedAt(),
            ZipArchive.Content.of(store, e.storePath(), () -> folders.storePathNow(e.number(), e.name(), e.sha256())),
            null));
      }
    }
    return new ZipArchive(members);
  }

  /** An older version of the folder's manifest, as it was served. */
  Optional<byte[]> manifest(String slug, String code, String kind, int version, Reader reader) {
    Meeting meeting = access.readableMeeting(slug, code, reader);
    String folder = "t/fg/" + slug + "/docs/" + meeting.code() + "/" + kind + "/";
    return log.version(meeting.id().value(), folder, version).map(log::bytes);
  }
}
