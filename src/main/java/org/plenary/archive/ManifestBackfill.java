package org.plenary.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.ContributionFile;
import org.plenary.contribution.FileState;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every published folder that has files but no manifest (documents published before the
 * archive existed, or rows lost) its first manifest version, once at start-up. Each folder is
 * written in a transaction of its own under the group's feed lock, the very lock of
 * {@link ManifestLog}, which reads the folder's head again after taking it: two nodes starting
 * together, or a publication racing the back-fill, write the first version once.
 */
@Component
class ManifestBackfill {

  /** The change a back-filled first version names in the manifest and the changes feed. */
  static final String KIND = "BACKFILLED";
  private static final Logger LOG = LoggerFactory.getLogger(ManifestBackfill.class);

  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final ContributionDesk desk;
  private final ManifestLog log;
  private final TransactionTemplate transaction;

  ManifestBackfill(GroupCatalog groups, MeetingCatalog meetings, ContributionDesk desk, ManifestLog log,
      PlatformTransactionManager transactions) {
    this.groups = groups;
    this.meetings = meetings;
    this.desk = desk;
    this.log = log;
    this.transaction = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStartUp() {
    int written = run();
    if (written > 0) {
      LOG.info("Wrote the first manifest of {} published folder(s) that had none.", written);
    }
  }

  /** Writes the missing first versions; answers how many folders got one. */
  int run() {
    int written = 0;
    for (Group group : groups.all()) {
      for (Meeting meeting : meetings.of(group)) {
        for (Map.Entry<String, Contribution> folder : publishedFolders(group, meeting).entrySet()) {
          if (log.head(meeting.id().value(), folder.getKey()).isPresent()) {
            continue;
          }
          Boolean wrote = transaction.execute(status -> log.first(folder.getKey(), folder.getValue(), KIND));
          if (Boolean.TRUE.equals(wrote)) {
            written++;
          }
        }
      }
    }
    return written;
  }

  /** Each folder of the meeting holding published files, with the contribution published there last. */
  private Map<String, Contribution> publishedFolders(Group group, Meeting meeting) {
    var folders = new LinkedHashMap<String, Contribution>();
    var latest = new LinkedHashMap<String, java.time.Instant>();
    for (Contribution contribution : desk.register(group.slug(), meeting.code())) {
      for (ContributionFile file : contribution.files()) {
        if (file.state() != FileState.PUBLISHED || file.publishedAt() == null) {
          continue;
        }
        String folder = file.storePath().substring(0, file.storePath().lastIndexOf('/') + 1);
        if (!latest.containsKey(folder) || file.publishedAt().isAfter(latest.get(folder))) {
          latest.put(folder, file.publishedAt());
          folders.put(folder, contribution);
        }
      }
    }
    return folders;
  }
}
