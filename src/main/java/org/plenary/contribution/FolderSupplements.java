package org.plenary.contribution;

import java.util.List;
import java.util.Optional;
import org.plenary.meeting.MeetingId;

/**
 * Files a published folder holds beside its documents, which another module makes (the archive
 * module's signed {@code MANIFEST.json}). The folder lists and serves them like its documents, to
 * the readers who may read the folder, over HTTP and FTP; they change only with the register, so
 * they are cached with the folder's listing. The module that makes them depends on this one, hence
 * this port instead of a call.
 */
public interface FolderSupplements {

  /**
   * The supplements of the meeting's folder at {@code folder}, a store path such as
   * {@code t/fg/cloud/docs/1006-gva/in/} (only the meeting's own: never another's that had its code).
   */
  List<FolderEntry> of(MeetingId meeting, String folder);

  /** The supplement of that name in the meeting's folder, if there is one. */
  Optional<FolderEntry> find(MeetingId meeting, String folder, String name);
}
