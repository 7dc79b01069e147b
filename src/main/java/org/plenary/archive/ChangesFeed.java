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
 * publication, a revision, a withdrawal), in commit order, so a client that asks again with the last
 * cursor it saw misses nothing. Only the changes the reader may read ({@link DocumentAccess}).
 *
 * <p>A cursor names one change by what the reader was shown of it: its meeting, its folder and the
 * folder's manifest version ({@code 1006-gva/in/3}), never the group's sequence of changes, whose gaps
 * between two visible changes would count the hidden ones. A folder's versions are all readable or
 * none (a meeting's documents are), so a cursor says nothing the change itself does not. A page with
 * no change hands back what it was asked with ({@code 0}, the cursor, the time): every answer is a
 * function of the changes the reader may read, and a private meeting's activity moves none of it.
 */
@Component
class ChangesFeed {

  /** One file a change added or withdrew. */
  record ChangedFile(String name, String number, long size, String sha256, String state,
      @Schema(nullable = true, description = "Where to download it; null once withdrawn") String url) {}

  /** One change of a published folder. */
  record Change(@Schema(description = "This change's cursor: its meeting, folder and manifest version, "
      + "such as 1006-gva/in/3") String cursor, String kind, Instant at, String meeting, String folder,
      @Schema(nullable = true) String number, int manifestVersion,
      @Schema(description = "The manifest version's hash, which the next version names as `previous`: in format 2 "
          + "the SHA-256 of its signed statement (MANIFEST.json without `files` and `withdrawn`), in format 1 "
          + "of the whole file") String manifestSha256,
      List<ChangedFile> files) {}

  /** A page of changes; ask again with {@code since=next}. */
  record Page(List<Change> changes, @Schema(description = "The cursor to ask with next: the last change's, or "
      + "the `since` asked with when there is none") String next, boolean more) {}

  /** Where a page starts: after a change ({@code seq}), and what {@code next} says when the page is empty. */
  record Start(long seq, String asked) {}

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

  /**
   * Where the changes after {@code since} start for the reader: nothing or {@code 0} at the beginning, a cursor
   * after the change it names, a UTC time at the first change issued then or later. A cursor that names no
   * change the reader may read (a forged one, another group's, a private meeting's to a stranger, a number of
   * the sequence cursors were before) is refused as one that names nothing.
   */
  Start start(String slug, String since, Reader reader) {
    Group group = groups.get(slug); // an unknown group is a 404 whatever the cursor
    String asked = since == null ? "" : since.strip();
    if (asked.isEmpty() || asked.equals("0")) {
      return new Start(0, "0");
    }
    if (asked.contains("/") || asked.matches("[0-9]+")) {
      return after(slug, asked, reader).orElseThrow(
          () -> org.plenary.shared.InvalidInputException.of("since", "archive", "archive.error.cursor"));
    }
    Instant time = ArchiveController.instant(asked);
    return new Start(manifests.cursorBefore(group.id().value(), time), time.toString());
  }

  /** The group's changes after the start, at most {@code limit}, as the reader may read them. */
  Page changes(String slug, Start start, int limit, Reader reader) {
    long groupId = groups.get(slug).id().value();
    var changes = new ArrayList<Change>();
    long scanned = start.seq();
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
    return new Page(changes, changes.isEmpty() ? start.asked() : changes.getLast().cursor(), more);
  }

  /** Where the changes after the change a cursor names start, or empty when it names none the reader may read. */
  private java.util.Optional<Start> after(String slug, String cursor, Reader reader) {
    String[] parts = cursor.strip().split("/");
    if (parts.length < 3 || !parts[parts.length - 1].matches("[0-9]{1,9}")) {
      return java.util.Optional.empty();
    }
    String code = parts[0];
    String rest = String.join("/", java.util.Arrays.asList(parts).subList(1, parts.length - 1));
    int version = Integer.parseInt(parts[parts.length - 1]);
    org.plenary.meeting.Meeting meeting;
    try {
      meeting = meetings.get(slug, code);
    } catch (org.plenary.meeting.UnknownMeetingException unknown) {
      return java.util.Optional.empty();
    }
    if (!access.mayRead(meeting, reader)) {
      return java.util.Optional.empty();
    }
    return manifests.atVersion(meeting.id().value(), version).stream()
        .filter(v -> v.folder().endsWith("/" + code + "/" + rest + "/"))
        .findFirst().map(v -> new Start(v.changeSeq(), cursor(v, code)));
  }

  /** A change's cursor: its meeting's code, its folder within the meeting's and its manifest version. */
  static String cursor(ManifestVersion v, String code) {
    String marker = "/" + code + "/";
    int at = v.folder().lastIndexOf(marker);
    String rest = v.folder().substring(at + marker.length());
    return code + "/" + rest + v.version();
  }

  private Change change(ManifestVersion v) {
    var files = manifests.touchedBy(v.meetingId(), v.folder(), v.version()).stream().map(e -> {
      boolean gone = e.withdrawnAt(v.version());
      return new ChangedFile(e.name(), e.number(), e.size(), e.sha256(), gone ? "withdrawn" : "published",
          gone ? null : baseUrl + "/" + e.folder() + e.name());
    }).toList();
    String code = meetings.get(new MeetingId(v.meetingId())).code();
    return new Change(cursor(v, code), v.kind(), v.issuedAt(), code,
        "/" + v.folder(), v.number(), v.version(), v.sha256(), files);
  }
}
