package org.plenary.contribution;

import java.time.Instant;
import java.util.List;
import org.plenary.meeting.Meeting;

/** A contribution as the API and the register's JSON show it. */
record ContributionResource(
    String number,
    String title,
    String source,
    List<Integer> agendaItems,
    List<Long> agendaItemIds,
    String contact,
    Contribution.Status status,
    int revision,
    String fileName,
    Long size,
    String sha256,
    boolean late,
    Instant allocatedAt,
    Instant receivedAt,
    Instant publishedAt,
    String url,
    String expectedFileName,
    String uploadTo) {

  /** The contribution with its agenda items by id and by their numbers on the meeting's agenda as it stands. */
  static ContributionResource of(Contribution c, String slug, Meeting meeting) {
    String code = meeting.code();
    var current = c.current();
    var published = c.published();
    String url = published.filter(f -> c.status() != Contribution.Status.WITHDRAWN)
        .map(f -> "/t/fg/" + slug + "/docs/" + code + "/in/" + f.fileName()).orElse(null);
    return new ContributionResource(c.number(), c.title(), c.source(), meeting.agendaNumbers(c.agendaItemIds()),
        c.agendaItemIds(), c.contact(), c.status(),
        published.map(ContributionFile::revision).orElse(-1), current.map(ContributionFile::fileName).orElse(null),
        current.map(ContributionFile::size).orElse(null), current.map(ContributionFile::sha256).orElse(null), c.late(),
        c.allocatedAt(), c.receivedAt().orElse(null), published.map(ContributionFile::publishedAt).orElse(null), url,
        c.baseName(c.nextRevision()) + ".<ext>", "/api/v1/contributions/" + c.number() + "/files");
  }
}
