package org.plenary.contribution;

import java.util.List;
import java.util.function.Function;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.plenary.shared.Unproxied;
import org.springframework.stereotype.Component;

/**
 * The one rule of who may read a meeting's documents: anyone when the meeting's documents are
 * public, otherwise only signed-in readers. Reading means anything of a document — its file,
 * name, number, title, source, size, date or hash — wherever it appears.
 *
 * <p>Every channel that shows documents must ask this rule, and no channel may keep a copy of it:
 * the HTTP folders and their JSON ({@link DocumentFolders}), the FTP gateway's tree, the register
 * page, its CSV, Atom feed and JSON, the API's contributions by number, the document page, and
 * every later channel (a ZIP of a folder, a search, WebDAV…). A cache of what a reader saw must be
 * keyed by what was left out for that reader ({@link DocumentFolders.Listing#variant()}), so that
 * a participant's listing is never served to a stranger.
 *
 * <p>To a reader who may not read them, a private meeting's documents look like documents that do
 * not exist (404, FTP 550 "no such file"), so that names cannot be probed; the meeting's own
 * folders, register and feeds answer {@link DocumentsPrivateException}, as the meeting is public.
 */
@Component
public class DocumentAccess {

  private final MeetingCatalog meetings;
  private final ContributionDesk desk;

  DocumentAccess(MeetingCatalog meetings, ContributionDesk desk) {
    // Only its kept reads are called here (get), which need nothing of the proxy.
    this.meetings = Unproxied.target(meetings, MeetingCatalog.class);
    this.desk = desk;
  }

  /** The rule itself. */
  public boolean mayRead(Meeting meeting, Reader reader) {
    return meeting.documentsPublic() || reader.signedIn();
  }

  public boolean mayRead(MeetingId meeting, Reader reader) {
    return reader.signedIn() || mayRead(meetings.get(meeting), reader);
  }

  public boolean mayRead(Contribution contribution, Reader reader) {
    return mayRead(contribution.meetingId(), reader);
  }

  /** The meeting, whose documents the reader may read, or {@link DocumentsPrivateException}. */
  public Meeting readableMeeting(String slug, String code, Reader reader) {
    Meeting meeting = meetings.get(slug, code);
    if (!mayRead(meeting, reader)) {
      throw new DocumentsPrivateException(meeting.code());
    }
    return meeting;
  }

  /** The meeting's register, or {@link DocumentsPrivateException}. */
  public List<Contribution> register(String slug, String code, Reader reader) {
    readableMeeting(slug, code, reader);
    return desk.register(slug, code);
  }

  /** A page of the meeting's register (see {@link RegisterPage#read}), or {@link DocumentsPrivateException}. */
  RegisterPage registerPage(String slug, String code, Reader reader, String cursor, String after, int limit) {
    return desk.registerPage(readableMeeting(slug, code, reader).id(), cursor, after, limit);
  }

  /**
   * The contribution with this number; to a reader who may not read it, the same refusal as for a
   * number that was never allocated.
   */
  public Contribution contribution(String number, Reader reader) {
    Contribution contribution = desk.get(number);
    if (!mayRead(contribution, reader)) {
      throw ContributionDesk.unknownNumber(number);
    }
    return contribution;
  }

  /** The items the reader may read, in their order; {@code meetingOf} says whose documents each is. */
  public <T> List<T> readable(List<T> items, Function<T, MeetingId> meetingOf, Reader reader) {
    if (reader.signedIn()) {
      return items;
    }
    return items.stream().filter(item -> mayRead(meetingOf.apply(item), reader)).toList();
  }
}
