package org.plenary.archive;

import java.util.List;
import java.util.Optional;
import org.plenary.contribution.FolderEntry;
import org.plenary.contribution.FolderSupplements;
import org.plenary.meeting.MeetingId;
import org.springframework.stereotype.Component;

/**
 * {@code MANIFEST.json} in each published folder, listed and served by the folder itself (HTTP with
 * ETag and ranges, FTP with SIZE, MDTM and RETR), to the readers the folder lets in: the newest
 * version, as a file of the document store.
 */
@Component
class ManifestFiles implements FolderSupplements {

  private final ManifestLog log;

  ManifestFiles(ManifestLog log) {
    this.log = log;
  }

  @Override
  public List<FolderEntry> of(MeetingId meeting, String folder) {
    return log.head(meeting.value(), folder).map(this::entry).stream().toList();
  }

  @Override
  public Optional<FolderEntry> find(MeetingId meeting, String folder, String name) {
    return ManifestLog.NAME.equals(name) ? log.head(meeting.value(), folder).map(this::entry) : Optional.empty();
  }

  private FolderEntry entry(ManifestVersion v) {
    log.file(v);
    ManifestLog.Served file = log.served(v);
    return new FolderEntry(ManifestLog.NAME, false, file.size(), v.issuedAt(), file.sha256(), null,
        "Signed manifest of this folder, version " + v.version(), "", false, v.storePath());
  }
}
