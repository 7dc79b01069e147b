package org.plenary.contribution;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plenary.group.GroupId;
import org.plenary.meeting.MeetingId;

/** A numbered contribution to a meeting, with every version of its file. */
public record Contribution(
    long id,
    GroupId groupId,
    MeetingId meetingId,
    String number,
    String title,
    String source,
    List<Long> agendaItemIds,
    String contact,
    String allocatedBy,
    Instant allocatedAt,
    List<String> coauthors,
    boolean lateException,
    Instant withdrawnAt,
    List<ContributionFile> files) {

  /** What the register shows. */
  public enum Status { ALLOCATED, INCOMING, PUBLISHED, WITHDRAWN }

  /**
   * Published once a version is, whatever waits since: a revision waiting for the secretariat does not take the
   * published document out of its folder, and saying INCOMING told a client asking "is it published?" no
   * ({@link #revisionWaiting()} says the rest). INCOMING while the first version waits.
   */
  public Status status() {
    if (withdrawnAt != null) {
      return Status.WITHDRAWN;
    }
    if (published().isPresent()) {
      return Status.PUBLISHED;
    }
    return incoming().isPresent() ? Status.INCOMING : Status.ALLOCATED;
  }

  /** The revision waiting for the secretariat while an earlier version stays published, if any. */
  public Optional<ContributionFile> revisionWaiting() {
    return published().isPresent() ? incoming() : Optional.empty();
  }

  /** The version waiting in the incoming folder, if any. */
  public Optional<ContributionFile> incoming() {
    return files.stream().filter(f -> f.state() == FileState.INCOMING).findFirst();
  }

  /** The newest published version, if any. */
  public Optional<ContributionFile> published() {
    return files.stream().filter(f -> f.state() == FileState.PUBLISHED)
        .max(Comparator.comparingInt(ContributionFile::revision));
  }

  /** The version the register describes: the one waiting, else the newest published. */
  public Optional<ContributionFile> current() {
    return incoming().or(this::published);
  }

  /** The revision the next upload must carry: 0 until something is published, then one more. */
  public int nextRevision() {
    return published().map(f -> f.revision() + 1).orElse(0);
  }

  /** The first time any version arrived. */
  public Optional<Instant> receivedAt() {
    return files.stream().map(ContributionFile::uploadedAt).min(Comparator.naturalOrder());
  }

  public boolean late() {
    return current().map(ContributionFile::late).orElse(false);
  }

  /**
   * This contribution with {@code file} in place of its version of the same id, or added last (a new
   * version: the register lists files by id).
   */
  Contribution with(ContributionFile file) {
    var changed = new java.util.ArrayList<ContributionFile>(files.size() + 1);
    boolean replaced = false;
    for (ContributionFile f : files) {
      replaced |= f.id() == file.id();
      changed.add(f.id() == file.id() ? file : f);
    }
    if (!replaced) {
      changed.add(file);
    }
    return new Contribution(id, groupId, meetingId, number, title, source, agendaItemIds, contact, allocatedBy,
        allocatedAt, coauthors, lateException, withdrawnAt, List.copyOf(changed));
  }

  /** Input or output: read from the number's series letter. */
  public DocumentSeries series() {
    return DocumentSeries.of(number);
  }

  /** The expected file name for a revision, without extension: FG-Cloud-I-0012, FG-Cloud-I-0012r1. */
  public String baseName(int revision) {
    return revision == 0 ? number : number + "r" + revision;
  }
}
