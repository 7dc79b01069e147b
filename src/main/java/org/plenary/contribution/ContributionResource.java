package org.plenary.contribution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plenary.meeting.Meeting;

/**
 * A contribution as the API and the register's JSON show it. The top-level file fields
 * ({@code revision}, {@code fileName}, {@code size}, {@code sha256}, {@code url},
 * {@code publishedAt}) all describe one file, the latest published version; a version waiting in
 * the incoming folder is described apart ({@code incoming}), so that a client that downloads a
 * {@code url} always gets the {@code sha256} beside it.
 */
@Schema(description = "A contribution. The top-level file fields describe the latest published version only; "
    + "a version waiting in the incoming folder is in 'incoming', and every version readers may fetch is in 'files'.")
record ContributionResource(
    String number,
    String title,
    String source,
    List<Integer> agendaItems,
    List<Long> agendaItemIds,
    @Schema(nullable = true) String contact,
    @Schema(description = "PUBLISHED once a version is published (a revision waiting since does not change it: see "
        + "'revisionWaiting'), INCOMING while the first version waits, ALLOCATED before any, WITHDRAWN")
    Contribution.Status status,
    @Schema(description = "Whether a revision waits in the incoming folder while an earlier version stays published "
        + "(it is described in 'incoming')")
    boolean revisionWaiting,
    @Schema(description = "Revision of the latest published file (0 for the original); -1 when none is published")
    int revision,
    @Schema(nullable = true, description = "Name of the latest published file")
    String fileName,
    @Schema(nullable = true, description = "Size in bytes of the latest published file")
    Long size,
    @Schema(nullable = true, description = "SHA-256 (hex) of the latest published file")
    String sha256,
    @Schema(description = "Whether the version the register flags (the waiting one, else the latest published) "
        + "arrived after the contribution deadline; each file says its own in 'late'")
    boolean late,
    Instant allocatedAt,
    @Schema(nullable = true, description = "When the first version arrived") Instant receivedAt,
    @Schema(nullable = true, description = "When the latest published file was published") Instant publishedAt,
    @Schema(nullable = true, description = "Where the latest published file is served (null when none, or withdrawn)")
    String url,
    @Schema(description = "The version waiting in the incoming folder for the secretariat; absent when none waits")
    @JsonInclude(JsonInclude.Include.NON_NULL) FileVersion incoming,
    @Schema(description = "Every version readers may fetch or that was withdrawn, oldest first, each with its own "
        + "name, url, size and SHA-256")
    List<FileVersion> files,
    String expectedFileName,
    String uploadTo) {

  /** One file of a contribution: all its fields describe that file only. */
  @Schema(name = "ContributionFileVersion", description = "One version of a contribution's file")
  record FileVersion(
      @Schema(description = "0 for the original, then 1 for r1…") int revision,
      String fileName,
      @Schema(nullable = true, description = "Where this file is served; null once withdrawn") String url,
      long size,
      @Schema(description = "SHA-256 (hex) of this file") String sha256,
      @Schema(description = "INCOMING (waiting in the incoming folder), PUBLISHED or WITHDRAWN") FileState state,
      boolean late,
      Instant uploadedAt,
      @Schema(nullable = true) Instant publishedAt) {}

  /** The contribution with its agenda items by id and by their numbers on the meeting's agenda as it stands. */
  static ContributionResource of(Contribution c, String slug, Meeting meeting) {
    String code = meeting.code();
    Optional<ContributionFile> published = c.published();
    Optional<FileVersion> latest = published.map(f -> version(f, slug, code));
    List<FileVersion> files = c.files().stream()
        .filter(f -> f.state() == FileState.INCOMING || f.state() == FileState.PUBLISHED
            || f.state() == FileState.WITHDRAWN && f.publishedAt() != null)
        .map(f -> version(f, slug, code)).toList();
    return new ContributionResource(c.number(), c.title(), c.source(), meeting.agendaNumbers(c.agendaItemIds()),
        c.agendaItemIds(), c.contact(), c.status(), c.revisionWaiting().isPresent(),
        published.map(ContributionFile::revision).orElse(-1), latest.map(FileVersion::fileName).orElse(null),
        latest.map(FileVersion::size).orElse(null), latest.map(FileVersion::sha256).orElse(null), c.late(),
        c.allocatedAt(), c.receivedAt().orElse(null), latest.map(FileVersion::publishedAt).orElse(null),
        latest.map(FileVersion::url).orElse(null), c.incoming().map(f -> version(f, slug, code)).orElse(null), files,
        c.baseName(c.nextRevision()) + ".<ext>", "/api/v1/contributions/" + c.number() + "/files");
  }

  /** Where a file in this state is served, if it is. */
  static String url(ContributionFile file, String slug, String code) {
    return switch (file.state()) {
      case INCOMING -> "/t/fg/" + slug + "/docs/incoming/" + file.fileName();
      case PUBLISHED -> "/t/fg/" + slug + "/docs/" + code + "/" + DocumentSeries.of(file.fileName()).folder() + "/"
          + file.fileName();
      default -> null;
    };
  }

  private static FileVersion version(ContributionFile f, String slug, String code) {
    return new FileVersion(f.revision(), f.fileName(), url(f, slug, code), f.size(), f.sha256(), f.state(), f.late(),
        f.uploadedAt(), f.publishedAt());
  }
}
