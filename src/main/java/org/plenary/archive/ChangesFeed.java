package org.plenary.archive;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.plenary.contribution.DocumentAccess;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A group's changes for mirroring tools: each new manifest version of its published folders (a
 * publication, a revision, a withdrawal) with a cursor that grows in commit order, so a client
 * that asks again with the last cursor it saw misses nothing. Only the changes the reader may read
 * ({@link DocumentAccess}); the cursor handed back is the last change returned, so hidden changes
 * leave no trace in it.
 */
@Component
class ChangesFeed {

  /** One file a change added or withdrew. */
  record ChangedFile(String name, String number, long size, String sha256, String state,
      @Schema(nullable = true, description = "Where to download it; null once withdrawn") String url) {}

  /** One change of a published folder. */
  record Change(long cursor, String kind, Instant at, String meeting, String folder,
      @Schema(nullable = true) String number, int manifestVersion,
      @Schema(description = "The manifest version's hash, which the next version names as `previous`: in format 2 "
          + "the SHA-256 of its signed statement (MANIFEST.json without `files` and `withdrawn`), in format 1 "
          + "of the whole file") String manifestSha256,
      List<ChangedFile> files) {}

  /** A page of changes; ask again with {@code since=next}. */
  record Page(List<Change> changes, long next, boolean more) {}

  private static final int SCAN = 500;

  private final Manifests manifests;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final DocumentAccess access;
  private final String baseUrl;

  ChangesFeed(Manifests manifests, GroupCatalog groups, MeetingCatalog meetings, DocumentAccess access,
      @Value("${plenary.base-url}") String baseUrl) {
    this.manifests = manifests;
    this.groups = groups;
    this.meetings = meetings;
    this.access = access;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  /** The group's changes after the cursor (or issued at or after the time), at most {@code limit}. */
  Page changes(String slug, Long cursor, Instant since, int limit, Reader reader) {
    Group group = groups.get(slug);
    long groupId = group.id().value();
    long after = cursor != null ? cursor : since != null ? manifests.cursorBefore(groupId, since) : 0;
    var changes = new ArrayList<Change>();
    long scanned = after;
    // One visible change past the page says whether there is more; hidden ones never count.
    while (changes.size() <= limit) {
      List<ManifestVersion> batch = manifests.changesAfter(groupId, scanned, SCAN);
      for (ManifestVersion v : batch) {
        scanned = v.changeSeq();
        if (access.mayRead(new MeetingId(v.meetingId()), reader)) {
          changes.add(change(v));
          if (changes.size() > limit) {
            break;
          }
        }
      }
      if (batch.size() < SCAN) {
        break;
      }
    }
    boolean more = changes.size() > limit;
    if (more) {
      changes.removeLast();
    }
    long next = changes.isEmpty() ? after : changes.getLast().cursor();
    return new Page(changes, next, more);
  }

  private Change change(ManifestVersion v) {
    var files = manifests.touchedBy(v.meetingId(), v.folder(), v.version()).stream().map(e -> {
      boolean gone = e.withdrawnAt(v.version());
      return new ChangedFile(e.name(), e.number(), e.size(), e.sha256(), gone ? "withdrawn" : "published",
          gone ? null : baseUrl + "/" + e.folder() + e.name());
    }).toList();
    return new Change(v.changeSeq(), v.kind(), v.issuedAt(), meetings.get(new MeetingId(v.meetingId())).code(),
        "/" + v.folder(), v.number(), v.version(), v.sha256(), files);
  }
}
